import { act, screen, waitFor } from "@testing-library/react";
import { emit } from "@tauri-apps/api/event";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { useAppState } from "../../app/state";
import { entry } from "../../test/fixtures";
import { mockCore } from "../../test/ipc";
import { renderInApp } from "../../test/render";
import { ReminderBar } from "./ReminderBar";

function Shown() {
  const { view, entryId, focusEditor } = useAppState();
  return (
    <output data-testid="shown">{`${view?.kind === "journal" ? view.journalId : "-"}/${entryId ?? "-"}${focusEditor ? " focus" : ""}`}</output>
  );
}

function setup() {
  const core = mockCore({ entry_add: () => entry({ id: 44, journal_id: 3, body: "" }) });
  renderInApp(
    <>
      <ReminderBar />
      <Shown />
    </>,
  );
  return core;
}

describe("reminders in the window", () => {
  it("shows a due reminder; Write now opens a new entry in its journal", async () => {
    const user = userEvent.setup();
    const core = setup();
    await act(() => emit("reminder-event", { kind: "due", journal_id: 3, journal_title: "Morning Pages" }));
    expect(await screen.findByTestId("reminder-bar")).toHaveTextContent("Time to write in Morning Pages.");
    await user.click(screen.getByRole("button", { name: "Write now" }));
    await waitFor(() => expect(screen.getByTestId("shown")).toHaveTextContent("3/44 focus"));
    expect(core.callsOf("entry_add")[0]!.input).toMatchObject({ journal: "3", body: "" });
    expect(screen.queryByTestId("reminder-bar")).toBeNull();
  });

  it("Not now puts it away without writing anything", async () => {
    const user = userEvent.setup();
    const core = setup();
    await act(() => emit("reminder-event", { kind: "due", journal_id: 3, journal_title: "Morning Pages" }));
    await user.click(await screen.findByRole("button", { name: "Not now" }));
    expect(screen.queryByTestId("reminder-bar")).toBeNull();
    expect(core.callsOf("entry_add")).toHaveLength(0);
  });

  it("a click on the notification goes straight to a new entry", async () => {
    const core = setup();
    await act(() => emit("reminder-event", { kind: "open", journal_id: 3, journal_title: "Morning Pages" }));
    await waitFor(() => expect(screen.getByTestId("shown")).toHaveTextContent("3/44 focus"));
    expect(core.callsOf("entry_add")).toHaveLength(1);
    expect(screen.queryByTestId("reminder-bar")).toBeNull();
  });
});
