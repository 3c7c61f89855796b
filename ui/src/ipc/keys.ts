// Query keys, shaped so a change event can invalidate exactly what it touches.

import type { ListEntries } from "./types";

export const keys = {
  journals: (trashed: boolean) => ["journals", { trashed }] as const,
  allJournals: ["journals"] as const,
  entries: (filter: ListEntries) => ["entries", filter] as const,
  allEntries: ["entries"] as const,
  entry: (id: number) => ["entry", id] as const,
  allEntryDetails: ["entry"] as const,
  history: (id: number) => ["history", id] as const,
  diff: (id: number, revision: number) => ["history", id, "diff", revision] as const,
  tags: ["tags"] as const,
  search: (query: string) => ["search", query] as const,
  allSearch: ["search"] as const,
  stats: (journalId: number | null, days: number) => ["stats", journalId, days] as const,
  allStats: ["stats"] as const,
  /** The calendar and On this day: whatever changes an entry's words or date touches them. */
  allDays: ["days"] as const,
  calendarMonth: (journal: string | null, year: number, month: number) => ["days", "month", journal, year, month] as const,
  entriesOnDay: (journal: string | null, date: string) => ["days", "day", journal, date] as const,
  onThisDay: (date: string) => ["days", "on-this-day", date] as const,
  templates: ["templates"] as const,
  promptToday: ["prompt-today"] as const,
  prompts: ["prompts"] as const,
  crewThemes: ["crew-themes"] as const,
  titleStyles: ["title-styles"] as const,
  crewStatus: (runId: number) => ["crew-status", runId] as const,
  crewRuns: ["crew-runs"] as const,
  author: ["author"] as const,
  profiles: ["llm-profiles"] as const,
  trimSizes: ["trim-sizes"] as const,
  appInfo: ["app-info"] as const,
  preferences: ["preferences"] as const,
  reminders: ["reminders"] as const,
  libraryStatus: ["library-status"] as const,
  backups: ["backups"] as const,
};
