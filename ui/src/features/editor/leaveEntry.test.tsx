// Leaving an entry: an empty one is not kept (after its last save), and a new entry
// opens with the cursor in the editor.

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { EditorView } from "@codemirror/view";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { PreferencesProvider } from "../../app/preferences";
import { AppStateProvider, useAppDispatch } from "../../app/state";
import { useNewEntry } from "../library/useNewEntry";
import { detail, entry } from "../../test/fixtures";
import { type Handler, mockCore } from "../../test/ipc";
import { EditorPane } from "./EditorPane";

const entries = new Map([
  [10, entry({ id: 10, title: "Ten", body: "Hello" })],
  [20, entry({ id: 20, title: "", body: "" })],
]);

function Controls() {
  const dispatch = useAppDispatch();
  const { newEntry } = useNewEntry();
  return (
    <>
      <button type="button" onClick={() => dispatch({ type: "openEntry", entryId: 10 })}>
        open 10
      </button>
      <button type="button" onClick={newEntry}>
        new entry
      </button>
    </>
  );
}

function renderPane(entryId: number | null, handlers: Record<string, Handler> = {}) {
  const core = mockCore({
    preferences_get: () => ({ theme: "system", language: "en", focus_mode: false }),
    entry_show: (a) => detail(entries.get(a.id as number)),
    entry_save: (a) => ({ entry: { ...entries.get(a.id as number), ...(a.patch as object) }, merged: false, conflicts: 0 }),
    entry_add: () => entries.get(20),
    entry_discard_if_empty: () => true,
    entry_list: () => [],
    ...handlers,
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <AppStateProvider initial={{ view: { kind: "journal", journalId: 1 }, entryId }}>
        <PreferencesProvider>
          <Controls />
          <EditorPane />
        </PreferencesProvider>
      </AppStateProvider>
    </QueryClientProvider>,
  );
  return core;
}

async function editorView(): Promise<EditorView> {
  const content = await screen.findByTestId("editor-content");
  const view = EditorView.findFromDOM(content.closest(".cm-editor") as HTMLElement);
  if (!view) throw new Error("no editor");
  return view;
}

describe("leaving an entry", () => {
  it("New entry puts the cursor in the new entry's editor", async () => {
    const core = renderPane(10);
    await editorView();
    await userEvent.click(screen.getByText("new entry"));
    await waitFor(() => expect(screen.getByTestId("entry-title")).toHaveValue(""));
    const view = await editorView();
    await waitFor(() => expect(view.hasFocus).toBe(true));
    expect(document.activeElement).toBe(view.contentDOM);
    expect(core.callsOf("entry_add")).toHaveLength(1);
  });

  it("offers the entry left behind to the core once its text is stored", async () => {
    const order: string[] = [];
    const core = renderPane(20, {
      entry_save: (a) => {
        order.push("save");
        return { entry: { ...entries.get(20), ...(a.patch as object) }, merged: false, conflicts: 0 };
      },
      entry_discard_if_empty: (a) => {
        order.push(`discard ${String(a.id)}`);
        return false;
      },
    });
    const view = await editorView();
    act(() => {
      view.dispatch({ changes: { from: 0, insert: "x" }, userEvent: "input.type" });
    });
    await userEvent.click(screen.getByText("open 10"));
    await waitFor(() => expect(core.callsOf("entry_discard_if_empty")).toEqual([{ id: 20 }]));
    // The pending word was written first, so the core sees it and keeps the entry.
    expect(order).toEqual(["save", "discard 20"]);
  });

  it("does not offer the entry that stays open", async () => {
    const core = renderPane(10);
    await editorView();
    await userEvent.click(screen.getByText("open 10"));
    await editorView();
    expect(core.callsOf("entry_discard_if_empty")).toEqual([]);
  });

  it("a new entry left for another one is discarded", async () => {
    const core = renderPane(10);
    await editorView();
    await userEvent.click(screen.getByText("new entry"));
    await waitFor(() => expect(screen.getByTestId("entry-title")).toHaveValue(""));
    await userEvent.click(screen.getByText("open 10"));
    await waitFor(() => expect(core.callsOf("entry_discard_if_empty")).toEqual([{ id: 10 }, { id: 20 }]));
  });
});
