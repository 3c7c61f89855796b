// Renders Markdown through the sanitizer; the only place the UI sets HTML.

import { useMemo } from "react";
import { renderMarkdown } from "./sanitize";

export function Markdown({ text, className, testId }: { text: string; className?: string; testId?: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return (
    <div
      className={`markdown ${className ?? ""}`}
      data-testid={testId}
      // Safe: renderMarkdown's output has been through DOMPurify.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
