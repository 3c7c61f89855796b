// Binds a SaveQueue to the core: writes via entrySave, patches cached lists with the
// stored entry, and flushes when the window loses focus or the page goes away.

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, entryPatch, keys, noteOwnWrite, onWindowClose, patchEntryInLists } from "../../ipc";
import type { EntryDetail } from "../../ipc";
import { type Draft, SaveQueue, type SaveStatus } from "./saveQueue";

export function useAutosave(): { queue: SaveQueue; status: SaveStatus } {
  const qc = useQueryClient();
  const [status, setStatus] = useState<SaveStatus>("idle");
  const [queue] = useState(
    () =>
      new SaveQueue({
        save: async (id: number, draft: Draft) => {
          noteOwnWrite(id);
          const entry = await api.entrySave(
            id,
            entryPatch({
              body: draft.body === undefined ? null : String(draft.body),
              title: draft.title ?? null,
            }),
          );
          noteOwnWrite(id);
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

  return { queue, status };
}
