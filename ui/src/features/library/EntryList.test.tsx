import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppStateProvider, useAppState } from "../../app/state";
import { journal, summary } from "../../test/fixtures";
import { mockCore } from "../../test/ipc";
import { EntryList } from "./EntryList";

// jsdom has no layout: give the list a viewport so the virtualizer has rows to draw.
beforeAll(() => {
  // jsdom lacks DragEvent; a MouseEvent carries the pointer position a drop needs.
  if (!("DragEvent" in window)) Object.assign(window, { DragEvent: class DragEvent extends MouseEvent {} });
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 300 });
});
afterAll(() => {
  // Our getters shadow Element.prototype's; removing them brings jsdom's back.
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
});

function Probe() {
  return <output data-testid="probe">{String(useAppState().entryId)}</output>;
}

function renderList(kind: "diary" | "guided", count: number, handlers: Parameters<typeof mockCore>[0] = {}) {
  const entries = Array.from({ length: count }, (_, i) =>
    summary({ id: i + 1, title: `Entry ${i + 1}`, position: i + 1, date: kind === "diary" ? `2026-01-${String((i % 28) + 1).padStart(2, "0")}` : null }),
  );
  const core = mockCore({
    journal_list: () => [journal({ id: 1, kind, entry_count: count })],
    entry_list: () => entries,
    // Book order as the core keeps it: `id` moves before `before` (to the end when null).
    entry_move: (a) => {
      const from = entries.findIndex((e) => e.id === a.id);
      const [moved] = entries.splice(from, 1);
      const at = a.before === null ? entries.length : entries.findIndex((e) => e.id === a.before);
      entries.splice(at, 0, moved!);
      return moved;
    },
    ...handlers,
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <AppStateProvider initial={{ view: { kind: "journal", journalId: 1 } }}>
        <EntryList view={{ kind: "journal", journalId: 1 }} />
        <Probe />
      </AppStateProvider>
    </QueryClientProvider>,
  );
  return core;
}

describe("entry list", () => {
  it("draws only the visible rows of 10,000 entries", async () => {
    const core = renderList("diary", 10_000);
    const rows = await screen.findAllByTestId("entry-item");
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(core.callsOf("entry_list")[0]).toEqual({
      input: { journal: "1", tag: null, starred: null, trashed: false, limit: null },
    });
  });

  it("opens an entry by click, and by arrows + Enter", async () => {
    const user = userEvent.setup();
    renderList("guided", 5);
    const rows = await screen.findAllByTestId("entry-item");
    await user.click(rows[2]!);
    expect(screen.getByTestId("probe")).toHaveTextContent("3");
    screen.getByTestId("entry-list").focus();
    await user.keyboard("{ArrowDown}{Enter}");
    expect(screen.getByTestId("probe")).toHaveTextContent("4");
  });

  it("in a guided book, Alt+Arrow moves an entry and tells the core where", async () => {
    const user = userEvent.setup();
    const core = renderList("guided", 4);
    const rows = await screen.findAllByTestId("entry-item");
    await user.click(rows[0]!);
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await waitFor(() => expect(core.callsOf("entry_move")).toEqual([{ id: 1, before: 3 }]));
    await waitFor(() =>
      expect(screen.getAllByTestId("entry-item").map((r) => r.querySelector(".entry-row-title")?.textContent)).toEqual([
        "Entry 2",
        "Entry 1",
        "Entry 3",
        "Entry 4",
      ]),
    );
  });

  it("drag and drop reorders a guided book", async () => {
    const core = renderList("guided", 4);
    const rows = await screen.findAllByTestId("entry-item");
    // The upper half of the first row: land above it.
    rows[0]!.getBoundingClientRect = () => new DOMRect(0, 0, 300, 56);
    const dataTransfer = { setData: () => {}, effectAllowed: "" };
    fireEvent.dragStart(rows[3]!, { dataTransfer });
    fireEvent.dragOver(rows[0]!, { dataTransfer, clientY: 10 });
    fireEvent.drop(rows[0]!, { dataTransfer, clientY: 10 });
    await waitFor(() => expect(core.callsOf("entry_move")).toEqual([{ id: 4, before: 1 }]));
  });

  it("diaries do not offer reordering", async () => {
    renderList("diary", 3);
    const rows = await screen.findAllByTestId("entry-item");
    expect(rows[0]).toHaveAttribute("draggable", "false");
  });
});
