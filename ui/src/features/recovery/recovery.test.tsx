import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { EditorView } from "@codemirror/view";
import { emit } from "@tauri-apps/api/event";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { PreferencesProvider } from "../../app/preferences";
import { AppStateProvider } from "../../app/state";
import { detail, entry } from "../../test/fixtures";
import { type Handler, mockCore } from "../../test/ipc";
import { EditorPane } from "../editor/EditorPane";
import { RecoveredDrafts } from "./RecoveredDrafts";

const HARBOUR = entry({ id: 10, title: "Harbour", body: "Low tide." });

function renderApp(handlers: Record<string, Handler>) {
  const core = mockCore({
    preferences_get: () => ({ theme: "system", language: "en", focus_mode: false }),
    entry_show: () => detail(HARBOUR),
    draft_list: () => [],
    ...handlers,
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <AppStateProvider initial={{ view: { kind: "journal", journalId: 1 }, entryId: 10 }}>
        <PreferencesProvider>
          <EditorPane />
          <RecoveredDrafts />
        </PreferencesProvider>
      </AppStateProvider>
    </QueryClientProvider>,
  );
  return core;
}

async function typeInEditor(text: string) {
  const content = await screen.findByTestId("editor-content");
  const view = EditorView.findFromDOM(content.closest(".cm-editor") as HTMLElement)!;
  act(() => {
    const at = view.state.doc.length;
    view.dispatch({ changes: { from: at, insert: text }, userEvent: "input.type" });
  });
}

describe("saves that keep failing", () => {
  it("say why, keep a copy, and closing asks instead of dropping the words", { timeout: 15000 }, async () => {
    const user = userEvent.setup();
    const kept: unknown[] = [];
    const destroyed: number[] = [];
    const core = renderApp({
      entry_save: () => {
        throw { code: "io", message: "the library at /x could not be written (readonly)" };
      },
      draft_keep: (a) => void kept.push(a.draft),
      draft_discard: () => null,
      window_close: () => void destroyed.push(1),
    });
    await typeInEditor(" The gulls.");
    const banner = await screen.findByTestId("save-problem", {}, { timeout: 3000 });
    expect(banner).toHaveTextContent("can't be written");
    expect(banner).toHaveTextContent("Check the folder");
    await waitFor(() => expect(banner).toHaveTextContent("kept beside the library"));
    // With the version the words started from, so putting them back merges.
    expect(kept[0]).toEqual({ entry_id: 10, title: null, body: "Low tide. The gulls.", base: HARBOUR.version });

    await act(() => emit("tauri://close-requested"));
    const prompt = await screen.findByTestId("close-prompt", {}, { timeout: 5000 });
    expect(prompt).toHaveTextContent("Low tide. The gulls.");
    expect(destroyed).toEqual([]);
    await user.click(screen.getByTestId("close-keep-open"));
    expect(screen.queryByTestId("close-prompt")).toBeNull();
    expect(destroyed).toEqual([]);

    await act(() => emit("tauri://close-requested"));
    await user.click(await screen.findByTestId("close-discard", {}, { timeout: 5000 }));
    await waitFor(() => expect(destroyed).toEqual([1]));
    expect(core.callsOf("draft_discard")).toContainEqual({ entryId: 10 });
  });
});

describe("text recovered at start", () => {
  it("is listed with its entry and put back through a save", async () => {
    const user = userEvent.setup();
    const core = renderApp({
      draft_list: () => [
        {
          draft: { entry_id: 10, title: null, body: "Low tide. Words from last night.", base: 3 },
          kept_at: Date.UTC(2026, 11, 3, 21, 30),
          entry_title: "Harbour",
        },
      ],
      entry_save: (a) => ({ entry: { ...HARBOUR, ...(a.patch as object) }, merged: false, conflicts: 0 }),
      draft_discard: () => null,
    });
    const dialog = await screen.findByTestId("recovered-drafts");
    expect(dialog).toHaveTextContent("Harbour");
    expect(dialog).toHaveTextContent("Words from last night.");
    await user.click(screen.getByTestId("recovered-put-back"));
    await waitFor(() => expect(screen.queryByTestId("recovered-drafts")).toBeNull());
    expect(core.callsOf("entry_save")).toEqual([
      { id: 10, patch: { body: "Low tide. Words from last night." }, base: 3 },
    ]);
    expect(core.callsOf("draft_discard")).toEqual([{ entryId: 10 }]);
  });
});
