// "Put back": a recovered draft goes into its entry as a normal save of the writer's
// text from the version it started from (merged with anything saved since; a revision
// keeps what the entry held before), then its copy is removed.

import type { QueryClient } from "@tanstack/react-query";
import { api, entryPatch, keys, patchEntryInLists, type EntryDetail } from "../../ipc";
import type { Draft as KeptText } from "../../ipc";

export async function putBack(qc: QueryClient, draft: KeptText): Promise<void> {
  // From the version the words started from: anything saved since is merged, not lost.
  const { entry } = await api.entrySave(
    draft.entry_id,
    entryPatch({ title: draft.title, body: draft.body }),
    draft.base ?? null,
  );
  patchEntryInLists(qc, entry);
  qc.setQueryData<EntryDetail>(keys.entry(entry.id), (d) => (d ? { ...d, entry } : d));
  void qc.invalidateQueries({ queryKey: keys.history(entry.id) });
  await api.draftDiscard(draft.entry_id);
}
