// The month calendar of a diary (or all journals): each day with writing marked by how
// much was written. A click (or Enter) on a day with entries lists them and opens the
// first; on an empty day it starts an entry dated that day. A grid: arrows move by day
// and week, Page Up / Page Down by month, Home / End to the week's ends.

import { useQueryClient } from "@tanstack/react-query";
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from "react";
import { useAppDispatch, useAppState } from "../../app/state";
import { api, blankEntry, keys, useCalendarMonth, useCreateEntry, useEntriesOnDay, useJournals } from "../../ipc";
import { formatDate, formatNumber, language, t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { entryLabel } from "../library/order";
import { addDays, addMonths, monthGrid, monthOf, weekdayIndex, writingLevel } from "./dates";
import { useToday } from "./useToday";

function monthTitle(year: number, month: number): string {
  return new Intl.DateTimeFormat(language(), { month: "long", year: "numeric", timeZone: "UTC" }).format(
    Date.UTC(year, month - 1, 1),
  );
}

/** Monday to Sunday in the writer's language (1 January 2024 was a Monday). */
export function weekdayNames(): Array<{ short: string; long: string }> {
  const fmt = (weekday: "short" | "long", i: number) =>
    new Intl.DateTimeFormat(language(), { weekday, timeZone: "UTC" }).format(Date.UTC(2024, 0, 1 + i));
  return Array.from({ length: 7 }, (_, i) => ({ short: fmt("short", i), long: fmt("long", i) }));
}

/** Where a key moves the focused day, or null for keys the grid leaves alone. */
export function moveByKey(day: string, key: string): string | null {
  switch (key) {
    case "ArrowLeft":
      return addDays(day, -1);
    case "ArrowRight":
      return addDays(day, 1);
    case "ArrowUp":
      return addDays(day, -7);
    case "ArrowDown":
      return addDays(day, 7);
    case "PageUp":
      return addMonths(day, -1);
    case "PageDown":
      return addMonths(day, 1);
    case "Home":
      return addDays(day, -weekdayIndex(day));
    case "End":
      return addDays(day, 6 - weekdayIndex(day));
    default:
      return null;
  }
}

export function CalendarView() {
  const today = useToday();
  const dispatch = useAppDispatch();
  const { entryId } = useAppState();
  const qc = useQueryClient();
  const journals = useJournals(false);
  const diaries = useMemo(() => (journals.data ?? []).filter((j) => j.kind === "diary"), [journals.data]);
  const [journal, setJournal] = useState<string | null>(null);
  const [cursor, setCursor] = useState(today);
  const [selected, setSelected] = useState<string | null>(null);
  const { year, month } = monthOf(cursor);
  const days = useCalendarMonth(journal, year, month);
  const dayEntries = useEntriesOnDay(journal, selected);
  const create = useCreateEntry();
  const grid = useRef<HTMLTableElement>(null);
  const byDate = useMemo(() => new Map((days.data ?? []).map((d) => [d.date, d])), [days.data]);
  const weekdays = useMemo(() => weekdayNames(), []);

  // Set by a key press in the grid: the focus follows the cursor, also into another
  // month (whose days replace the focused button).
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${cursor}"]`)?.focus();
  }, [cursor]);

  const open = (date: string) => {
    setCursor(date);
    setSelected(date);
    if (byDate.has(date)) {
      void qc
        .fetchQuery({ queryKey: keys.entriesOnDay(journal, date), queryFn: () => api.entriesOnDay(journal, date) })
        .then((list) => {
          if (list[0]) dispatch({ type: "openEntry", entryId: list[0].id });
        });
      return;
    }
    // Nothing written that day: start an entry there, in the chosen diary (or the first).
    const target = diaries.find((j) => String(j.id) === journal) ?? diaries[0];
    if (!target) {
      dispatch({ type: "openDialog", dialog: "newJournal" });
      return;
    }
    create.mutate(
      { ...blankEntry(target.id), date },
      { onSuccess: (entry) => dispatch({ type: "openEntry", entryId: entry.id, focus: true }) },
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const next = moveByKey(cursor, e.key);
    if (next === null) return;
    e.preventDefault();
    moved.current = true;
    setCursor(next);
  };

  const title = monthTitle(year, month);
  return (
    <section className="calendar entry-list" aria-labelledby="calendar-title" data-testid="calendar">
      <header className="calendar-header">
        <h2 id="calendar-title" aria-live="polite" data-testid="calendar-month">
          {title}
        </h2>
        <div className="calendar-nav">
          <button type="button" aria-label={t("days.previousMonth")} title={t("days.previousMonth")} data-testid="calendar-prev" onClick={() => setCursor(addMonths(cursor, -1))}>
            ‹
          </button>
          <button type="button" data-testid="calendar-today" onClick={() => setCursor(today)}>
            {t("days.today")}
          </button>
          <button type="button" aria-label={t("days.nextMonth")} title={t("days.nextMonth")} data-testid="calendar-next" onClick={() => setCursor(addMonths(cursor, 1))}>
            ›
          </button>
        </div>
        <label className="calendar-journal">
          {t("days.journal")}
          <select value={journal ?? ""} data-testid="calendar-journal" onChange={(e) => setJournal(e.target.value || null)}>
            <option value="">{t("days.allJournals")}</option>
            {diaries.map((j) => (
              <option key={j.id} value={String(j.id)}>
                {j.title}
              </option>
            ))}
          </select>
        </label>
      </header>
      <ErrorText error={days.error} />
      <table
        ref={grid}
        role="grid"
        className="calendar-grid"
        aria-label={t("days.calendarLabel", { month: title })}
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr>
            {weekdays.map((w) => (
              <th key={w.long} scope="col" abbr={w.long}>
                {w.short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(year, month).map((week) => (
            <tr key={week[0]!.date}>
              {week.map(({ date, inMonth }) => {
                if (!inMonth) return <td key={date} role="gridcell" className="calendar-out" />;
                const count = byDate.get(date);
                const level = writingLevel(count?.words ?? 0);
                const amount = !count
                  ? t("days.dayNone")
                  : count.entries === 1
                    ? t("days.dayOneEntry", { words: formatNumber(count.words) })
                    : t("days.dayEntries", { count: count.entries, words: formatNumber(count.words) });
                return (
                  <td key={date} role="gridcell" aria-selected={date === selected}>
                    <button
                      type="button"
                      className={`calendar-day${date === today ? " today" : ""}${date === selected ? " selected" : ""}`}
                      tabIndex={date === cursor ? 0 : -1}
                      aria-label={`${formatDate(date)}: ${amount}`}
                      aria-current={date === today ? "date" : undefined}
                      data-testid="calendar-day"
                      data-date={date}
                      data-entries={count?.entries ?? 0}
                      data-level={level}
                      onClick={() => open(date)}
                    >
                      <span className="calendar-day-number">{Number(date.slice(8))}</span>
                      <span className={`calendar-mark level-${level}`} aria-hidden="true" />
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint pad">{t("days.keyboardHint")}</p>
      {diaries.length === 0 && <p className="hint pad">{t("days.noDiary")}</p>}
      <ErrorText error={create.error} />
      {selected && dayEntries.data && dayEntries.data.length > 0 && (
        <section className="calendar-day-entries" aria-label={t("days.entriesOf", { date: formatDate(selected) })}>
          <h3 className="sidebar-heading">{t("days.entriesOf", { date: formatDate(selected) })}</h3>
          <ul className="sidebar-list">
            {dayEntries.data.map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  className="sidebar-item"
                  data-testid="calendar-entry"
                  aria-current={e.id === entryId ? "true" : undefined}
                  onClick={() => dispatch({ type: "openEntry", entryId: e.id })}
                >
                  <span className="sidebar-item-title">{entryLabel(e, t("app.untitled"))}</span>
                  <span className="count">{t("editor.words", { count: e.word_count })}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
