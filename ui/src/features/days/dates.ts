// Calendar dates as the writer's calendar has them: plain "YYYY-MM-DD" days, computed
// without local-time arithmetic (adding 24 hours across a DST change can skip or repeat a
// day; day numbers in UTC never do). Only "today" depends on a time zone: the writer's.

/** The writer's date at instant `now` in `timeZone` (default: the system's zone). */
export function localDay(now: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/**
 * Milliseconds from `now` to the writer's next midnight, found by bisection on the
 * clock (zones and DST changes move midnight; a day lasts 23 to 25 hours).
 */
export function untilNextDay(now: Date, timeZone?: string): number {
  const today = localDay(now, timeZone);
  let lo = now.getTime();
  let hi = lo + 26 * 3_600_000;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDay(new Date(mid), timeZone) === today) lo = mid;
    else hi = mid;
  }
  return Math.max(1000, hi - now.getTime());
}

function toDayNumber(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Date.UTC(y!, m! - 1, d!) / 86_400_000;
}

function fromDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromDayNumber(toDayNumber(day) + n);
}

/** The same day of the month `n` months on, clamped to that month's length (31 Jan + 1 = 28/29 Feb). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const index = y! * 12 + (m! - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(d!, daysInMonth(year, month)), 2)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(day: string): number {
  return (new Date(toDayNumber(day) * 86_400_000).getUTCDay() + 6) % 7;
}

export function monthOf(day: string): { year: number; month: number } {
  const [y, m] = day.split("-").map(Number);
  return { year: y!, month: m! };
}

export interface GridDay {
  date: string;
  inMonth: boolean;
}

/** The weeks (Monday first) covering `year`-`month`, with the days of the months around it. */
export function monthGrid(year: number, month: number): GridDay[][] {
  const first = `${pad(year, 4)}-${pad(month, 2)}-01`;
  const start = addDays(first, -weekdayIndex(first));
  const last = addDays(first, daysInMonth(year, month) - 1);
  const weeks: GridDay[][] = [];
  for (let week = start; week <= last; week = addDays(week, 7)) {
    weeks.push(
      Array.from({ length: 7 }, (_, i) => {
        const date = addDays(week, i);
        return { date, inMonth: monthOf(date).month === month };
      }),
    );
  }
  return weeks;
}

/** Whole years from `earlier` to `today` by the calendar (a leap day's year counts on 28 Feb). */
export function yearsBetween(earlier: string, today: string): number {
  return monthOf(today).year - monthOf(earlier).year;
}

/** How much was written on a day, 0 (nothing) to 4, for the calendar's shading. */
export function writingLevel(words: number): 0 | 1 | 2 | 3 | 4 {
  if (words <= 0) return 0;
  if (words < 150) return 1;
  if (words < 400) return 2;
  if (words < 800) return 3;
  return 4;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
