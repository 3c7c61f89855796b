// The arithmetic behind the words-per-day heatmap: where each day sits (week column,
// weekday row), how dark it is, and which days make up the current streak.

import type { DayWords } from "../../ipc";

export interface Cell {
  date: string;
  words: number;
  /** Week column, 0 = the oldest week shown. */
  col: number;
  /** Weekday row, 0 = Monday … 6 = Sunday. */
  row: number;
  level: 0 | 1 | 2 | 3 | 4;
}

/** Days since 1970-01-01 for a "YYYY-MM-DD" date, in UTC (no time-zone shifts). */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.floor(Date.UTC(y!, m! - 1, d!) / 86_400_000);
}

/** 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday (3). */
export function weekday(iso: string): number {
  return (((dayNumber(iso) + 3) % 7) + 7) % 7;
}

/** Darkness 0–4: nothing written is 0; the rest in four steps up to the busiest day. */
export function level(words: number, max: number): Cell["level"] {
  if (words <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((words / max) * 4))) as Cell["level"];
}

export function layout(days: DayWords[]): { cells: Cell[]; weeks: number } {
  if (days.length === 0) return { cells: [], weeks: 0 };
  const first = days[0]!;
  const offset = weekday(first.date);
  const start = dayNumber(first.date);
  const max = days.reduce((m, d) => Math.max(m, d.words), 0);
  const cells = days.map((d) => {
    const i = dayNumber(d.date) - start + offset;
    return { date: d.date, words: d.words, col: Math.floor(i / 7), row: i % 7, level: level(d.words, max) };
  });
  const last = cells[cells.length - 1]!;
  return { cells, weeks: last.col + 1 };
}

/**
 * Streaks in `days` (oldest first, one per date): the longest run of days with writing,
 * and the run ending today — or yesterday, while today is still open — as the core
 * counts them. `dates` is the current streak's days.
 */
export function streaks(days: DayWords[], today: string): { current: number; longest: number; dates: Set<string> } {
  let longest = 0;
  let run: string[] = [];
  let prev: number | null = null;
  const todayN = dayNumber(today);
  for (const d of days) {
    const n = dayNumber(d.date);
    if (n > todayN || d.entries <= 0) continue;
    run = prev !== null && n === prev + 1 ? [...run, d.date] : [d.date];
    longest = Math.max(longest, run.length);
    prev = n;
  }
  const live = prev !== null && (prev === todayN || prev === todayN - 1);
  return { current: live ? run.length : 0, longest, dates: new Set(live ? run : []) };
}
