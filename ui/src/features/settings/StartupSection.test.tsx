import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockCore } from "../../test/ipc";
import { renderInApp } from "../../test/render";
import { StartupSection } from "./StartupSection";

describe("starting with the session", () => {
  it("shows the core's state (off at first) and turns it on and off again", async () => {
    const user = userEvent.setup();
    let on = false;
    const core = mockCore({
      autostart_get: () => on,
      autostart_set: (a) => {
        on = a.on as boolean;
        return on;
      },
    });
    renderInApp(<StartupSection />);
    const toggle = await screen.findByRole("checkbox", { name: "Start Journal Craft Crew when I log in" });
    await waitFor(() => expect(toggle).toBeEnabled());
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    await waitFor(() => expect(toggle).toBeChecked());
    await user.click(toggle);
    await waitFor(() => expect(toggle).not.toBeChecked());
    expect(core.callsOf("autostart_set")).toEqual([{ on: true }, { on: false }]);
  });

  it("says why when the session's startup list cannot be changed, and stays off", async () => {
    const user = userEvent.setup();
    mockCore({
      autostart_get: () => false,
      autostart_set: () => {
        throw { code: "io", message: "the session's list of programs to start could not be changed: denied" };
      },
    });
    renderInApp(<StartupSection />);
    const toggle = await screen.findByTestId("autostart-toggle");
    await waitFor(() => expect(toggle).toBeEnabled());
    await user.click(toggle);
    expect(await screen.findByRole("alert")).toHaveTextContent("could not be changed");
    expect(toggle).not.toBeChecked();
  });
});
