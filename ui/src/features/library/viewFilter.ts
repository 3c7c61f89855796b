// The entry-list query for a library view.

import type { ListEntries } from "../../ipc";
import type { LibraryView } from "../../app/state";

export function filterFor(view: LibraryView): ListEntries {
  const base: ListEntries = { journal: null, tag: null, starred: null, trashed: false, limit: null };
  switch (view.kind) {
    case "journal":
      return { ...base, journal: String(view.journalId) };
    case "starred":
      return { ...base, starred: true };
    case "trash":
      return { ...base, trashed: true };
    case "tag":
      return { ...base, tag: view.tag };
    case "calendar":
      // The calendar lists a day at a time (useEntriesOnDay), not through this filter.
      return base;
  }
}
