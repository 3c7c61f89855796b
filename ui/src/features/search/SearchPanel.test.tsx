import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AppStateProvider, useAppState } from "../../app/state";
import type { SearchHit } from "../../ipc";
import { mockCore } from "../../test/ipc";
import { nextIndex } from "./navigation";
import { SearchPanel } from "./SearchPanel";

function hit(id: number, title: string, journalId = 1): SearchHit {
  return {
    entry_id: id,
    journal_id: journalId,
    journal_title: "Morning pages",
    kind: "free",
    title,
    date: "2026-03-01",
    starred: false,
    tags: ["garden"],
    snippet: [
      { text: "a long ", hit: false },
      { text: "walk", hit: true },
      { text: " by the river", hit: false },
    ],
    rank: -1,
  };
}

function Probe() {
  const s = useAppState();
  return <output data-testid="probe">{JSON.stringify({ entryId: s.entryId, view: s.view, dialog: s.dialog })}</output>;
}

function renderPanel() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <AppStateProvider initial={{ dialog: "search" }}>
        <SearchPanel />
        <Probe />
      </AppStateProvider>
    </QueryClientProvider>,
  );
}

function setup() {
  const core = mockCore({
    search: () => ({ total: 3, offset: 0, hits: [hit(11, "First"), hit(12, "Second"), hit(13, "Third", 2)] }),
  });
  renderPanel();
  return core;
}

describe("search", () => {
  it("sends the query syntax as typed and shows highlighted snippets", async () => {
    const user = userEvent.setup();
    const core = setup();
    await user.type(screen.getByTestId("search-input"), 'walk tag:garden "river bank"');
    const results = await screen.findAllByTestId("search-result");
    expect(results).toHaveLength(3);
    expect(core.callsOf("search").at(-1)).toEqual({ input: { query: 'walk tag:garden "river bank"', limit: 50, offset: 0 } });
    expect(results[0]!.querySelector("mark")).toHaveTextContent("walk");
    expect(screen.getByTestId("search-help")).toHaveTextContent("tag:garden");
    expect(screen.getByTestId("search-count")).toHaveTextContent("3 results");
    expect(screen.queryByTestId("search-more")).toBeNull();
  });

  it("says how many hits there are in all and loads the rest page by page", async () => {
    const user = userEvent.setup();
    // 120 hits in all, served in the pages the window asks for.
    const core = mockCore({
      search: (args) => {
        const { limit, offset } = (args as { input: { limit: number; offset: number } }).input;
        const ids = Array.from({ length: Math.max(0, Math.min(limit, 120 - offset)) }, (_, i) => offset + i + 1);
        return { total: 120, offset, hits: ids.map((id) => hit(id, `Entry ${id}`)) };
      },
    });
    renderPanel();
    await user.type(screen.getByTestId("search-input"), "walk");
    await waitFor(() => expect(screen.getAllByTestId("search-result")).toHaveLength(50));
    expect(screen.getByTestId("search-count")).toHaveTextContent("Showing 50 of 120 results");

    await user.click(screen.getByTestId("search-more"));
    await waitFor(() => expect(screen.getAllByTestId("search-result")).toHaveLength(100));
    expect(screen.getByTestId("search-count")).toHaveTextContent("Showing 100 of 120 results");
    expect(screen.getByTestId("search-more")).toHaveTextContent("Show 20 more");

    await user.click(screen.getByTestId("search-more"));
    await waitFor(() => expect(screen.getAllByTestId("search-result")).toHaveLength(120));
    expect(screen.getByTestId("search-count")).toHaveTextContent("120 results");
    expect(screen.queryByTestId("search-more")).toBeNull();
    const titles = screen.getAllByTestId("search-result").map((r) => r.getAttribute("data-entry-id"));
    expect(new Set(titles).size).toBe(120);
    const asked = core.callsOf("search").map((c) => (c as { input: { query: string; offset: number } }).input);
    expect(asked.filter((i) => i.query === "walk").map((i) => i.offset)).toEqual([0, 50, 100]);
  });

  it("moves through results with the arrow keys and opens one with Enter", async () => {
    const user = userEvent.setup();
    setup();
    const input = screen.getByTestId("search-input");
    await user.type(input, "walk");
    await screen.findAllByTestId("search-result");
    const selected = () => screen.getAllByTestId("search-result").map((r) => r.getAttribute("aria-selected"));

    await user.keyboard("{ArrowDown}");
    expect(selected()).toEqual(["true", "false", "false"]);
    expect(input).toHaveAttribute("aria-activedescendant", "search-hit-11");
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(selected()).toEqual(["false", "false", "true"]);
    await user.keyboard("{ArrowDown}"); // wraps to the top
    expect(selected()).toEqual(["true", "false", "false"]);
    await user.keyboard("{ArrowUp}"); // and back to the bottom
    expect(selected()).toEqual(["false", "false", "true"]);
    expect(input).toHaveFocus();

    await user.keyboard("{Enter}");
    await waitFor(() =>
      expect(JSON.parse(screen.getByTestId("probe").textContent!)).toEqual({
        entryId: 13,
        view: { kind: "journal", journalId: 2 },
        dialog: null,
      }),
    );
  });

  it("shows the core's message for a query it can't read", async () => {
    const user = userEvent.setup();
    mockCore({
      search: () => {
        throw { code: "invalid_input", message: "before: can't read \"someday\" as a date" };
      },
    });
    renderPanel();
    await user.type(screen.getByTestId("search-input"), "before:someday");
    expect(await screen.findByTestId("search-error")).toHaveTextContent("can't read");
  });
});

describe("nextIndex", () => {
  it("wraps and handles empty lists", () => {
    expect(nextIndex("ArrowDown", -1, 3)).toBe(0);
    expect(nextIndex("ArrowDown", 2, 3)).toBe(0);
    expect(nextIndex("ArrowUp", 0, 3)).toBe(2);
    expect(nextIndex("ArrowUp", -1, 3)).toBe(2);
    expect(nextIndex("End", 0, 3)).toBe(2);
    expect(nextIndex("ArrowDown", 0, 0)).toBeNull();
    expect(nextIndex("a", 0, 3)).toBeNull();
  });
});
