import { describe, expect, it } from "vitest";
import { addDays, addMonths, localDay, monthGrid, untilNextDay, weekdayIndex, writingLevel, yearsBetween } from "./dates";

describe("the writer's today", () => {
  it("is the date in the writer's zone, not UTC", () => {
    // 02:30 UTC on 1 March is still the evening of 28 February in Los Angeles…
    const instant = new Date("2025-03-01T02:30:00Z");
    expect(localDay(instant, "UTC")).toBe("2025-03-01");
    expect(localDay(instant, "America/Los_Angeles")).toBe("2025-02-28");
    // …and already the 1st in Tokyo well before UTC gets there.
    expect(localDay(new Date("2025-02-28T16:00:00Z"), "Asia/Tokyo")).toBe("2025-03-01");
  });

  it("counts a leap day in the zone it was written in", () => {
    expect(localDay(new Date("2024-02-29T23:30:00-08:00"), "America/Los_Angeles")).toBe("2024-02-29");
    expect(localDay(new Date("2024-02-29T23:30:00-08:00"), "Europe/Paris")).toBe("2024-03-01");
  });

  it("stays right across DST changes", () => {
    // New York springs forward at 07:00 UTC on 8 March 2026 and falls back at 06:00 UTC on 1 November.
    expect(localDay(new Date("2026-03-08T06:30:00Z"), "America/New_York")).toBe("2026-03-08");
    expect(localDay(new Date("2026-03-08T04:59:00Z"), "America/New_York")).toBe("2026-03-07");
    expect(localDay(new Date("2026-11-01T03:30:00Z"), "America/New_York")).toBe("2026-10-31");
    expect(localDay(new Date("2026-11-01T04:30:00Z"), "America/New_York")).toBe("2026-11-01");
  });

  it("knows when the next day starts, on the short and the long day too", () => {
    const hour = 3_600_000;
    // 22:00 on 7 March in New York: two hours to midnight (DST starts later, at 2 am).
    expect(untilNextDay(new Date("2026-03-08T03:00:00Z"), "America/New_York")).toBeLessThanOrEqual(2 * hour + 1000);
    expect(untilNextDay(new Date("2026-03-08T03:00:00Z"), "America/New_York")).toBeGreaterThan(2 * hour - 1000);
    // Just after midnight on the 23-hour day: 23 hours to the next one.
    const short = untilNextDay(new Date("2026-03-08T05:00:00Z"), "America/New_York");
    expect(Math.round(short / hour)).toBe(23);
    // Just after midnight on the 25-hour day: 25 hours.
    const long = untilNextDay(new Date("2026-11-01T04:00:00Z"), "America/New_York");
    expect(Math.round(long / hour)).toBe(25);
  });
});

describe("calendar arithmetic", () => {
  it("adds days across month ends, leap days and DST weekends", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2026-03-07", 2)).toBe("2026-03-09");
    expect(addDays("2026-10-31", 2)).toBe("2026-11-02");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
  });

  it("adds months, clamping to the month's last day", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-15");
  });

  it("lays a month out in Monday-first weeks, each day once, DST or not", () => {
    const weeks = monthGrid(2026, 3);
    const days = weeks.flat().filter((d) => d.inMonth).map((d) => d.date);
    expect(days).toHaveLength(31);
    expect(new Set(days).size).toBe(31);
    expect(days[0]).toBe("2026-03-01");
    expect(days[30]).toBe("2026-03-31");
    expect(weekdayIndex("2026-03-01")).toBe(6); // a Sunday
    expect(weeks[0]![0]!.date).toBe("2026-02-23");
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(monthGrid(2024, 2).flat().filter((d) => d.inMonth)).toHaveLength(29);
    expect(monthGrid(2025, 2).flat().filter((d) => d.inMonth)).toHaveLength(28);
  });

  it("counts years back by the calendar, leap days included", () => {
    expect(yearsBetween("2024-02-29", "2025-02-28")).toBe(1);
    expect(yearsBetween("2019-03-01", "2026-03-01")).toBe(7);
  });

  it("shades days by how much was written", () => {
    expect([0, 1, 149, 150, 399, 400, 799, 800, 5000].map(writingLevel)).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });
});
