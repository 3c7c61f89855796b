// LLM endpoint profiles, app info, trim sizes, the author profile, crew themes and runs.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api";
import { keys } from "../keys";
import type { AddProfile, AuthorProfileInput, SavedTheme } from "../types";

export function useProfiles() {
  // Detecting local servers probes ports; only worth it while no profile exists.
  return useQuery({ queryKey: keys.profiles, queryFn: () => api.llmList(true) });
}

export function useAddProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, apiKey }: { input: AddProfile; apiKey: string | null }) =>
      api.llmAdd(input, apiKey),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.profiles }),
  });
}

export function useRemoveProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.llmRemove(name),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.profiles }),
  });
}

export function useTestProfile() {
  return useMutation({ mutationFn: (name: string) => api.llmTest(name) });
}

export function useAppInfo() {
  return useQuery({ queryKey: keys.appInfo, queryFn: api.appInfo, staleTime: Infinity });
}

export function useTrimSizes() {
  return useQuery({ queryKey: keys.trimSizes, queryFn: api.bookTrims, staleTime: Infinity });
}

export function useCrewThemes() {
  return useQuery({ queryKey: keys.crewThemes, queryFn: api.crewThemes });
}

/** The crew's title styles (fixed for a build). */
export function useTitleStyles() {
  return useQuery({ queryKey: keys.titleStyles, queryFn: api.crewTitleStyles, staleTime: Infinity });
}

export function useSaveCrewTheme() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (theme: SavedTheme) => api.crewSaveTheme(theme),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.crewThemes }),
  });
}

/** How many earlier runs the crew dialog lists. */
const RECENT_RUNS = 10;

/** The latest crew runs, newest first (to resume one or open what it wrote). */
export function useCrewRuns() {
  return useQuery({ queryKey: keys.crewRuns, queryFn: () => api.crewList(RECENT_RUNS) });
}

export function useAuthor() {
  return useQuery({ queryKey: keys.author, queryFn: api.authorGet });
}

export function useSaveAuthor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (profile: AuthorProfileInput) => api.authorSet(profile),
    onSuccess: (saved) => qc.setQueryData(keys.author, saved),
  });
}
