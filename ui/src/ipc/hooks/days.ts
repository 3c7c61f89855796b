// The calendar's month, one day's entries, and On this day.

import { useQuery } from "@tanstack/react-query";
import { api } from "../api";
import { keys } from "../keys";

export function useCalendarMonth(journal: string | null, year: number, month: number) {
  return useQuery({
    queryKey: keys.calendarMonth(journal, year, month),
    queryFn: () => api.calendarMonth(journal, year, month),
  });
}

export function useEntriesOnDay(journal: string | null, date: string | null) {
  return useQuery({
    queryKey: keys.entriesOnDay(journal, date ?? ""),
    queryFn: () => api.entriesOnDay(journal, date!),
    enabled: date !== null,
  });
}

export function useOnThisDay(date: string) {
  return useQuery({ queryKey: keys.onThisDay(date), queryFn: () => api.onThisDay(date) });
}
