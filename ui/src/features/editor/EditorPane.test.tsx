import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { EditorView } from "@codemirror/view";
import { emit } from "@tauri-apps/api/event";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockConvertFileSrc } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import { PreferencesProvider } from "../../app/preferences";
import { AppStateProvider, useAppDispatch } from "../../app/state";
import { detail, entry } from "../../test/fixtures";
import { type Handler, mockCore } from "../../test/ipc";
import { keys } from "../../ipc/keys";
import { EditorPane } from "./EditorPane";

const ENTRIES = {
  10: entry({ id: 10, title: "Ten", body: "Hello" }),
  11: entry({ id: 11, title: "Eleven", body: "Other entry" }),
  12: entry({ id: 12, title: "Day 3", body: "", kind: "day", prompt: "What did you notice?", writing_lines: 12 }),
  13: entry({ id: 13, title: "Sea", body: "![sea view](attachments/sea%20view.png)\n\n![far](https://example.com/far.png)" }),
} as const;

/** The core's patch semantics: null leaves a field as it is; a save is a new version. */
function saved(id: unknown, patch: unknown, version = 2) {
  const base = ENTRIES[id as keyof typeof ENTRIES];
  const set = Object.entries(patch as object).filter(([, v]) => v !== null);
  return { entry: { ...base, ...Object.fromEntries(set), version }, merged: false, conflicts: 0 };
}

function Switcher() {
  const dispatch = useAppDispatch();
  return (
    <button type="button" onClick={() => dispatch({ type: "openEntry", entryId: 11 })}>
      open 11
    </button>
  );
}

function renderPane(entryId: number, handlers: Record<string, Handler> = {}) {
  const core = mockCore({
    preferences_get: () => ({ theme: "system", language: "en", focus_mode: false }),
    entry_show: (a) => detail(ENTRIES[a.id as keyof typeof ENTRIES]),
    entry_save: (a) => saved(a.id, a.patch),
    ...handlers,
  });
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <AppStateProvider initial={{ view: { kind: "journal", journalId: 1 }, entryId }}>
        <PreferencesProvider>
          <Switcher />
          <EditorPane />
        </PreferencesProvider>
      </AppStateProvider>
    </QueryClientProvider>,
  );
  return Object.assign(core, { qc });
}

async function editorView(): Promise<EditorView> {
  const content = await screen.findByTestId("editor-content");
  const view = EditorView.findFromDOM(content.closest(".cm-editor") as HTMLElement);
  if (!view) throw new Error("no editor");
  return view;
}

function type(view: EditorView, text: string) {
  act(() => {
    const at = view.state.doc.length;
    view.dispatch({ changes: { from: at, insert: text }, selection: { anchor: at + text.length }, userEvent: "input.type" });
  });
}

const status = () => screen.getByTestId("save-status");

describe("editor autosave", () => {
  it("saves the text after a pause and says so", async () => {
    const core = renderPane(10);
    const view = await editorView();
    expect(view.state.doc.toString()).toBe("Hello");
    type(view, ",");
    type(view, " world");
    expect(status()).toHaveTextContent("Saving…");
    expect(core.callsOf("entry_save")).toHaveLength(0);
    await waitFor(() => expect(status()).toHaveTextContent("Saved"), { timeout: 3000 });
    const saves = core.callsOf("entry_save");
    expect(saves).toHaveLength(1);
    expect(saves[0]).toEqual({ id: 10, base: 1, patch: { body: "Hello, world" } });
    expect(screen.getByTestId("word-count")).toHaveTextContent("2 words");
  });

  it("keeps retrying a failed save with the latest text", async () => {
    let failures = 1;
    const core = renderPane(10, {
      entry_save: (a) => {
        if (failures-- > 0) throw { code: "busy", message: "the library is busy" };
        return saved(a.id, a.patch);
      },
    });
    const view = await editorView();
    type(view, "!");
    await waitFor(() => expect(status()).toHaveTextContent("Couldn't save — retrying"), { timeout: 3000 });
    expect(status()).toHaveAttribute("data-status", "retrying");
    type(view, "?");
    await waitFor(() => expect(status()).toHaveTextContent("Saved"), { timeout: 4000 });
    const bodies = core.callsOf("entry_save").map((a) => (a.patch as { body: string }).body);
    expect(bodies[0]).toBe("Hello!");
    expect(bodies.at(-1)).toBe("Hello!?");
  });

  it("writes a pending change at once when another entry is opened", async () => {
    const core = renderPane(10);
    const view = await editorView();
    type(view, " again");
    act(() => screen.getByText("open 11").click());
    await waitFor(() => expect(core.callsOf("entry_save")).toHaveLength(1), { timeout: 400 });
    expect(core.callsOf("entry_save")[0]).toMatchObject({ id: 10, patch: { body: "Hello again" } });
    await waitFor(async () => expect((await editorView()).state.doc.toString()).toBe("Other entry"));
  });

  it("flushes when the editor loses focus", async () => {
    const core = renderPane(10);
    const view = await editorView();
    type(view, "x");
    act(() => {
      view.contentDOM.dispatchEvent(new FocusEvent("blur"));
    });
    await waitFor(() => expect(core.callsOf("entry_save")).toHaveLength(1), { timeout: 400 });
  });

  it("stores pending text before the window closes, then closes it", async () => {
    const order: string[] = [];
    renderPane(10, {
      entry_save: (a) => {
        order.push("save");
        return saved(a.id, a.patch);
      },
      window_close: () => {
        order.push("destroy");
        return null;
      },
    });
    const view = await editorView();
    type(view, " bye");
    await act(() => emit("tauri://close-requested"));
    await waitFor(() => expect(order).toEqual(["save", "destroy"]), { timeout: 400 });
  });

  it("previews the entry's own images from the library", async () => {
    mockConvertFileSrc("linux");
    const user = userEvent.setup();
    renderPane(13);
    await user.click(await screen.findByTestId("preview-button"));
    const imgs = (await screen.findByTestId("entry-preview")).querySelectorAll("img");
    // The shell's jcc-image scheme: this entry, this file name (as the drop encoded it).
    expect([...imgs].map((i) => i.getAttribute("src"))).toEqual([
      "jcc-image://localhost/13%2Fsea%20view.png",
      "https://example.com/far.png",
    ]);
  });

  it("shows a guided entry's prompt and writing lines", async () => {
    renderPane(12);
    expect(await screen.findByTestId("guided-prompt")).toHaveTextContent("What did you notice?");
    expect(screen.getByTestId("writing-lines")).toHaveTextContent("12 lines");
  });
});

describe("changes from elsewhere", () => {
  it("show in the open editor when the writer has nothing unsaved", async () => {
    const core = renderPane(10);
    const view = await editorView();
    act(() => core.qc.setQueryData(keys.entry(10), detail({ ...ENTRIES[10], body: "Restored from the CLI" })));
    await waitFor(() => expect(view.state.doc.toString()).toBe("Restored from the CLI"));
    await waitFor(() => expect(screen.getByTestId("word-count")).toHaveTextContent("4 words"));
    // Shown, not saved back: an echo save could overwrite a newer version written meanwhile.
    await new Promise((r) => setTimeout(r, 1500));
    expect(core.callsOf("entry_save")).toHaveLength(0);
    expect(status()).not.toHaveTextContent("Saving");
  });

  it("never replace words the writer has not saved yet", async () => {
    const core = renderPane(10);
    const view = await editorView();
    type(view, " mine");
    act(() => core.qc.setQueryData(keys.entry(10), detail({ ...ENTRIES[10], body: "Theirs" })));
    expect(view.state.doc.toString()).toBe("Hello mine");
    await waitFor(() => expect(status()).toHaveTextContent("Saved"), { timeout: 3000 });
    expect(core.callsOf("entry_save").at(-1)).toMatchObject({ id: 10, patch: { body: "Hello mine" } });
  });
});

describe("saves from a base version", () => {
  it("name the version the words started from, then the version they made", async () => {
    let version = 5;
    const core = renderPane(10, {
      entry_show: () => detail({ ...ENTRIES[10], version: 5 }),
      entry_save: (a) => saved(a.id, a.patch, ++version),
    });
    const view = await editorView();
    type(view, " one");
    await waitFor(() => expect(core.callsOf("entry_save")).toHaveLength(1), { timeout: 2000 });
    expect(core.callsOf("entry_save")[0]).toMatchObject({ base: 5 });
    await waitFor(() => expect(status()).toHaveTextContent("Saved"));
    type(view, " two");
    await waitFor(() => expect(core.callsOf("entry_save")).toHaveLength(2), { timeout: 2000 });
    expect(core.callsOf("entry_save")[1]).toMatchObject({ base: 6 });
  });

  it("take a merged text in when nothing newer was typed, and start from it", async () => {
    const merged = "Hello mine\n\nA line from the terminal.";
    const core = renderPane(10, {
      entry_save: (a) =>
        core.callsOf("entry_save").length === 1
          ? { entry: { ...ENTRIES[10], body: merged, version: 4 }, merged: true, conflicts: 0 }
          : saved(a.id, a.patch, 5),
    });
    const view = await editorView();
    type(view, " mine");
    await waitFor(() => expect(view.state.doc.toString()).toBe(merged), { timeout: 2000 });
    expect(screen.getByTestId("merged-notice")).toBeInTheDocument();
    type(view, "!");
    await waitFor(() => expect(core.callsOf("entry_save")).toHaveLength(2), { timeout: 2000 });
    expect(core.callsOf("entry_save")[1]).toMatchObject({ base: 4, patch: { body: `${merged}!` } });
  });

  it("show a merge to review, cleared with one click", async () => {
    const user = userEvent.setup();
    const core = renderPane(10, {
      entry_show: () => detail({ ...ENTRIES[10], review_merge: true }),
      entry_review_done: () => ({ ...ENTRIES[10], review_merge: false }),
    });
    expect(await screen.findByTestId("review-merge")).toHaveTextContent("Review merge");
    await user.click(screen.getByTestId("review-done"));
    await waitFor(() => expect(screen.queryByTestId("review-merge")).toBeNull());
    expect(core.callsOf("entry_review_done")).toEqual([{ id: 10 }]);
  });
});

describe("input-to-paint timing", () => {
  it("records a measure in window.__jccPerf for typed input", async () => {
    window.__jccPerf = [];
    renderPane(10);
    const view = await editorView();
    act(() => {
      view.contentDOM.dispatchEvent(new InputEvent("beforeinput", { inputType: "insertText", data: "a", bubbles: true }));
    });
    type(view, "a");
    await waitFor(() => expect(window.__jccPerf!.length).toBe(1));
    expect(window.__jccPerf![0]).toBeGreaterThanOrEqual(0);
  });
});
