// Search, stats, templates and prompts.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api";
import { keys } from "../keys";

export function useSearch(query: string) {
  const q = query.trim();
  return useQuery({
    queryKey: keys.search(q),
    queryFn: () => api.search(q),
    enabled: q.length > 0,
    // Keep the last results on screen while the next query runs: no flicker as you type.
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useStats(journalId: number | null, days = 365) {
  return useQuery({ queryKey: keys.stats(journalId, days), queryFn: () => api.stats(journalId, days) });
}

export function useTemplates() {
  return useQuery({ queryKey: keys.templates, queryFn: api.templateList });
}

export function usePromptToday() {
  return useQuery({ queryKey: keys.promptToday, queryFn: api.promptToday, staleTime: 60 * 60 * 1000 });
}

/** The starter set of writing prompts (a few hundred short lines: filtered in the page). */
export function usePrompts() {
  return useQuery({ queryKey: keys.prompts, queryFn: () => api.promptList(null), staleTime: Infinity });
}

export function useAddTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (t: { name: string; category: string; body: string }) =>
      api.templateAdd(t.name, t.category, t.body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.templates }),
  });
}

export function useRemoveTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.templateRemove(name),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.templates }),
  });
}

export function useTemplateUse() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ name, journalId }: { name: string; journalId: number | null }) =>
      api.templateUse(name, journalId, null),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.allEntries }),
  });
}
