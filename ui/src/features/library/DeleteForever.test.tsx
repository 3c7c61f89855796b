import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { mockCore } from "../../test/ipc";
import { renderInApp } from "../../test/render";
import { DeleteForever } from "./DeleteForever";

const outcome = (holding: number) => ({
  entries: 1,
  journals: 0,
  files: 0,
  log_emptied: true,
  backups_holding: Array.from({ length: holding }, (_, i) => ({
    path: `/d/backups/b${i}.sqlite3`,
    file_name: `b${i}.sqlite3`,
    taken_at: 0,
    size_bytes: 1,
    reason: "daily",
    holds_purged: 1,
  })),
});

function renderEntryPurge(handlers: Parameters<typeof mockCore>[0]) {
  const core = mockCore(handlers);
  const done = vi.fn();
  renderInApp(
    <DeleteForever what={{ entry: 7 }} label="Delete forever" title="Delete this entry forever?" text="Gone for good." testId="purge-entry-button" onDone={done} />,
  );
  return { core, done };
}

describe("delete forever", () => {
  it("asks first, and cancelling deletes nothing", async () => {
    const user = userEvent.setup();
    const { core, done } = renderEntryPurge({ entry_purge: () => outcome(0) });
    await user.click(screen.getByTestId("purge-entry-button"));
    const dialog = screen.getByTestId("confirm-dialog");
    expect(dialog).toHaveTextContent("Gone for good.");
    await user.click(within(dialog).getByTestId("confirm-cancel"));
    expect(screen.queryByTestId("confirm-dialog")).toBeNull();
    expect(core.callsOf("entry_purge")).toHaveLength(0);
    expect(done).not.toHaveBeenCalled();
  });

  it("Escape cancels too", async () => {
    const user = userEvent.setup();
    const { core } = renderEntryPurge({ entry_purge: () => outcome(0) });
    await user.click(screen.getByTestId("purge-entry-button"));
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("confirm-dialog")).toBeNull();
    expect(core.callsOf("entry_purge")).toHaveLength(0);
  });

  it("deletes after confirming", async () => {
    const user = userEvent.setup();
    const { core, done } = renderEntryPurge({ entry_purge: () => outcome(0) });
    await user.click(screen.getByTestId("purge-entry-button"));
    await user.click(screen.getByTestId("confirm-button"));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(core.callsOf("entry_purge")).toEqual([{ id: 7 }]);
    expect(screen.queryByTestId("purged-dialog")).toBeNull();
  });

  it("offers to remove the backups that still hold the deleted text", async () => {
    const user = userEvent.setup();
    const { core, done } = renderEntryPurge({ entry_purge: () => outcome(2), backup_prune: () => [] });
    await user.click(screen.getByTestId("purge-entry-button"));
    await user.click(screen.getByTestId("confirm-button"));
    const note = await screen.findByTestId("purged-dialog");
    expect(note).toHaveTextContent("2 older backups");
    await user.click(within(note).getByTestId("prune-backups-button"));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(core.callsOf("backup_prune")).toEqual([{ prune: { before: null, holding_purged: true } }]);
  });

  it("Empty trash empties it only after confirming", async () => {
    const user = userEvent.setup();
    const core = mockCore({ trash_empty: () => outcome(0) });
    renderInApp(<DeleteForever what="trash" label="Empty trash" title="Empty the trash?" text="All of it." testId="empty-trash-button" />);
    await user.click(screen.getByTestId("empty-trash-button"));
    expect(core.callsOf("trash_empty")).toHaveLength(0);
    await user.click(screen.getByTestId("confirm-button"));
    await waitFor(() => expect(core.callsOf("trash_empty")).toHaveLength(1));
  });
});
