// Search, stats, templates and prompts.

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api";
import { keys } from "../keys";

/** Hits per page the search window loads; "Show more" loads the next page. */
export const SEARCH_PAGE = 50;

export function useSearch(query: string) {
  const q = query.trim();
  return useInfiniteQuery({
    queryKey: keys.search(q),
    queryFn: ({ pageParam }) => api.search(q, SEARCH_PAGE, pageParam),
    initialPageParam: 0,
    // The next page starts where this one ended, until every hit of the total is loaded.
    getNextPageParam: (last) => {
      const next = last.offset + last.hits.length;
      return last.hits.length > 0 && next < last.total ? next : undefined;
    },
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
