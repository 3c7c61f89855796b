// Renders Markdown through the sanitizer; the only place the UI sets HTML.

import { useMemo } from "react";
import { type ImageSrc, renderMarkdown } from "./sanitize";

export function Markdown({
  text,
  className,
  testId,
  imageSrc,
}: {
  text: string;
  className?: string;
  testId?: string;
  imageSrc?: ImageSrc;
}) {
  const html = useMemo(() => renderMarkdown(text, imageSrc), [text, imageSrc]);
  return (
    <div
      className={`markdown ${className ?? ""}`}
      data-testid={testId}
      // Safe: renderMarkdown's output has been through DOMPurify.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
