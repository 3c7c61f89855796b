// One entry: detail, history, diffs, restore, attachments.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api";
import { keys } from "../keys";
import type { EntryDetail } from "../types";
import { patchEntryInLists } from "./library";

export function useEntry(id: number | null) {
  return useQuery({
    queryKey: keys.entry(id ?? -1),
    queryFn: () => api.entryShow(id!),
    enabled: id !== null,
  });
}

export function useHistory(id: number | null) {
  return useQuery({
    queryKey: keys.history(id ?? -1),
    queryFn: () => api.entryHistory(id!),
    enabled: id !== null,
  });
}

export function useDiff(id: number, revision: number | null) {
  return useQuery({
    queryKey: keys.diff(id, revision ?? -1),
    queryFn: () => api.entryDiff(id, revision!),
    enabled: revision !== null,
  });
}

export function useRevert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, revision }: { id: number; revision: number }) => api.entryRevert(id, revision),
    onSuccess: (entry) => {
      patchEntryInLists(qc, entry);
      // The editor reloads from this detail after a restore.
      qc.setQueryData<EntryDetail>(keys.entry(entry.id), (d) => (d ? { ...d, entry } : d));
      return Promise.all([
        qc.invalidateQueries({ queryKey: keys.entry(entry.id) }),
        qc.invalidateQueries({ queryKey: keys.history(entry.id) }),
      ]);
    },
  });
}

/** "Looks right" on a merged entry: its review mark goes. */
export function useReviewDone() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.entryReviewDone(id),
    onSuccess: (entry) => {
      patchEntryInLists(qc, entry);
      qc.setQueryData<EntryDetail>(keys.entry(entry.id), (d) => (d ? { ...d, entry } : d));
    },
  });
}

export function useTagEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, add, remove }: { id: number; add: string[]; remove: string[] }) =>
      api.entryTag(id, add, remove),
    onSuccess: (entry) => {
      patchEntryInLists(qc, entry);
      qc.setQueryData<EntryDetail>(keys.entry(entry.id), (d) => (d ? { ...d, entry } : d));
      return qc.invalidateQueries({ queryKey: keys.tags });
    },
  });
}
