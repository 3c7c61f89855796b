// Binds a SaveQueue to the core: writes via entrySave, patches cached lists with the
// stored entry, and flushes when the window loses focus or the page goes away.

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, entryPatch, keys, noteOwnWrite, onWindowClose, patchEntryInLists } from "../../ipc";
import type { EntryDetail } from "../../ipc";
import { baseOf, setBase } from "./bases";
import { type Draft, SaveQueue, type SaveStatus } from "./saveQueue";

export function useAutosave(): { queue: SaveQueue; status: SaveStatus; mergedEntry: number | null } {
  const qc = useQueryClient();
  const [status, setStatus] = useState<SaveStatus>("idle");
  // The last entry whose save met a change made elsewhere and was merged.
  const [mergedEntry, setMergedEntry] = useState<number | null>(null);
  const [queue] = useState(
    () =>
      new SaveQueue({
        save: async (id: number, draft: Draft) => {
          noteOwnWrite(id);
          const { entry, merged } = await api.entrySave(
            id,
            entryPatch({
              body: draft.body === undefined ? null : String(draft.body),
              title: draft.title ?? null,
            }),
            baseOf(id),
          );
          noteOwnWrite(id);
          // Stored as sent: the editor now holds that version. Merged: the editor takes
          // the merged text in when it has no newer words (see EntryEditor).
          if (!merged) setBase(id, entry.version);
          else setMergedEntry(id);
          patchEntryInLists(qc, entry);
          qc.setQueryData<EntryDetail>(keys.entry(id), (d) => (d ? { ...d, entry } : d));
        },
        onStatus: (s) => setStatus(s),
      }),
  );

  useEffect(() => {
    const flush = () => void queue.flush();
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    window.addEventListener("blur", flush);
    window.addEventListener("pagehide", flush);
    window.addEventListener("beforeunload", flush);
    document.addEventListener("visibilitychange", onVisibility);
    // Closing the window (title bar or Quit) waits for the last words to be stored.
    let stopClose: (() => void) | null = null;
    let gone = false;
    onWindowClose(() => queue.flush())
      .then((u) => (gone ? u() : (stopClose = u)))
      .catch(() => {
        // Not inside Tauri.
      });
    return () => {
      gone = true;
      stopClose?.();
      window.removeEventListener("blur", flush);
      window.removeEventListener("pagehide", flush);
      window.removeEventListener("beforeunload", flush);
      document.removeEventListener("visibilitychange", onVisibility);
      // Closing the editor writes what is left. No dispose(): React may mount again
      // (StrictMode) and the queue must still work then.
      void queue.flush();
    };
  }, [queue]);

  return { queue, status, mergedEntry };
}
