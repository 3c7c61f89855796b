import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { useAppState } from "../../app/state";
import { entry, journal } from "../../test/fixtures";
import { mockCore } from "../../test/ipc";
import { renderInApp } from "../../test/render";
import { EditorPane } from "../editor/EditorPane";

function Shown() {
  const { view, entryId, dialog } = useAppState();
  return <output data-testid="shown">{`${view?.kind === "journal" ? view.journalId : "-"}/${entryId ?? "-"}/${dialog ?? "-"}`}</output>;
}

/** A library with the given journals; journal_new adds a diary. */
function library(live: number, trashed: number) {
  const journals = Array.from({ length: live }, (_, i) => journal({ id: i + 1 }));
  const core = mockCore({
    journal_list: (a) => (a.trashed ? Array.from({ length: trashed }, (_, i) => journal({ id: 50 + i })) : journals),
    journal_new: (a) => {
      const j = journal({ id: 7, title: (a.input as { title: string }).title, kind: "diary" });
      journals.push(j);
      return j;
    },
    entry_add: () => entry({ id: 70, journal_id: 7, body: "", title: "" }),
    entry_show: () => {
      throw { code: "not_found", message: "not in this test" };
    },
  });
  renderInApp(
    <>
      <EditorPane />
      <Shown />
    </>,
  );
  return core;
}

describe("the first start", () => {
  it("welcomes a library with no journal; Start writing makes a diary and opens today's entry", async () => {
    const user = userEvent.setup();
    const core = library(0, 0);
    expect(await screen.findByRole("heading", { name: "Welcome to Journal Craft Crew" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Start writing" }));
    await waitFor(() => expect(screen.getByTestId("shown")).toHaveTextContent("7/70/-"));
    expect(core.callsOf("journal_new")).toEqual([{ input: { title: "My Journal", kind: "diary" } }]);
    expect(core.callsOf("entry_add")[0]!.input).toMatchObject({ journal: "7", body: "" });
    // The library has a journal now: the welcome is gone for good.
    await waitFor(() => expect(screen.queryByTestId("welcome")).toBeNull());
  });

  it("offers import and the crew, each one click after making the diary", async () => {
    const user = userEvent.setup();
    library(0, 0);
    await user.click(await screen.findByRole("button", { name: "Import my journal" }));
    await waitFor(() => expect(screen.getByTestId("shown")).toHaveTextContent("7/-/import"));
  });

  it("opens the crew's wizard", async () => {
    const user = userEvent.setup();
    library(0, 0);
    await user.click(await screen.findByRole("button", { name: "Make a guided journal" }));
    await waitFor(() => expect(screen.getByTestId("shown")).toHaveTextContent("7/-/crew"));
  });

  it("never shows once the library has a journal, even one in the trash", async () => {
    library(0, 1);
    expect(await screen.findByText("Pick an entry or create one.")).toBeInTheDocument();
    expect(screen.queryByTestId("welcome")).toBeNull();
  });

  it("says why when the diary can't be made, and stays", async () => {
    const user = userEvent.setup();
    mockCore({
      journal_list: () => [],
      journal_new: () => {
        throw { code: "library_damaged", message: "the library is damaged" };
      },
    });
    renderInApp(<EditorPane />);
    await user.click(await screen.findByRole("button", { name: "Start writing" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Couldn't create the diary");
    expect(screen.getByRole("button", { name: "Start writing" })).toBeEnabled();
  });
});
