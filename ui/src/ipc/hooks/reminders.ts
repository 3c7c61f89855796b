// Daily writing reminders.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api";
import { keys } from "../keys";
import type { SetReminder } from "../types";

export function useReminders() {
  return useQuery({ queryKey: keys.reminders, queryFn: api.reminderList });
}

export function useSetReminder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SetReminder) => api.reminderSet(input),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.reminders }),
  });
}

export function useRemoveReminder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (journal: number) => api.reminderRemove(journal),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.reminders }),
  });
}

/** Whether the writer's session starts the app, waiting in the tray for the reminders. */
export function useAutostart() {
  return useQuery({ queryKey: keys.autostart, queryFn: api.autostartGet });
}

export function useSetAutostart() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) => api.autostartSet(on),
    onSuccess: (on) => qc.setQueryData(keys.autostart, on),
  });
}
