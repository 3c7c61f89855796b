// A pending AI suggestion inside the editor: streamed text shown in place with its own
// style, not yet part of the document. Accept inserts it as one undoable change;
// Discard (or Esc) removes it and leaves no trace in the undo history.

import { isolateHistory } from "@codemirror/commands";
import { type EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import { Decoration, type DecorationSet, EditorView, WidgetType, keymap } from "@codemirror/view";
import type { AssistAction } from "../../../ipc";
import { t } from "../../../i18n";

export interface Suggestion {
  action: AssistAction;
  /** The range it replaces (empty for an insertion). */
  from: number;
  to: number;
  text: string;
  streaming: boolean;
}

export const startSuggestion = StateEffect.define<{ action: AssistAction; from: number; to: number }>();
export const appendSuggestion = StateEffect.define<string>();
/** The stream ended; `text` (the core's final, trimmed text) replaces what streamed in. */
export const finishSuggestion = StateEffect.define<{ text: string | null }>();
export const clearSuggestion = StateEffect.define<null>();

export const suggestionField = StateField.define<Suggestion | null>({
  create: () => null,
  update(value, tr) {
    let next = value;
    if (next && tr.docChanged) {
      next = { ...next, from: tr.changes.mapPos(next.from, -1), to: tr.changes.mapPos(next.to, 1) };
    }
    for (const e of tr.effects) {
      if (e.is(startSuggestion)) next = { ...e.value, text: "", streaming: true };
      else if (e.is(appendSuggestion) && next) next = { ...next, text: next.text + e.value };
      else if (e.is(finishSuggestion) && next) {
        next = { ...next, text: e.value.text ?? next.text, streaming: false };
      } else if (e.is(clearSuggestion)) next = null;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field, decorationsFor),
});

class SuggestionWidget extends WidgetType {
  constructor(
    readonly text: string,
    readonly streaming: boolean,
  ) {
    super();
  }

  eq(other: SuggestionWidget): boolean {
    return other.text === this.text && other.streaming === this.streaming;
  }

  toDOM(): HTMLElement {
    const span = document.createElement("span");
    span.className = "cm-ai-suggestion" + (this.streaming ? " cm-ai-streaming" : "");
    span.setAttribute("data-testid", "ai-suggestion");
    span.setAttribute("aria-label", t("ai.pendingLabel"));
    // textContent, never innerHTML: model output is untrusted text.
    span.textContent = this.text || (this.streaming ? "…" : "");
    return span;
  }

  ignoreEvent(): boolean {
    return false;
  }
}

function decorationsFor(s: Suggestion | null): DecorationSet {
  if (!s) return Decoration.none;
  const ranges = [];
  if (s.to > s.from) ranges.push(Decoration.mark({ class: "cm-ai-replaced" }).range(s.from, s.to));
  ranges.push(
    Decoration.widget({ widget: new SuggestionWidget(s.text, s.streaming), side: 1 }).range(s.to),
  );
  return Decoration.set(ranges);
}

/** Where an action's suggestion goes: rephrase replaces the selection, reflect goes at the end. */
export function targetRange(state: EditorState, action: AssistAction): { from: number; to: number } {
  const sel = state.selection.main;
  switch (action) {
    case "rephrase":
      return { from: sel.from, to: sel.to };
    case "reflect":
      return { from: state.doc.length, to: state.doc.length };
    default:
      return { from: sel.head, to: sel.head };
  }
}

/** The text an accepted suggestion puts in the document. */
export function formatInsert(action: AssistAction, text: string, before: string): string {
  const body = text.trim();
  const gap = before.length === 0 ? "" : before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  switch (action) {
    case "rephrase":
      return body;
    case "continue":
      return before.length === 0 || /\s$/.test(before) ? body : ` ${body}`;
    case "suggest_prompt":
      return `${gap}> ${body}\n\n`;
    case "reflect":
      return `${gap}${body
        .split("\n")
        .map((l) => (l.trim() ? `> ${l}` : ">"))
        .join("\n")}\n`;
  }
}

export function pendingSuggestion(state: EditorState): Suggestion | null {
  return state.field(suggestionField, false) ?? null;
}

export function acceptSuggestion(view: EditorView): boolean {
  const s = pendingSuggestion(view.state);
  if (!s || !s.text.trim()) return false;
  const before = view.state.doc.sliceString(0, s.from);
  const insert = formatInsert(s.action, s.text, before);
  view.dispatch({
    changes: { from: s.from, to: s.to, insert },
    effects: clearSuggestion.of(null),
    selection: { anchor: s.from + insert.length },
    scrollIntoView: true,
    userEvent: "input.ai",
    // Its own undo step, never merged with typing just before or after.
    annotations: isolateHistory.of("full"),
  });
  return true;
}

export function discardSuggestion(view: EditorView): boolean {
  if (!pendingSuggestion(view.state)) return false;
  view.dispatch({ effects: clearSuggestion.of(null) });
  return true;
}

export const suggestionExtension = [
  suggestionField,
  Prec.highest(keymap.of([{ key: "Escape", run: discardSuggestion }])),
];
