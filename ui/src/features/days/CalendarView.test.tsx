import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useAppState } from "../../app/state";
import { entry, journal } from "../../test/fixtures";
import { mockCore } from "../../test/ipc";
import { toSummary } from "../../ipc/summary";
import { renderInApp } from "../../test/render";
import { CalendarView } from "./CalendarView";

function OpenEntry() {
  const { entryId, focusEditor } = useAppState();
  return <output data-testid="open-entry">{`${entryId ?? "none"}${focusEditor ? " focus" : ""}`}</output>;
}

function core() {
  return mockCore({
    journal_list: () => [journal({ id: 1, title: "Diary", kind: "diary" })],
    calendar_month: (a) =>
      a.month === 3
        ? [
            { date: "2026-03-02", entries: 2, words: 420 },
            { date: "2026-03-09", entries: 1, words: 40 },
          ]
        : [],
    entries_on_day: (a) =>
      a.date === "2026-03-02"
        ? [toSummary(entry({ id: 21, title: "Morning", date: "2026-03-02" })), toSummary(entry({ id: 22, title: "Evening", date: "2026-03-02" }))]
        : [],
    entry_add: (a) => entry({ id: 30, date: (a.input as { date: string }).date, title: "" }),
  });
}

describe("the calendar", () => {
  beforeEach(() => {
    // Only the clock is faked (timers stay real for the user events): "today" is 11 March 2026.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2026, 2, 11, 9, 0));
  });
  afterEach(() => vi.useRealTimers());

  it("marks the days written on by how much, and opens a day's entries", async () => {
    const user = userEvent.setup();
    const ipc = core();
    renderInApp(
      <>
        <CalendarView />
        <OpenEntry />
      </>,
    );
    expect(await screen.findByTestId("calendar-month")).toHaveTextContent("March 2026");
    const busy = await screen.findByRole("button", { name: /Mar 2, 2026: 2 entries, 420 words/ });
    expect(busy).toHaveAttribute("data-level", "3");
    expect(screen.getByRole("button", { name: /Mar 9, 2026: 1 entry, 40 words/ })).toHaveAttribute("data-level", "1");
    expect(screen.getByRole("button", { name: /Mar 10, 2026: no entries/ })).toHaveAttribute("data-level", "0");
    expect(screen.getByRole("button", { name: /Mar 11, 2026/ })).toHaveAttribute("aria-current", "date");
    expect(ipc.callsOf("calendar_month")[0]).toEqual({ journal: null, year: 2026, month: 3 });

    await user.click(busy);
    await waitFor(() => expect(screen.getByTestId("open-entry")).toHaveTextContent("21"));
    const listed = await screen.findAllByTestId("calendar-entry");
    expect(listed.map((b) => b.textContent)).toEqual(["Morning2 words", "Evening2 words"]);
    await user.click(listed[1]!);
    expect(screen.getByTestId("open-entry")).toHaveTextContent("22");
  });

  it("starts an entry dated the day clicked when nothing was written then", async () => {
    const user = userEvent.setup();
    const ipc = core();
    renderInApp(
      <>
        <CalendarView />
        <OpenEntry />
      </>,
    );
    await user.click(await screen.findByRole("button", { name: /Mar 5, 2026: no entries/ }));
    await waitFor(() => expect(screen.getByTestId("open-entry")).toHaveTextContent("30 focus"));
    expect(ipc.callsOf("entry_add")[0]!.input).toMatchObject({ journal: "1", date: "2026-03-05", body: "" });
  });

  it("moves by keyboard: arrows by day and week, Page Down to the next month, Enter opens", async () => {
    const user = userEvent.setup();
    const ipc = core();
    renderInApp(
      <>
        <CalendarView />
        <OpenEntry />
      </>,
    );
    const today = await screen.findByRole("button", { name: /Mar 11, 2026/ });
    // One Tab stop for the whole month: today's.
    expect(today).toHaveAttribute("tabindex", "0");
    today.focus();
    await user.keyboard("{ArrowLeft}");
    expect(document.activeElement).toHaveAttribute("data-date", "2026-03-10");
    await user.keyboard("{ArrowUp}");
    expect(document.activeElement).toHaveAttribute("data-date", "2026-03-03");
    await user.keyboard("{ArrowLeft}{Enter}");
    await waitFor(() => expect(screen.getByTestId("open-entry")).toHaveTextContent("21"));
    await user.keyboard("{PageDown}");
    expect(await screen.findByTestId("calendar-month")).toHaveTextContent("April 2026");
    await waitFor(() => expect(document.activeElement).toHaveAttribute("data-date", "2026-04-02"));
    expect(ipc.callsOf("calendar_month")).toContainEqual({ journal: null, year: 2026, month: 4 });
    await user.keyboard("{End}");
    expect(document.activeElement).toHaveAttribute("data-date", "2026-04-05");
  });

  it("shows one journal when picked", async () => {
    const user = userEvent.setup();
    const ipc = core();
    renderInApp(<CalendarView />);
    await screen.findByRole("option", { name: "Diary" });
    await user.selectOptions(screen.getByTestId("calendar-journal"), "Diary");
    await waitFor(() => expect(ipc.callsOf("calendar_month")).toContainEqual({ journal: "1", year: 2026, month: 3 }));
  });
});
