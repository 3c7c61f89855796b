// Images dropped on the editor: each is attached to the entry by the core (which copies
// the file into the library) and referenced in the text as Markdown where it was dropped.

import type { EditorView } from "@codemirror/view";
import { useEffect, useRef } from "react";
import { api, listenFileDrops } from "../../ipc";

const IMAGE = /\.(png|jpe?g|gif|webp)$/i;

export function isImagePath(path: string): boolean {
  return IMAGE.test(path);
}

/** `![name](attachments/name)`; the book export finds the image by its file name. */
export function imageMarkdown(filename: string): string {
  const alt = filename.replace(/\.[^.]+$/, "").replace(/[[\]]/g, "");
  return `![${alt}](attachments/${encodeURIComponent(filename)})`;
}

/** The file name an `attachments/<name>` image source names, or null for any other source. */
export function attachmentName(src: string): string | null {
  const m = /^attachments\/([^/?#]+)$/.exec(src);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

export function useImageDrop(
  entryId: number | null,
  view: EditorView | null,
  report: (ok: boolean, name: string, message?: string) => void,
): void {
  const latest = useRef(report);
  useEffect(() => {
    latest.current = report;
  }, [report]);

  useEffect(() => {
    if (entryId === null || !view) return;
    let unlisten: (() => void) | null = null;
    let gone = false;
    const onDrop = async (paths: string[], at: { x: number; y: number }) => {
      const pos = view.posAtCoords(at) ?? view.state.selection.main.head;
      for (const path of paths.filter(isImagePath)) {
        const name = path.split(/[\\/]/).pop() ?? path;
        try {
          const attachment = await api.entryAttach(entryId, path);
          const text = `\n${imageMarkdown(attachment.filename)}\n`;
          const insertAt = Math.min(pos, view.state.doc.length);
          view.dispatch({ changes: { from: insertAt, insert: text }, userEvent: "input.drop" });
          latest.current(true, attachment.filename);
        } catch (e) {
          latest.current(false, name, e instanceof Error ? e.message : String(e));
        }
      }
    };
    try {
      listenFileDrops((paths, at) => void onDrop(paths, at))
        .then((u) => (gone ? u() : (unlisten = u)))
        .catch(() => {});
    } catch {
      // Not inside Tauri.
    }
    return () => {
      gone = true;
      unlisten?.();
    };
  }, [entryId, view]);
}
