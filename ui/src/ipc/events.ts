// Change events from the core (`library-event`, including `changed_elsewhere` for other
// processes' commits) and native menu picks (`menu-action`). Events arriving together
// are coalesced and turned into query invalidations.

import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { UnlistenFn } from "@tauri-apps/api/event";
import { events } from "../bindings";
import { isOwnEcho } from "./echo";
import { keys } from "./keys";
import type { LibraryEvent, ListEntries, ReminderEvent, SyncOpen, SyncState } from "./types";

export type Invalidation = {
  queryKey: QueryKey;
  predicate?: (key: QueryKey) => boolean;
  /** Tells two invalidations with a predicate apart when a batch is deduplicated. */
  id?: string;
};

function entriesOf(journalId: number): Invalidation {
  return {
    queryKey: keys.allEntries,
    id: `entries-of-${journalId}`,
    // Lists of that journal, and the cross-journal ones (starred, tag, trash).
    predicate: (key) => {
      const filter = key[1] as ListEntries | undefined;
      return !filter || filter.journal === null || filter.journal === String(journalId);
    },
  };
}

/** What one event makes stale. */
export function invalidationsFor(event: LibraryEvent): Invalidation[] {
  switch (event.type) {
    case "journal_changed":
      return [{ queryKey: keys.allJournals }, entriesOf(event.journal_id), { queryKey: keys.allStats }, { queryKey: keys.allDays }];
    case "entry_changed": {
      const always: Invalidation[] = [
        { queryKey: keys.history(event.entry_id) },
        { queryKey: keys.allSearch },
        { queryKey: keys.allStats },
        { queryKey: keys.allDays },
      ];
      if (isOwnEcho(event.entry_id)) return always;
      return [
        ...always,
        { queryKey: keys.entry(event.entry_id) },
        entriesOf(event.journal_id),
        { queryKey: keys.allJournals },
      ];
    }
    case "tags_changed":
      // A rename or merge touches any entry: lists, open entries and hits show tags.
      return [
        { queryKey: keys.tags },
        { queryKey: keys.allEntries },
        { queryKey: keys.allEntryDetails },
        { queryKey: keys.allSearch },
      ];
    case "templates_changed":
      return [{ queryKey: keys.templates }];
    case "imported":
      return [
        { queryKey: keys.allJournals },
        entriesOf(event.journal_id),
        { queryKey: keys.tags },
        { queryKey: keys.allSearch },
        { queryKey: keys.allStats },
        { queryKey: keys.allDays },
      ];
    case "changed_elsewhere":
      // Another process wrote (the CLI, a sync): never taken for an echo of our own
      // autosave. Its entries refetch (an open editor shows their text unless the
      // writer has unsaved words); tags, templates and settings it may have changed
      // cannot be told from the file cheaply, so their views refresh too.
      return [
        ...event.entries.flatMap(({ entry_id }) => [
          { queryKey: keys.entry(entry_id) },
          { queryKey: keys.history(entry_id) },
        ]),
        { queryKey: keys.allEntries },
        { queryKey: keys.allJournals },
        { queryKey: keys.tags },
        { queryKey: keys.templates },
        { queryKey: keys.allSearch },
        { queryKey: keys.allStats },
        { queryKey: keys.allDays },
      ];
    case "library_damaged":
      return [];
  }
}

/** Batches events for `delayMs` and invalidates each query key once. */
export function makeEventSink(
  qc: QueryClient,
  onDamaged: (reason: string) => void,
  delayMs = 150,
): (event: LibraryEvent) => void {
  let pending: Invalidation[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const batch = pending;
    pending = [];
    const seen = new Set<string>();
    for (const inv of batch) {
      const id = inv.id ?? JSON.stringify(inv.queryKey);
      if (seen.has(id)) continue;
      seen.add(id);
      void qc.invalidateQueries({
        queryKey: inv.queryKey,
        predicate: inv.predicate ? (q) => inv.predicate!(q.queryKey) : undefined,
      });
    }
  };
  return (event) => {
    if (event.type === "library_damaged") onDamaged(event.reason);
    pending.push(...invalidationsFor(event));
    if (timer === null) timer = setTimeout(flush, delayMs);
  };
}

export function listenLibraryEvents(sink: (event: LibraryEvent) => void): Promise<UnlistenFn> {
  return events.libraryEvent.listen((e) => sink(e.payload));
}

export function listenMenuActions(handler: (action: string) => void): Promise<UnlistenFn> {
  return events.menuAction.listen((e) => handler(String(e.payload)));
}

/** A reminder came due (`due`) or its notification was clicked (`open`). */
export function listenReminderEvents(handler: (event: ReminderEvent) => void): Promise<UnlistenFn> {
  return events.reminderEvent.listen((e) => handler(e.payload));
}

/** The background sync's state changed. */
export function listenSyncEvents(handler: (state: SyncState) => void): Promise<UnlistenFn> {
  return events.syncEvent.listen((e) => handler(e.payload));
}

/** A sync notification was clicked: show the account or the entries to review. */
export function listenSyncOpen(handler: (open: SyncOpen) => void): Promise<UnlistenFn> {
  return events.syncOpenEvent.listen((e) => handler(e.payload));
}
