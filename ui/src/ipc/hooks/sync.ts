// Sync: the account (sign in, set up or unlock, sign out), the background sync's state, and
// reviewing merged entries.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api } from "../api";
import { listenSyncEvents, listenSyncOpen } from "../events";
import { keys } from "../keys";
import type { SyncOpen, UnlockWith } from "../types";
import { keep } from "./events";

export function useSyncStatus() {
  return useQuery({ queryKey: keys.syncStatus, queryFn: api.syncStatus });
}

/**
 * Keeps the background sync's state current from its events. Installed once, at the
 * app's root beside `useLibraryEvents`: each event then updates the cache once, however
 * many views read it.
 */
export function useSyncEvents() {
  const qc = useQueryClient();
  useEffect(
    () =>
      keep(() =>
        listenSyncEvents((state) => {
          qc.setQueryData(keys.syncState, state);
          // The status (signed in, unlocked, outbox) moves with each sync.
          void qc.invalidateQueries({ queryKey: keys.syncStatus });
        }),
      ),
    [qc],
  );
}

/** The background sync's state (kept current by [`useSyncEvents`]). */
export function useSyncState() {
  return useQuery({ queryKey: keys.syncState, queryFn: api.syncState });
}

export function useSyncOpen(handler: (open: SyncOpen) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  }, [handler]);
  useEffect(() => keep(() => listenSyncOpen((o) => latest.current(o))), []);
}

function useSyncMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: keys.syncStatus }),
  });
}

export const useSyncNow = () => useSyncMutation(() => api.syncNow());
export const useSyncSignIn = () => useSyncMutation((server: string) => api.syncSignIn(server));
export const useSyncSetUp = () => useSyncMutation((passphrase: string | null) => api.syncSetUp(passphrase));
export const useSyncUnlock = () =>
  useSyncMutation(({ with: w, secret }: { with: UnlockWith; secret: string }) => api.syncUnlock(w, secret));
export const useSyncSignOut = () => useSyncMutation(() => api.syncSignOut());
export const useSyncDeleteCloudData = () => useSyncMutation(() => api.syncDeleteCloudData());
export const useSyncKeepHere = () =>
  useSyncMutation(({ journalId, keep: k }: { journalId: number; keep: boolean }) => api.syncKeepHere(journalId, k));

/** Whether the signed-in account already has its key (then this device unlocks it). */
export function useAccountHasKeys(enabled: boolean) {
  return useQuery({ queryKey: [...keys.syncStatus, "has-keys"], queryFn: api.syncAccountHasKeys, enabled });
}

export function useMergeReview(id: number) {
  return useQuery({ queryKey: keys.mergeReview(id), queryFn: () => api.entryMergeReview(id) });
}

export function useKeepVersion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, title, body, base }: { id: number; title: string; body: string; base: number }) =>
      api.entryKeepVersion(id, title, body, base),
    onSuccess: (entry) => {
      void qc.invalidateQueries({ queryKey: keys.entry(entry.id) });
      void qc.invalidateQueries({ queryKey: keys.allEntries });
      void qc.invalidateQueries({ queryKey: keys.syncStatus });
    },
  });
}
