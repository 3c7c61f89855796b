import { history, undo } from "@codemirror/commands";
import { EditorSelection, EditorState } from "@codemirror/state";
import { EditorView, runScopeHandlers } from "@codemirror/view";
import { afterEach, describe, expect, it } from "vitest";
import {
  acceptSuggestion,
  appendSuggestion,
  discardSuggestion,
  finishSuggestion,
  formatInsert,
  pendingSuggestion,
  startSuggestion,
  suggestionExtension,
  targetRange,
} from "./suggestion";

let view: EditorView | null = null;
afterEach(() => view?.destroy());

function editor(doc: string, cursor = doc.length, anchor = cursor): EditorView {
  view = new EditorView({
    parent: document.body,
    state: EditorState.create({
      doc,
      selection: EditorSelection.single(anchor, cursor),
      extensions: [history(), suggestionExtension],
    }),
  });
  return view;
}

function stream(v: EditorView, action: Parameters<typeof targetRange>[1], chunks: string[], final?: string) {
  v.dispatch({ effects: startSuggestion.of({ action, ...targetRange(v.state, action) }) });
  for (const c of chunks) v.dispatch({ effects: appendSuggestion.of(c) });
  v.dispatch({ effects: finishSuggestion.of({ text: final ?? null }) });
}

describe("pending AI suggestion", () => {
  it("shows streamed text apart from the document until accepted", () => {
    const v = editor("I walked.");
    stream(v, "continue", ["The sun", " was low."]);
    expect(v.state.doc.toString()).toBe("I walked.");
    const widget = v.dom.querySelector("[data-testid=ai-suggestion]");
    expect(widget?.textContent).toBe("The sun was low.");
    expect(widget?.className).toContain("cm-ai-suggestion");
  });

  it("accept inserts it as one change that a single undo takes back", () => {
    const v = editor("I walked.");
    stream(v, "continue", ["The sun", " was low."]);
    expect(acceptSuggestion(v)).toBe(true);
    expect(v.state.doc.toString()).toBe("I walked. The sun was low.");
    expect(pendingSuggestion(v.state)).toBeNull();
    expect(v.dom.querySelector("[data-testid=ai-suggestion]")).toBeNull();
    undo(v);
    expect(v.state.doc.toString()).toBe("I walked.");
  });

  it("accept is separate from typing just before it", () => {
    const v = editor("I walked");
    v.dispatch({ changes: { from: 8, insert: "." }, userEvent: "input.type", selection: { anchor: 9 } });
    stream(v, "continue", ["Home."]);
    acceptSuggestion(v);
    undo(v);
    expect(v.state.doc.toString()).toBe("I walked.");
  });

  it("discard removes it and leaves the text and undo history as they were", () => {
    const v = editor("Dear diary");
    stream(v, "reflect", ["You sound hopeful."]);
    expect(discardSuggestion(v)).toBe(true);
    expect(v.state.doc.toString()).toBe("Dear diary");
    expect(pendingSuggestion(v.state)).toBeNull();
    expect(undo(v)).toBe(false);
  });

  it("Esc discards a pending suggestion", () => {
    const v = editor("Dear diary");
    stream(v, "suggest_prompt", ["What surprised you?"]);
    const handled = runScopeHandlers(v, new KeyboardEvent("keydown", { key: "Escape" }), "editor");
    expect(handled).toBe(true);
    expect(pendingSuggestion(v.state)).toBeNull();
    expect(v.state.doc.toString()).toBe("Dear diary");
  });

  it("rephrase replaces exactly the selection, with the core's final text", () => {
    const v = editor("It was good. Really good.", 12, 0);
    stream(v, "rephrase", ["It was ", "lovely"], "It was lovely.");
    acceptSuggestion(v);
    expect(v.state.doc.toString()).toBe("It was lovely. Really good.");
  });

  it("keeps its place when the writer edits before it", () => {
    const v = editor("abc", 3);
    v.dispatch({ effects: startSuggestion.of({ action: "continue", from: 3, to: 3 }) });
    v.dispatch({ changes: { from: 0, insert: "XY" } });
    v.dispatch({ effects: appendSuggestion.of("def") });
    v.dispatch({ effects: finishSuggestion.of({ text: null }) });
    acceptSuggestion(v);
    expect(v.state.doc.toString()).toBe("XYabc def");
  });

  it("formats each action's insert", () => {
    expect(formatInsert("continue", " more", "text")).toBe(" more");
    expect(formatInsert("continue", "more", "text ")).toBe("more");
    expect(formatInsert("suggest_prompt", "Why?", "para")).toBe("\n\n> Why?\n\n");
    expect(formatInsert("reflect", "One.\n\nTwo?", "para\n")).toBe("\n> One.\n>\n> Two?\n");
  });
});
