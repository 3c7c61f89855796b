import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { type LibraryView, useAppState } from "../../app/state";
import { mockCore } from "../../test/ipc";
import { renderInApp } from "../../test/render";
import { TemplatesPanel } from "./TemplatesPanel";

function Probe() {
  const { dialog, entryId } = useAppState();
  return <output data-testid="probe">{JSON.stringify({ dialog, entryId })}</output>;
}

const PROMPTS = [
  { id: 1, category: "gratitude", text: "Who made today easier?" },
  { id: 2, category: "reflection", text: "What did you learn this week?" },
  { id: 3, category: "gratitude", text: "Name a small comfort." },
];

function renderPanel(view: LibraryView | null) {
  const core = mockCore({
    template_list: () => [],
    prompt_today: () => PROMPTS[0],
    prompt_list: () => PROMPTS,
    entry_add: (a) => ({ id: 99, journal_id: 3, ...(a.input as object) }),
  });
  renderInApp(
    <>
      <TemplatesPanel />
      <Probe />
    </>,
    { view, dialog: "templates" },
  );
  return core;
}

describe("writing prompts", () => {
  it("lists every prompt, filters by category, and starts an entry from the one picked", async () => {
    const user = userEvent.setup();
    const core = renderPanel({ kind: "journal", journalId: 3 });
    const list = await screen.findByTestId("prompt-list");
    await waitFor(() => expect(within(list).getAllByTestId("prompt-item")).toHaveLength(3));
    await user.selectOptions(within(list).getByTestId("prompt-category"), "gratitude");
    const items = within(list).getAllByTestId("prompt-item");
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining("Who made today easier?"),
      expect.stringContaining("Name a small comfort."),
    ]);
    await user.click(screen.getByRole("button", { name: "New entry from the prompt “Name a small comfort.”" }));
    await waitFor(() => expect(core.callsOf("entry_add")).toHaveLength(1));
    expect(core.callsOf("entry_add")[0]).toMatchObject({ input: { journal: "3", prompt: "Name a small comfort.", body: "" } });
    await waitFor(() => expect(JSON.parse(screen.getByTestId("probe").textContent!)).toEqual({ dialog: null, entryId: 99 }));
  });

  it("asks for a journal first when none is open", async () => {
    renderPanel(null);
    const list = await screen.findByTestId("prompt-list");
    await waitFor(() => expect(within(list).getAllByTestId("prompt-item-write")).toHaveLength(3));
    for (const b of within(list).getAllByTestId("prompt-item-write")) expect(b).toBeDisabled();
    expect(within(list).getByText("Pick a journal in the sidebar first.")).toBeInTheDocument();
  });
});
