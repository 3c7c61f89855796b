import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useAppState } from "../../app/state";
import { entry } from "../../test/fixtures";
import { mockCore } from "../../test/ipc";
import { toSummary } from "../../ipc/summary";
import { renderInApp } from "../../test/render";
import { OnThisDay } from "./OnThisDay";

function Shown() {
  const { view, entryId } = useAppState();
  return <output data-testid="shown">{`${view?.kind === "journal" ? view.journalId : "-"}/${entryId ?? "-"}`}</output>;
}

describe("On this day", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date"] }));
  afterEach(() => vi.useRealTimers());

  it("asks for the writer's local date and lists earlier years, newest first", async () => {
    const user = userEvent.setup();
    // 23:30 on 28 February 2025 on the writer's clock, whatever UTC says.
    vi.setSystemTime(new Date(2025, 1, 28, 23, 30));
    const ipc = mockCore({
      on_this_day: () => [
        toSummary(entry({ id: 5, journal_id: 2, title: "Leap day", date: "2024-02-29" })),
        toSummary(entry({ id: 6, journal_id: 2, title: "Snow", date: "2019-02-28" })),
      ],
    });
    renderInApp(
      <>
        <OnThisDay />
        <Shown />
      </>,
    );
    const items = await screen.findAllByTestId("on-this-day-item");
    expect(ipc.callsOf("on_this_day")).toEqual([{ journal: null, date: "2025-02-28" }]);
    expect(items.map((i) => i.textContent)).toEqual(["Leap day1 year ago", "Snow6 years ago"]);
    await user.click(items[1]!);
    expect(screen.getByTestId("shown")).toHaveTextContent("2/6");
  });

  it("says so when there is nothing from earlier years", async () => {
    vi.setSystemTime(new Date(2026, 6, 14, 8, 0));
    const ipc = mockCore({ on_this_day: () => [] });
    renderInApp(<OnThisDay />);
    expect(await screen.findByText("Nothing from this date in earlier years yet.")).toBeInTheDocument();
    await waitFor(() => expect(ipc.callsOf("on_this_day")).toEqual([{ journal: null, date: "2026-07-14" }]));
  });
});
