// Entry lists hold summaries (no body). After a save the core returns the full entry;
// this turns it into the list's shape so the cached list is patched, not refetched.
// The excerpt mirrors jcc-app's `summaries::excerpt`.

import type { Entry, EntrySummary } from "./types";

const EXCERPT_CHARS = 120;

export function excerpt(body: string): string {
  let out = "";
  for (const line of body.split(/\r?\n/)) {
    const text = line
      .trimStart()
      .replace(/^[#>\-*+]+/, "")
      .replace(/[*_`]/g, "");
    for (const word of text.split(/\s+/).filter(Boolean)) {
      if ([...out].length + [...word].length + 1 > EXCERPT_CHARS) return `${out}…`;
      out = out ? `${out} ${word}` : word;
    }
  }
  return out;
}

export function toSummary(e: Entry): EntrySummary {
  return {
    id: e.id,
    journal_id: e.journal_id,
    kind: e.kind,
    position: e.position,
    date: e.date,
    day: e.day,
    title: e.title,
    excerpt: excerpt(e.body),
    starred: e.starred,
    word_count: e.word_count,
    tags: e.tags,
    updated_at: e.updated_at,
    trashed_at: e.trashed_at,
    review_merge: e.review_merge,
  };
}
