import { describe, expect, it } from "vitest";
import type { DayWords } from "../../ipc";
import { dayNumber, layout, level, streaks, weekday } from "./heatmap";

function days(start: string, words: number[]): DayWords[] {
  const first = dayNumber(start);
  return words.map((w, i) => {
    const d = new Date((first + i) * 86_400_000).toISOString().slice(0, 10);
    return { date: d, words: w, entries: w > 0 ? 1 : 0 };
  });
}

describe("heatmap layout", () => {
  it("knows the weekday of a date", () => {
    expect(weekday("1970-01-01")).toBe(3); // Thursday
    expect(weekday("2026-03-02")).toBe(0); // Monday
    expect(weekday("2026-03-08")).toBe(6); // Sunday
  });

  it("puts each day in its week column and weekday row", () => {
    // 2026-03-04 is a Wednesday: the first column starts two rows down.
    const { cells, weeks } = layout(days("2026-03-04", [1, 1, 1, 1, 1, 1, 1]));
    expect(cells.map((c) => [c.col, c.row])).toEqual([
      [0, 2], [0, 3], [0, 4], [0, 5], [0, 6], [1, 0], [1, 1],
    ]);
    expect(weeks).toBe(2);
  });

  it("spans 53 columns for a year ending on a Sunday", () => {
    const { weeks, cells } = layout(days("2025-03-10", new Array(365).fill(0)));
    expect(cells).toHaveLength(365);
    expect(cells.at(-1)!.date).toBe("2026-03-09");
    expect(weeks).toBe(53);
  });

  it("shades by words relative to the busiest day, blank for none", () => {
    expect(level(0, 1000)).toBe(0);
    expect(level(1, 1000)).toBe(1);
    expect(level(250, 1000)).toBe(1);
    expect(level(251, 1000)).toBe(2);
    expect(level(999, 1000)).toBe(4);
    expect(level(1000, 1000)).toBe(4);
    expect(level(5, 0)).toBe(0);
    const { cells } = layout(days("2026-03-02", [0, 100, 400]));
    expect(cells.map((c) => c.level)).toEqual([0, 1, 4]);
  });
});

describe("streaks (as the core counts them)", () => {
  it("a run ending yesterday is still current while today is open", () => {
    const d = days("2026-03-01", [5, 5, 0, 5, 5, 5, 0]); // 1..7 March; today is the 7th
    const s = streaks(d, "2026-03-07");
    expect(s.current).toBe(3);
    expect(s.longest).toBe(3);
    expect([...s.dates]).toEqual(["2026-03-04", "2026-03-05", "2026-03-06"]);
  });

  it("a gap of a day before today ends the current streak", () => {
    const s = streaks(days("2026-03-01", [5, 5, 5, 5, 0, 0]), "2026-03-06");
    expect(s.current).toBe(0);
    expect(s.longest).toBe(4);
    expect(s.dates.size).toBe(0);
  });

  it("writing today extends the run; later days are ignored", () => {
    const d = [...days("2026-03-01", [1, 1, 1]), { date: "2026-03-09", words: 9, entries: 1 }];
    const s = streaks(d, "2026-03-03");
    expect(s.current).toBe(3);
    expect(s.longest).toBe(3);
  });

  it("an entry with no words still counts as writing that day", () => {
    const d: DayWords[] = [
      { date: "2026-03-01", words: 0, entries: 1 },
      { date: "2026-03-02", words: 3, entries: 1 },
    ];
    expect(streaks(d, "2026-03-02").current).toBe(2);
  });
});
