// How Markdown looks while you type: headings a little larger (scaled for reading, not
// display), bold and italic styled, the markers (#, *, _, >, `) dimmed so the words stand
// out. Colours and the writer's typography (typeface, size, measure, leading) come from
// CSS variables, so both themes and the Settings work.

import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorView } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

const markdownHighlight = HighlightStyle.define([
  { tag: t.heading1, fontSize: "1.3em", fontWeight: "650", lineHeight: "1.35" },
  { tag: t.heading2, fontSize: "1.15em", fontWeight: "650" },
  { tag: t.heading3, fontSize: "1.05em", fontWeight: "650" },
  { tag: [t.heading4, t.heading5, t.heading6], fontWeight: "650" },
  { tag: t.strong, fontWeight: "700" },
  { tag: t.emphasis, fontStyle: "italic" },
  { tag: t.strikethrough, textDecoration: "line-through" },
  { tag: t.link, color: "var(--accent)", textDecoration: "underline" },
  { tag: t.url, color: "var(--muted)" },
  { tag: t.monospace, fontFamily: "var(--font-mono)", fontSize: "0.92em" },
  { tag: t.quote, fontStyle: "italic", color: "var(--text-soft)" },
  // Markers: present, but quiet.
  { tag: [t.processingInstruction, t.contentSeparator], color: "var(--marker)" },
]);

const editorTheme = EditorView.theme({
  "&": {
    height: "100%",
    fontSize: "var(--editor-font-size)",
    backgroundColor: "transparent",
    color: "var(--text)",
  },
  ".cm-scroller": {
    fontFamily: "var(--font-writing)",
    lineHeight: "var(--editor-line-height)",
  },
  ".cm-content": {
    // The measure counts characters of the text; the padding is added around it.
    maxWidth: "calc(var(--editor-measure) + 2rem)",
    margin: "0 auto",
    padding: "1.5rem 1rem 40vh",
    caretColor: "var(--accent)",
  },
  "&.cm-focused": { outline: "none" },
  "&.cm-focused .cm-content": { outline: "none" },
  ".cm-cursor": { borderLeftColor: "var(--accent)" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground": {
    backgroundColor: "var(--selection) !important",
  },
  ".cm-activeLine": { backgroundColor: "transparent" },
});

export const markdownStyle = [syntaxHighlighting(markdownHighlight), editorTheme];
