import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AppStateProvider, useAppState } from "../../app/state";
import { entry } from "../../test/fixtures";
import { mockCore } from "../../test/ipc";
import { SaveQueue } from "../editor/saveQueue";
import { diffLines } from "./diffLines";
import { HistoryPanel } from "./HistoryPanel";

const DIFF = "--- revision 5\n+++ current\n@@ -1,2 +1,2 @@\n # Walk\n-It rained.\n+It <b>poured</b>.\n";

function Reloads() {
  return <output data-testid="reloads">{useAppState().editorReload}</output>;
}

describe("history", () => {
  it("lists revisions, shows the diff as text, and restores after pending saves land", async () => {
    const user = userEvent.setup();
    const order: string[] = [];
    const core = mockCore({
      entry_history: () => [
        { id: 5, entry_id: 10, title: "Walk", body: "It rained.", prompt: "", origin: "writer", created_at: 0, word_count: 2, version: 1 },
        { id: 4, entry_id: 10, title: "Walk", body: "", prompt: "", origin: "crew", created_at: 0, word_count: 0, version: null },
      ],
      entry_diff: () => DIFF,
      entry_revert: () => {
        order.push("revert");
        return entry({ id: 10, body: "It rained." });
      },
    });
    const queue = new SaveQueue({
      save: async () => {
        order.push("save");
      },
    });
    queue.change(10, { body: "typed just now" });
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <AppStateProvider>
          <HistoryPanel entryId={10} queue={queue} />
          <Reloads />
        </AppStateProvider>
      </QueryClientProvider>,
    );
    const items = await screen.findAllByTestId("history-item");
    expect(items).toHaveLength(2);
    expect(items[1]).toHaveTextContent("crew");

    await user.click(items[0]!);
    const diff = await screen.findByTestId("history-diff");
    expect(within(diff).getByText("-It rained.")).toHaveAttribute("data-change", "removed");
    expect(within(diff).getByText("+It <b>poured</b>.")).toHaveAttribute("data-change", "added");
    expect(diff.querySelector("b")).toBeNull();

    await user.click(screen.getAllByTestId("history-restore")[0]!);
    await waitFor(() => expect(core.callsOf("entry_revert")).toEqual([{ id: 10, revision: 5 }]));
    expect(order).toEqual(["save", "revert"]);
    expect(await screen.findByTestId("history-restored")).toBeInTheDocument();
    expect(screen.getByTestId("reloads")).toHaveTextContent("1");
  });

  it("types the lines of a unified diff", () => {
    expect(diffLines(DIFF).map((l) => l.kind)).toEqual(["header", "header", "hunk", "context", "remove", "add"]);
  });
});
