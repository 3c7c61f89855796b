// The library's health: is it damaged, check it, its backups, put one back.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api";
import { keys } from "../keys";
import type { BackupPrune } from "../types";

export function useLibraryStatus() {
  return useQuery({ queryKey: keys.libraryStatus, queryFn: api.libraryStatus });
}

export function useLibraryCheck() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: api.libraryCheck,
    onSuccess: (status) => qc.setQueryData(keys.libraryStatus, status),
  });
}

export function useBackups() {
  return useQuery({ queryKey: keys.backups, queryFn: api.backupList });
}

export function useRestoreLibrary() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (path: string) => api.libraryRestore(path),
    // Everything shown came from the replaced file: read it all again.
    onSuccess: () => qc.invalidateQueries(),
  });
}

export function usePruneBackups() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (prune: BackupPrune) => api.backupPrune(prune),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.backups }),
  });
}
