// Ordering of the entry list: diaries newest first, guided books in book order, and the
// arithmetic of a drag (which neighbour the moved entry now sits before).

import type { EntrySummary, JournalKind } from "../../ipc";

export function sortEntries(entries: EntrySummary[], kind: JournalKind | "mixed"): EntrySummary[] {
  if (kind === "guided") return entries; // the core lists book order already
  return [...entries].sort((a, b) => {
    const da = a.date ?? "";
    const db = b.date ?? "";
    if (da !== db) return da < db ? 1 : -1;
    // Same day: the later entry (higher id) first.
    return b.id - a.id;
  });
}

/**
 * Moves the entry at `from` to index `to` (its index after the move). Returns the new
 * order and the id it now sits before (null: at the end), which is what the core's
 * move command takes.
 */
export function reorder<E extends { id: number }>(
  list: E[],
  from: number,
  to: number,
): { order: E[]; before: number | null } | null {
  if (from === to || from < 0 || from >= list.length || to < 0 || to >= list.length) return null;
  const order = list.slice();
  const [moved] = order.splice(from, 1);
  if (!moved) return null;
  order.splice(to, 0, moved);
  return { order, before: order[to + 1]?.id ?? null };
}

/** What the list shows for an entry without a title: its first words. */
export function entryLabel(e: Pick<EntrySummary, "title" | "excerpt">, fallback: string): string {
  if (e.title.trim()) return e.title.trim();
  const plain = e.excerpt.trim();
  return plain ? (plain.length > 80 ? `${plain.slice(0, 80)}…` : plain) : fallback;
}
