import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { journal } from "../../test/fixtures";
import { mockCore } from "../../test/ipc";
import { renderInApp } from "../../test/render";
import { RemindersSection } from "./RemindersSection";

describe("the reminders section", () => {
  it("is off until set; sets one for a journal, a time and chosen days; removes it", async () => {
    const user = userEvent.setup();
    let saved: unknown[] = [];
    const core = mockCore({
      journal_list: () => [journal({ id: 1, title: "Diary" }), journal({ id: 2, title: "Dreams" })],
      reminder_list: () => saved,
      reminder_set: (a) => {
        const input = a.input as { journal: string; at: string };
        saved = [{ journal_id: Number(input.journal), journal_title: "Dreams", at: input.at, weekdays: [1, 2, 3, 4, 5], last_fired: null }];
        return saved[0];
      },
      reminder_remove: () => {
        saved = [];
        return true;
      },
    });
    renderInApp(<RemindersSection />);
    expect(await screen.findByText("No reminders yet.")).toBeInTheDocument();
    await user.selectOptions(await screen.findByTestId("reminder-journal"), "Dreams");
    const time = screen.getByTestId("reminder-at");
    await user.clear(time);
    await user.type(time, "07:30");
    await user.click(screen.getByRole("checkbox", { name: "Saturday" }));
    await user.click(screen.getByRole("checkbox", { name: "Sunday" }));
    await user.click(screen.getByRole("button", { name: "Set reminder" }));
    await waitFor(() =>
      expect(core.callsOf("reminder_set")).toEqual([{ input: { journal: "2", at: "07:30", days: "mon,tue,wed,thu,fri" } }]),
    );
    expect(await screen.findByTestId("reminder-row")).toHaveTextContent("Dreams: 07:30, Mon, Tue, Wed, Thu, Fri");
    await user.click(screen.getByRole("button", { name: "Remove the reminder of “Dreams”" }));
    expect(await screen.findByText("No reminders yet.")).toBeInTheDocument();
    expect(core.callsOf("reminder_remove")).toEqual([{ journal: "2" }]);
  });

  it("asks for a day when none is chosen, and sends nothing", async () => {
    const user = userEvent.setup();
    const core = mockCore({ journal_list: () => [journal({ id: 1 })], reminder_list: () => [] });
    renderInApp(<RemindersSection />);
    await screen.findByTestId("reminder-journal");
    for (const box of screen.getAllByRole("checkbox")) await user.click(box);
    await user.click(screen.getByRole("button", { name: "Set reminder" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Choose at least one day.");
    expect(core.callsOf("reminder_set")).toHaveLength(0);
  });
});
