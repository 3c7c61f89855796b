import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { useAppState } from "../../app/state";
import { mockCore } from "../../test/ipc";
import { renderInApp } from "../../test/render";
import { Sidebar } from "./Sidebar";

function Probe() {
  const { view } = useAppState();
  return <output data-testid="probe">{JSON.stringify(view)}</output>;
}

function renderSidebar() {
  let tags = [
    { name: "work", entries: 3 },
    { name: "family", entries: 5 },
  ];
  const core = mockCore({
    journal_list: () => [],
    tag_list: () => tags,
    tag_rename: (a) => {
      if (a.to === "bad name") throw { code: "invalid_input", message: "a tag has no spaces" };
      tags = tags.map((t) => (t.name === a.from ? { ...t, name: a.to as string } : t));
      return 3;
    },
  });
  renderInApp(
    <>
      <Sidebar />
      <Probe />
    </>,
    { view: { kind: "tag", tag: "work" } },
  );
  return core;
}

describe("tags in the sidebar", () => {
  it("renames a tag everywhere and keeps showing its entries under the new name", async () => {
    const user = userEvent.setup();
    const core = renderSidebar();
    await screen.findAllByTestId("tag-item");
    await user.click(screen.getByRole("button", { name: "Rename tag #work" }));
    const field = screen.getByRole("textbox", { name: "New name for #work" });
    expect(field).toHaveFocus();
    await user.clear(field);
    await user.type(field, "#job{Enter}");
    expect(await screen.findByTestId("tag-renamed")).toHaveTextContent("Renamed #work to #job in 3 entries.");
    expect(core.callsOf("tag_rename")).toEqual([{ from: "work", to: "job" }]);
    await waitFor(() =>
      expect(screen.getAllByTestId("tag-item").map((b) => within(b).getByText(/^#/).textContent)).toEqual(["#job", "#family"]),
    );
    expect(JSON.parse(screen.getByTestId("probe").textContent!)).toEqual({ kind: "tag", tag: "job" });
  });

  it("Escape leaves the tag as it was; a refused name shows the core's reason", async () => {
    const user = userEvent.setup();
    const core = renderSidebar();
    await screen.findAllByTestId("tag-item");
    await user.click(screen.getByRole("button", { name: "Rename tag #family" }));
    await user.type(screen.getByTestId("tag-rename-input"), "-x{Escape}");
    expect(screen.queryByTestId("tag-rename-input")).toBeNull();
    expect(core.callsOf("tag_rename")).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Rename tag #family" }));
    const field = screen.getByTestId("tag-rename-input");
    await user.clear(field);
    await user.type(field, "bad name{Enter}");
    expect(await screen.findByTestId("tag-rename-error")).toHaveTextContent("a tag has no spaces");
    expect(screen.getByTestId("tag-rename-input")).toHaveValue("bad name");
  });
});
