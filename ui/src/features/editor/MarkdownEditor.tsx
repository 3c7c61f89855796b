// The CodeMirror 6 Markdown editor. It owns its document after mount (the parent keys it
// by entry), reports changes as the immutable document, and hands its view to the
// parent for AI suggestions and image drops.

import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { Annotation, Compartment, EditorSelection, EditorState, type Text } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { useEffect, useRef } from "react";
import { type Suggestion, pendingSuggestion, suggestionExtension } from "./ai/suggestion";
import { markdownStyle } from "./markdownStyle";
import { inputPerf } from "./perf";
import { typewriterScrolling } from "./typewriter";

/**
 * Marks a change that brings in text the library already holds (another writer's save):
 * it is shown, not reported as the writer's edit, so it is never saved back over a
 * newer version.
 */
export const fromLibrary = Annotation.define<boolean>();

export interface MarkdownEditorProps {
  initialDoc: string;
  label: string;
  /** The writer changed the text. */
  onChange: (doc: Text) => void;
  /** The text was replaced with the library's (a `fromLibrary` change). */
  onReplaced?: (doc: Text) => void;
  onBlur?: () => void;
  onView?: (view: EditorView | null) => void;
  onSuggestion?: (s: Suggestion | null) => void;
  /** Keep the line being written in the middle of the window. */
  typewriter?: boolean;
}

export function MarkdownEditor(props: MarkdownEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const initial = useRef({ doc: props.initialDoc, label: props.label, typewriter: props.typewriter === true });
  const typewriter = useRef(new Compartment());
  const viewRef = useRef<EditorView | null>(null);

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    let lastSuggestion: Suggestion | null = null;
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: initial.current.doc,
        // Writers pick up where they stopped: the cursor starts at the end.
        selection: EditorSelection.cursor(initial.current.doc.length),
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          markdown({ base: markdownLanguage }),
          EditorView.lineWrapping,
          markdownStyle,
          typewriter.current.of(initial.current.typewriter ? typewriterScrolling : []),
          suggestionExtension,
          inputPerf,
          EditorView.contentAttributes.of({
            "aria-label": initial.current.label,
            "aria-multiline": "true",
            "data-testid": "editor-content",
          }),
          EditorView.domEventHandlers({
            blur: () => {
              latest.current.onBlur?.();
              return false;
            },
          }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) {
              const replaced = u.transactions.every((tr) => !tr.docChanged || tr.annotation(fromLibrary));
              if (replaced) latest.current.onReplaced?.(u.state.doc);
              else latest.current.onChange(u.state.doc);
            }
            const s = pendingSuggestion(u.state);
            if (s !== lastSuggestion) {
              lastSuggestion = s;
              latest.current.onSuggestion?.(s);
            }
          }),
        ],
      }),
    });
    viewRef.current = view;
    latest.current.onView?.(view);
    return () => {
      viewRef.current = null;
      latest.current.onView?.(null);
      view.destroy();
    };
  }, []);

  const on = props.typewriter === true;
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch({ effects: typewriter.current.reconfigure(on ? typewriterScrolling : []) });
    if (on) view.dispatch({ effects: EditorView.scrollIntoView(view.state.selection.main.head, { y: "center" }) });
  }, [on]);

  return <div className="editor-host" ref={host} />;
}
