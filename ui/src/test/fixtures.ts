// Core-shaped test data.

import type { Entry, EntryDetail, EntrySummary, Journal } from "../ipc";
import { toSummary } from "../ipc/summary";

export function journal(over: Partial<Journal> = {}): Journal {
  return {
    id: 1,
    uuid: "j-1",
    kind: "diary",
    title: "Morning pages",
    subtitle: "",
    theme: "",
    author_voice: "",
    settings: {},
    created_at: 0,
    updated_at: 0,
    trashed_at: null,
    entry_count: 0,
    word_count: 0,
    ...over,
  };
}

export function entry(over: Partial<Entry> = {}): Entry {
  return {
    id: 10,
    uuid: "e-10",
    journal_id: 1,
    kind: "free",
    position: 1,
    date: "2026-03-01",
    day: null,
    title: "A walk",
    body: "Hello there",
    prompt: "",
    writing_lines: 0,
    starred: false,
    word_count: 2,
    tags: [],
    source_key: null,
    created_at: 0,
    updated_at: 0,
    trashed_at: null,
    version: 1,
    review_merge: false,
    ...over,
  };
}

export function detail(e: Entry = entry()): EntryDetail {
  return { entry: e, journal_title: "Morning pages", attachments: [], revisions: 0 };
}

export function summary(over: Partial<Entry> = {}): EntrySummary {
  return toSummary(entry(over));
}
