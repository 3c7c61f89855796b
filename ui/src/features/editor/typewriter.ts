// Typewriter scrolling: every edit or cursor move scrolls the line being written to the
// middle of the window, so the eyes stay in one place while the text moves up.

import { EditorState, type Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";

export const typewriterScrolling: Extension = [
  EditorState.transactionExtender.of((tr) =>
    tr.selection || tr.docChanged
      ? { effects: EditorView.scrollIntoView(tr.newSelection.main.head, { y: "center" }) }
      : null,
  ),
  // Room above the first line too, so even it can sit in the middle.
  EditorView.theme({ ".cm-content": { paddingTop: "40vh" } }),
];
