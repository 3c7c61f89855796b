import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it } from "vitest";
import { useSyncEvents } from "../../ipc";
import { mockCore } from "../../test/ipc";
import { renderInApp } from "../../test/render";
import { SyncStatusBar } from "./SyncStatusBar";

/** The sidebar as the app holds it: the root listens to the sync's events. */
function WithEvents() {
  useSyncEvents();
  return <SyncStatusBar />;
}

const base = { error: null, pushed: 0, pulled: 0, review: 0, last_sync: null };

describe("the sidebar's sync line", () => {
  it("shows nothing while sync is off", async () => {
    const core = mockCore({ sync_state: () => ({ ...base, phase: "off" }) });
    const { container } = renderInApp(<SyncStatusBar />);
    await new Promise((r) => setTimeout(r, 50));
    expect(core.callsOf("sync_state")).toHaveLength(1);
    expect(container.querySelector("[data-testid=sync-status]")).toBeNull();
  });

  it("follows the background sync's events: syncing, synced with counts, offline; Sync now asks for one", async () => {
    const user = userEvent.setup();
    const core = mockCore({ sync_state: () => ({ ...base, phase: "synced" }), sync_now: () => null });
    renderInApp(<WithEvents />);
    expect(await screen.findByTestId("sync-status")).toHaveTextContent("Synced");
    await emit("sync-event", { ...base, phase: "syncing" });
    expect(await screen.findByText("Syncing…")).toBeInTheDocument();
    expect(screen.getByTestId("sync-now")).toBeDisabled();
    await emit("sync-event", { ...base, phase: "synced", pushed: 2, pulled: 5, review: 1 });
    expect(await screen.findByText("Synced · sent 2, received 5")).toBeInTheDocument();
    expect(screen.getByTestId("sync-review-count")).toHaveTextContent("1 to review");
    await emit("sync-event", { ...base, phase: "offline" });
    expect(await screen.findByText("Offline: changes wait here")).toBeInTheDocument();
    await user.click(screen.getByTestId("sync-now"));
    expect(core.callsOf("sync_now")).toHaveLength(1);
  });

  it("sends the writer to the account when a sign-in expired", async () => {
    mockCore({ sync_state: () => ({ ...base, phase: "needs_sign_in" }) });
    renderInApp(<SyncStatusBar />);
    expect(await screen.findByText("Sync: sign in again")).toBeInTheDocument();
    expect(screen.getByTestId("sync-open-account")).toBeInTheDocument();
    expect(screen.queryByTestId("sync-now")).toBeNull();
  });
});
