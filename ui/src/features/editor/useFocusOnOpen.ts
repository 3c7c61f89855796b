// After "New entry" (or Ctrl+N) the writer types at once: the cursor goes into the
// editor as soon as the new entry's editor is on screen.

import { EditorView } from "@codemirror/view";
import { type RefObject, useEffect } from "react";
import { useAppDispatch, useAppState } from "../../app/state";

/** `shown` is the id of the entry whose editor is mounted inside `pane` (or null). */
export function useFocusOnOpen(pane: RefObject<HTMLElement | null>, shown: number | null): void {
  const { entryId, focusEditor } = useAppState();
  const dispatch = useAppDispatch();
  useEffect(() => {
    if (!focusEditor || shown === null || shown !== entryId) return;
    // The editor mounts in this same commit, and children's effects run first.
    const dom = pane.current?.querySelector<HTMLElement>(".cm-editor");
    const view = dom ? EditorView.findFromDOM(dom) : null;
    if (!view) return;
    view.focus();
    dispatch({ type: "editorFocused" });
  }, [focusEditor, shown, entryId, pane, dispatch]);
}
