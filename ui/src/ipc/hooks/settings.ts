// LLM endpoint profiles, app info, trim sizes, crew themes.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api";
import { keys } from "../keys";
import type { AddProfile } from "../types";

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
