// Markdown to safe HTML: marked renders, DOMPurify strips anything that could run
// (scripts, event handlers, javascript: URLs, forms, frames). Entry text and model output
// are both untrusted here.

import DOMPurify from "dompurify";
import { Marked } from "marked";

const marked = new Marked({ gfm: true, breaks: false, async: false });

const PURIFY = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe", "object", "embed"],
  FORBID_ATTR: ["style", "srcset", "formaction"],
  ALLOW_DATA_ATTR: false,
};

let hooked = false;

function purifier(): typeof DOMPurify {
  if (!hooked) {
    hooked = true;
    // Links open nothing inside the app window and leak no opener.
    DOMPurify.addHook("afterSanitizeAttributes", (node) => {
      if (node.tagName === "A") {
        node.setAttribute("rel", "noopener noreferrer");
        node.setAttribute("target", "_blank");
      }
    });
  }
  return DOMPurify;
}

export function sanitizeHtml(html: string): string {
  return purifier().sanitize(html, PURIFY);
}

/** Maps an image's `src` as written to where the window loads it (null: leave it). */
export type ImageSrc = (src: string) => string | null;

export function renderMarkdown(markdown: string, imageSrc?: ImageSrc): string {
  const html = sanitizeHtml(marked.parse(markdown) as string);
  return imageSrc ? resolveImages(html, imageSrc) : html;
}

/**
 * Points images at what `imageSrc` says, after sanitizing: only `src` changes, to a URL
 * the app makes. A template's content is inert, so parsing here runs nothing.
 */
function resolveImages(html: string, imageSrc: ImageSrc): string {
  const tpl = document.createElement("template");
  tpl.innerHTML = html;
  let changed = false;
  for (const img of tpl.content.querySelectorAll("img[src]")) {
    const next = imageSrc(img.getAttribute("src") ?? "");
    if (next !== null) {
      img.setAttribute("src", next);
      changed = true;
    }
  }
  return changed ? tpl.innerHTML : html;
}
