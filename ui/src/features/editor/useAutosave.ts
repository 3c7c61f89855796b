// Binds a SaveQueue to the core: writes via entrySave, patches cached lists with the
// stored entry, and flushes when the window loses focus or the page goes away. A failed
// save's text is copied to disk by the DraftKeeper (features/recovery); closing the
// window is guarded there too (useCloseGuard).

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, entryPatch, keys, noteOwnWrite, patchEntryInLists } from "../../ipc";
import type { EntryDetail } from "../../ipc";
import { DraftKeeper, type KeepState, draftStore } from "../recovery/draftKeeper";
import { baseOf, setBase } from "./bases";
import { type Draft, SaveQueue, type SaveStatus } from "./saveQueue";

export interface Autosave {
  queue: SaveQueue;
  status: SaveStatus;
  /** The last entry whose save met a change made elsewhere and was merged. */
  mergedEntry: number | null;
  /** The error of the last failed save while saves keep failing; null once one succeeds. */
  failure: unknown;
  keeper: DraftKeeper;
  /** Whether the last copy of unsaved text reached the disk. */
  kept: KeepState | null;
}

export function useAutosave(): Autosave {
  const qc = useQueryClient();
  const [status, setStatus] = useState<SaveStatus>("idle");
  const [mergedEntry, setMergedEntry] = useState<number | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [kept, setKept] = useState<KeepState | null>(null);
  const [keeper] = useState(() => new DraftKeeper(draftStore, setKept));
  const [queue] = useState(
    () =>
      new SaveQueue({
        save: keeper.wrap(async (id: number, draft: Draft) => {
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
        }),
        onStatus: (s, error) => {
          setStatus(s);
          // A save went through (or none has failed yet): the problem is over.
          setFailure(s === "retrying" ? (error ?? null) : null);
        },
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
    return () => {
      window.removeEventListener("blur", flush);
      window.removeEventListener("pagehide", flush);
      window.removeEventListener("beforeunload", flush);
      document.removeEventListener("visibilitychange", onVisibility);
      // Closing the editor writes what is left. No dispose(): React may mount again
      // (StrictMode) and the queue must still work then.
      void queue.flush();
    };
  }, [queue]);

  return { queue, status, mergedEntry, failure, keeper, kept };
}
