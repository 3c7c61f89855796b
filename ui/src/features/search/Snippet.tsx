// A search snippet: the core marks which pieces matched; hits become <mark> elements.
// Built as React text nodes, so entry text can never be read as HTML.

import type { SnippetSpan } from "../../ipc";

export function Snippet({ spans }: { spans: SnippetSpan[] }) {
  return (
    <span className="snippet">
      {spans.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </span>
  );
}
