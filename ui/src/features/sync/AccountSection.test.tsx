import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockCore } from "../../test/ipc";
import { renderInApp } from "../../test/render";
import { AccountSection } from "./AccountSection";

const WORDS = "abandon ability able about above absent absorb abstract absurd abuse access accident account accuse achieve acid acoustic acquire across act action actor actress actual";

function status(over: Record<string, unknown> = {}) {
  return { signed_in: false, unlocked: false, server: null, outbox: 0, last_sync: null, kept_here: [], kept_here_ids: [], review: 0, ...over };
}

const synced = { phase: "synced", error: null, pushed: 0, pulled: 0, review: 0, last_sync: null };

describe("Settings -> Account", () => {
  it("signs in, sets a passphrase, and shows the recovery key until the writer says it is saved", async () => {
    const user = userEvent.setup();
    let now = status();
    const core = mockCore({
      sync_status: () => now,
      sync_state: () => synced,
      sync_sign_in: (a) => {
        now = status({ signed_in: true, server: a.server });
        return { server: a.server, account_has_keys: false };
      },
      sync_account_has_keys: () => false,
      sync_set_up: () => {
        now = status({ signed_in: true, unlocked: true, server: "https://sync.example.org" });
        return { recovery_key: WORDS };
      },
    });
    renderInApp(<AccountSection />);
    await user.type(await screen.findByTestId("sync-server"), "https://sync.example.org");
    await user.click(screen.getByTestId("sync-sign-in"));
    await waitFor(() => expect(core.callsOf("sync_sign_in")).toEqual([{ server: "https://sync.example.org" }]));

    await user.type(await screen.findByTestId("sync-passphrase"), "correct horse");
    await user.type(screen.getByTestId("sync-passphrase-again"), "correct horsE");
    await user.click(screen.getByTestId("sync-set-up-button"));
    expect(await screen.findByRole("alert")).toHaveTextContent("The two passphrases differ.");
    expect(core.callsOf("sync_set_up")).toHaveLength(0);
    await user.clear(screen.getByTestId("sync-passphrase-again"));
    await user.type(screen.getByTestId("sync-passphrase-again"), "correct horse");
    await user.click(screen.getByTestId("sync-set-up-button"));
    await waitFor(() => expect(core.callsOf("sync_set_up")).toEqual([{ passphrase: "correct horse" }]));

    const words = await screen.findByTestId("sync-recovery-words");
    expect(words.querySelectorAll("li")).toHaveLength(24);
    // Going on needs the writer to say the key is saved.
    expect(screen.getByTestId("sync-recovery-done")).toBeDisabled();
    await user.click(screen.getByTestId("sync-recovery-saved"));
    await user.click(screen.getByTestId("sync-recovery-done"));
    expect(await screen.findByTestId("sync-signed-in")).toHaveTextContent("Signed in to https://sync.example.org");
    expect(screen.queryByTestId("sync-recovery-words")).toBeNull();
  });

  it("unlocks another device with the recovery key and shows a refusal in words", async () => {
    const user = userEvent.setup();
    const core = mockCore({
      sync_status: () => status({ signed_in: true, server: "https://sync.example.org" }),
      sync_state: () => ({ ...synced, phase: "locked" }),
      sync_account_has_keys: () => true,
      sync_unlock: () => {
        throw { code: "wrong_secret", message: "the recovery key does not unlock this account" };
      },
    });
    renderInApp(<AccountSection />);
    await user.click(await screen.findByTestId("sync-unlock-recovery_key"));
    await user.type(screen.getByTestId("sync-secret"), WORDS);
    await user.click(screen.getByTestId("sync-unlock-button"));
    expect(await screen.findByTestId("sync-error")).toHaveTextContent("doesn't unlock the account");
    expect(core.callsOf("sync_unlock")).toEqual([{ method: "recovery_key", secret: WORDS }]);
  });

  it("asks before deleting the cloud data", async () => {
    const user = userEvent.setup();
    const core = mockCore({
      sync_status: () => status({ signed_in: true, unlocked: true, server: "https://sync.example.org" }),
      sync_state: () => synced,
      sync_delete_cloud_data: () => null,
    });
    renderInApp(<AccountSection />);
    await user.click(await screen.findByTestId("sync-delete-cloud"));
    await user.click(screen.getByTestId("confirm-cancel"));
    expect(core.callsOf("sync_delete_cloud_data")).toHaveLength(0);
    await user.click(screen.getByTestId("sync-delete-cloud"));
    await user.click(screen.getByTestId("confirm-button"));
    await waitFor(() => expect(core.callsOf("sync_delete_cloud_data")).toHaveLength(1));
  });
});
