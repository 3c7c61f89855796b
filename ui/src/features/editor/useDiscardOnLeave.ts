// An entry left empty is not kept. When the writer moves on (another entry, a new one,
// another journal), the entry they leave is written out first and then offered to the
// core, which deletes it only if it is still empty (no title, text, tags, star, images
// or revisions). Anything typed, even while a save is still failing, keeps it: the offer
// waits for the save queue to empty. Closing the window is covered by the shell, which
// offers the entries it created when the app exits.

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api, keys } from "../../ipc";
import type { SaveQueue } from "./saveQueue";

export function useDiscardOnLeave(entryId: number | null, queue: SaveQueue): void {
  const qc = useQueryClient();
  const open = useRef(entryId);
  useEffect(() => {
    // Compared with the entry open before, not run as a cleanup: React's StrictMode
    // re-runs effects on mount, which is no leaving.
    const left = open.current;
    open.current = entryId;
    if (left === null || left === entryId) return;
    void (async () => {
      await queue.flush();
      // Back on it already: it is the writer's again.
      if (open.current === left) return;
      const gone = await api.entryDiscardIfEmpty(left);
      if (gone) {
        qc.removeQueries({ queryKey: keys.entry(left), exact: true });
        await qc.invalidateQueries({ queryKey: keys.allEntries });
      }
    })().catch(() => {
      // Kept: an empty entry in the list is harmless, and the next leave tries again.
    });
  }, [entryId, queue, qc]);
}
