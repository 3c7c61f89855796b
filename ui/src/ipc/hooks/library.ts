// Journals, entry lists and tags.

import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, entryPatch } from "../api";
import { invalidationsFor } from "../events";
import { keys } from "../keys";
import { toSummary } from "../summary";
import type { AddEntry, Entry, EntrySummary, ListEntries, NewJournalInput } from "../types";

export function useJournals(trashed = false) {
  return useQuery({ queryKey: keys.journals(trashed), queryFn: () => api.journalList(trashed) });
}

export function useEntries(filter: ListEntries | null) {
  return useQuery({
    queryKey: keys.entries(filter ?? { journal: null, tag: null, starred: null, trashed: false, limit: null }),
    queryFn: () => api.entryList(filter!),
    enabled: filter !== null,
  });
}

export function useTags() {
  return useQuery({ queryKey: keys.tags, queryFn: api.tagList });
}

export function useCreateJournal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewJournalInput) => api.journalNew(input),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.allJournals }),
  });
}

export function useTrashJournal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, restore }: { id: number; restore: boolean }) =>
      restore ? api.journalRestore(id) : api.journalTrash(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.allJournals }),
  });
}

export function useCreateEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AddEntry) => api.entryAdd(input),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: keys.allEntries }),
        qc.invalidateQueries({ queryKey: keys.allJournals }),
      ]),
  });
}

export function useTrashEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, restore }: { id: number; restore: boolean }) =>
      restore ? api.entryRestore(id) : api.entryTrash(id),
    onSuccess: (entry) => {
      qc.setQueryData(keys.entry(entry.id), undefined);
      return qc.invalidateQueries({ queryKey: keys.allEntries });
    },
  });
}

/** Deleting for good: a trashed entry, a trashed journal, or the whole trash. */
export function usePurge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (what: { entry: number } | { journal: number } | "trash") =>
      what === "trash" ? api.trashEmpty() : "entry" in what ? api.entryPurge(what.entry) : api.journalPurge(what.journal),
    onSuccess: (_, what) => {
      if (what !== "trash" && "entry" in what) qc.removeQueries({ queryKey: keys.entry(what.entry) });
      return Promise.all([
        qc.invalidateQueries({ queryKey: keys.allEntries }),
        qc.invalidateQueries({ queryKey: keys.allJournals }),
        qc.invalidateQueries({ queryKey: keys.tags }),
        qc.invalidateQueries({ queryKey: keys.backups }),
      ]);
    },
  });
}

export function useToggleStar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, starred }: { id: number; starred: boolean }) =>
      api.entrySave(id, entryPatch({ starred })),
    onSuccess: ({ entry }) => {
      patchEntryInLists(qc, entry);
      return qc.invalidateQueries({ queryKey: keys.entry(entry.id) });
    },
  });
}

/**
 * Drag to reorder: shows the new order at once (optimistic), asks the core to move the
 * entry before its new neighbour, and puts the old order back if the core refuses.
 */
export function useMoveEntry(filter: ListEntries) {
  const qc = useQueryClient();
  const key = keys.entries(filter);
  return useMutation({
    mutationFn: ({ id, before }: { id: number; before: number | null; order: EntrySummary[] }) =>
      api.entryMove(id, before),
    onMutate: async ({ order }) => {
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<EntrySummary[]>(key);
      qc.setQueryData(key, order);
      return { previous };
    },
    onError: (_e, _v, context) => {
      if (context?.previous) qc.setQueryData(key, context.previous);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}

/** Puts a changed entry into every cached list holding it (no refetch of 10,000 rows). */
export function patchEntryInLists(qc: QueryClient, entry: Entry): void {
  qc.setQueriesData<EntrySummary[]>({ queryKey: keys.allEntries }, (list) => {
    if (!list) return list;
    const i = list.findIndex((e) => e.id === entry.id);
    if (i < 0) return list;
    const next = list.slice();
    next[i] = toSummary(entry);
    return next;
  });
}

/** Renames a tag everywhere (or merges it into an existing one). */
export function useRenameTag() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ from, to }: { from: string; to: string }) => api.tagRename(from, to),
    // At once, as the core's tags_changed event will (which comes a moment later).
    onSuccess: () =>
      Promise.all(
        invalidationsFor({ type: "tags_changed" }).map((inv) => qc.invalidateQueries({ queryKey: inv.queryKey })),
      ),
  });
}
