// Models that run on this computer: the folder, the catalog, and the profile that uses one.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api";
import { keys } from "../keys";

export function useLocalModels() {
  return useQuery({ queryKey: keys.localModels, queryFn: api.modelOverview });
}

/** After a change to the folder or the profiles: both lists are read again. */
function useRefresh() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: keys.localModels }),
      qc.invalidateQueries({ queryKey: keys.profiles }),
    ]);
}

export function useAddModel() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (path: string) => api.modelAdd(path), onSuccess: refresh });
}

export function useRemoveModel() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (name: string) => api.modelRemove(name), onSuccess: refresh });
}

export function useUseModel() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (name: string) => api.modelUse(name), onSuccess: refresh });
}

/** Reads the folder and the profiles again (a download finished elsewhere in the window). */
export function useRefreshModels() {
  return useRefresh();
}
