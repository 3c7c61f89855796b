import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useAppState } from "../../app/state";
import type { CrewEvent } from "../../ipc";
import { mockCore, send } from "../../test/ipc";
import { renderInApp } from "../../test/render";
import { CrewDialog } from "./CrewDialog";
import { resetCrew } from "./runStore";

afterEach(() => {
  resetCrew();
  vi.unstubAllGlobals();
});

function Probe() {
  const { view, dialog } = useAppState();
  return <output data-testid="probe">{JSON.stringify({ view, dialog })}</output>;
}

const localProfile = {
  name: "smollm2",
  base_url: "",
  model: "SmolLM2",
  model_file: "/models/SmolLM2.gguf",
  structured_output: "json_schema",
  is_default: true,
};

/** A crew whose runs the test drives event by event. */
function crewCore(
  pending: object = { question: "Which title?", options: ["Small Thanks", "Grateful Days"], into: "title" },
  earlier: object[] = [],
) {
  const runs: Array<{ channel: unknown; end: (summary: object) => void; task: string }> = [];
  const core = mockCore({
    crew_themes: () => [
      { id: 1, name: "Gratitude", theme: "Gratitude for new parents", title_style: "inspirational", voice: "warm coach", depth: "deep", builtin: true },
    ],
    llm_list: () => ({ profiles: [localProfile], detected: [] }),
    crew_title_styles: () => ["inspirational", "practical", "encouraging"],
    crew_list: () => earlier,
    crew_save_theme: (a) => ({ ...(a.theme as object), id: 9 }),
    crew_start: () => 7,
    crew_run: (a) =>
      new Promise((resolve) => runs.push({ channel: a.onEvent, end: resolve, task: a.task as string })),
    crew_status: (a) =>
      a.runId === 7
        ? { run: { id: 7, pending, tokens_in: 0, tokens_out: 0 }, summary: {}, steps: [] }
        : {
            run: { id: a.runId, pending: null, tokens_in: 300, tokens_out: 120 },
            summary: {},
            steps: [{ step: "discover", status: "finished", tokens_in: 300, tokens_out: 120, ms: 2000, error: null }],
          },
    crew_answer: () => null,
    task_cancel: () => true,
  });
  const event = (e: CrewEvent) => act(() => send(runs.at(-1)!.channel, e));
  const end = (status: string, extra: object = {}) =>
    act(async () =>
      runs.at(-1)!.end({ run_id: 7, journal_id: null, status, tokens_in: 10, tokens_out: 20, steps_finished: 1, steps_failed: 0, ...extra }),
    );
  return { core, runs, event, end };
}

function renderDialog() {
  renderInApp(
    <>
      <CrewDialog />
      <Probe />
    </>,
    { dialog: "crew" },
  );
}

describe("new guided journal", () => {
  it("starts from a saved theme, shows live steps, asks for the title, and opens the journal", async () => {
    const user = userEvent.setup();
    const crew = crewCore();
    renderDialog();
    // The title styles come from the core.
    await screen.findByRole("option", { name: "inspirational" });
    await user.selectOptions(await screen.findByTestId("crew-theme-pick"), "Gratitude");
    expect(screen.getByTestId("crew-theme")).toHaveValue("Gratitude for new parents");
    expect(screen.getByTestId("crew-depth-deep")).toBeChecked();
    await user.click(screen.getByTestId("crew-lead-magnet"));
    await user.click(screen.getByTestId("crew-start"));

    await waitFor(() => expect(crew.runs).toHaveLength(1));
    expect(crew.core.callsOf("crew_start")[0]).toEqual({
      input: {
        theme: "Gratitude for new parents",
        title: "",
        title_style: "inspirational",
        voice: "warm coach",
        depth: "deep",
        lead_magnet: true,
        language: "",
        image_dir: null,
        profile: null,
        crew: null,
      },
    });
    expect(crew.core.callsOf("crew_run")[0]).toMatchObject({ runId: 7, goOn: false });

    crew.event({ type: "run_started", run_id: 7, resumed: false });
    crew.event({ type: "step_started", run_id: 7, step: "discover", index: 1, total: 9, max_tokens: 600 });
    crew.event({ type: "delta", step: "discover", text: "Title ideas…" });
    const row = await screen.findByTestId("crew-step");
    expect(row).toHaveAttribute("data-status", "running");
    expect(row).toHaveTextContent("1/9 discover");
    crew.event({ type: "step_finished", step: "discover", tokens_in: 100, tokens_out: 50, ms: 1500, attempts: 1, warnings: [] });
    expect(row).toHaveAttribute("data-status", "done");
    expect(row).toHaveTextContent("100 in / 50 out");
    expect(row).toHaveTextContent("2s");

    crew.event({ type: "paused", run_id: 7, question: "Which title?" });
    await crew.end("paused", { question: "Which title?" });
    const question = await screen.findByTestId("crew-question");
    // The pause keeps what the step wrote (it was once lost to a stale snapshot).
    expect(screen.getByTestId("crew-step")).toHaveTextContent("Title ideas…");
    const options = await within(question).findAllByTestId("crew-option");
    expect(options).toHaveLength(2);
    await user.click(options[1]!);
    await user.click(screen.getByTestId("crew-answer"));
    await waitFor(() => expect(crew.core.callsOf("crew_answer")).toEqual([{ runId: 7, pick: 2 }]));
    await waitFor(() => expect(crew.runs).toHaveLength(2)); // resumed

    crew.event({ type: "run_started", run_id: 7, resumed: true });
    crew.event({ type: "step_started", run_id: 7, step: "days#1", index: 2, total: 9, max_tokens: 900 });
    crew.event({ type: "delta", step: "days#1", text: "Day one…" });
    crew.event({ type: "step_finished", step: "days#1", tokens_in: 80, tokens_out: 40, ms: 900, attempts: 1, warnings: [] });
    crew.event({ type: "run_finished", run_id: 7, journal_id: 42, tokens_in: 900, tokens_out: 4000 });
    await crew.end("finished", { journal_id: 42 });
    expect(await screen.findByTestId("crew-finished")).toBeInTheDocument();
    // Both segments' rows, each with its text, survive the pause and the resume.
    const rows = screen.getAllByTestId("crew-step");
    expect(rows.map((r) => r.dataset.step)).toEqual(["discover", "days#1"]);
    expect(rows[0]).toHaveTextContent("Title ideas…");
    expect(rows[1]).toHaveTextContent("Day one…");
    await user.click(screen.getByTestId("crew-open-journal"));
    expect(JSON.parse(screen.getByTestId("probe").textContent!)).toEqual({
      view: { kind: "journal", journalId: 42 },
      dialog: null,
    });
  });

  it("Cancel stops the run's task; Resume runs it again", async () => {
    const user = userEvent.setup();
    const crew = crewCore();
    renderDialog();
    await user.type(await screen.findByTestId("crew-theme"), "Sleep better");
    await user.click(screen.getByTestId("crew-start"));
    await waitFor(() => expect(crew.runs).toHaveLength(1));
    await user.click(await screen.findByTestId("crew-cancel"));
    await waitFor(() => expect(crew.core.callsOf("task_cancel")).toEqual([{ task: crew.runs[0]!.task }]));
    await crew.end("cancelled");
    await user.click(await screen.findByTestId("crew-resume"));
    await waitFor(() => expect(crew.runs).toHaveLength(2));
    expect(screen.getByTestId("crew-progress")).toHaveAttribute("data-phase", "running");
    await crew.end("cancelled"); // leave no run behind for the next test
  });

  it("a yes/no question is answered with Continue, which resumes with go_on", async () => {
    const user = userEvent.setup();
    const crew = crewCore({ question: "Write the 30 days now?", task: "days" });
    renderDialog();
    await user.type(await screen.findByTestId("crew-theme"), "Focus");
    await user.click(screen.getByTestId("crew-start"));
    await waitFor(() => expect(crew.runs).toHaveLength(1));
    crew.event({ type: "paused", run_id: 7, question: "Write the 30 days now?" });
    await crew.end("paused", { question: "Write the 30 days now?" });
    expect(await screen.findByTestId("crew-question")).toHaveTextContent("Write the 30 days now?");
    expect(screen.queryByTestId("crew-option")).toBeNull();
    await user.click(await screen.findByTestId("crew-continue"));
    await waitFor(() => expect(crew.core.callsOf("crew_run").at(-1)).toMatchObject({ runId: 7, goOn: true }));
    expect(crew.core.callsOf("crew_answer")).toHaveLength(0);
    await crew.end("finished");
  });

  it("sends a desktop notification when a long run finishes, not a short one", async () => {
    // Tauri's notification plugin drives the Web Notification API it injects.
    const shown: string[] = [];
    vi.stubGlobal(
      "Notification",
      class {
        static permission = "granted";
        constructor(title: string) {
          shown.push(title);
        }
      },
    );
    const crew = crewCore();
    renderDialog();
    const user = userEvent.setup();
    await user.type(await screen.findByTestId("crew-theme"), "Focus");
    await user.click(screen.getByTestId("crew-start"));
    await waitFor(() => expect(crew.runs).toHaveLength(1));
    const clock = vi.spyOn(Date, "now");
    clock.mockReturnValue(Date.now() + 25 * 60_000);
    crew.event({ type: "run_finished", run_id: 7, journal_id: 3, tokens_in: 1, tokens_out: 2 });
    await crew.end("finished", { journal_id: 3 });
    clock.mockRestore();
    await waitFor(() => expect(shown).toEqual(["Your guided journal is ready"]));
    // A quick resume that ends at once stays quiet.
    await user.click(screen.getByTestId("crew-new"));
    await user.type(await screen.findByTestId("crew-theme"), "Again");
    await user.click(screen.getByTestId("crew-start"));
    await waitFor(() => expect(crew.runs).toHaveLength(2));
    await crew.end("finished", { journal_id: 4 });
    expect(shown).toHaveLength(1);
  });

  it("saves the wizard's choices as the writer's own theme", async () => {
    const user = userEvent.setup();
    const crew = crewCore();
    renderDialog();
    await user.type(await screen.findByTestId("crew-theme"), "Evening walks");
    await user.selectOptions(screen.getByTestId("crew-title-style"), await screen.findByRole("option", { name: "practical" }));
    await user.type(screen.getByTestId("crew-voice"), "a quiet friend");
    await user.click(screen.getByTestId("crew-depth-light"));
    await user.type(screen.getByTestId("crew-save-theme-name"), "Walks{Enter}");
    expect(await screen.findByTestId("crew-theme-saved")).toHaveTextContent("Walks");
    expect(crew.core.callsOf("crew_save_theme")).toEqual([
      {
        theme: {
          id: 0,
          name: "Walks",
          theme: "Evening walks",
          title_style: "practical",
          voice: "a quiet friend",
          depth: "light",
          builtin: false,
        },
      },
    ]);
    // Enter in the name field saved the theme; it did not start the crew.
    expect(crew.core.callsOf("crew_start")).toHaveLength(0);
  });

  it("lists earlier runs: resumes an interrupted one from its record, opens a finished one's journal", async () => {
    const user = userEvent.setup();
    const run = (id: number, status: string, journal_id: number | null) => ({
      id,
      uuid: `u${id}`,
      crew: "journal",
      inputs: { theme: `Theme ${id}`, title: "" },
      profile: null,
      journal_id,
      status,
      pending: null,
      error: status === "failed" ? "the endpoint went away" : null,
      tokens_in: 300,
      tokens_out: 120,
      created_at: Date.UTC(2026, 10, 1),
      updated_at: Date.UTC(2026, 10, 1),
      finished_at: null,
    });
    const crew = crewCore(undefined, [run(5, "failed", 11), run(4, "finished", 12)]);
    renderDialog();
    const items = await screen.findAllByTestId("crew-run-item");
    expect(items.map((i) => i.dataset.status)).toEqual(["failed", "finished"]);
    expect(items[0]).toHaveTextContent("Theme 5");
    expect(items[0]).toHaveTextContent("the endpoint went away");
    expect(within(items[1]!).queryByTestId("crew-run-resume")).toBeNull();

    await user.click(within(items[0]!).getByTestId("crew-run-resume"));
    await waitFor(() => expect(crew.runs).toHaveLength(1));
    expect(crew.core.callsOf("crew_run")[0]).toMatchObject({ runId: 5, goOn: false });
    // The steps it had finished are shown before the first new event arrives.
    const row = await screen.findByTestId("crew-step");
    expect(row).toHaveAttribute("data-step", "discover");
    expect(row).toHaveAttribute("data-status", "done");
    expect(screen.getByTestId("crew-progress")).toHaveTextContent("300 in / 120 out");
    await crew.end("cancelled");

    await user.click(await screen.findByTestId("crew-new"));
    await user.click(within((await screen.findAllByTestId("crew-run-item"))[1]!).getByTestId("crew-run-open"));
    expect(JSON.parse(screen.getByTestId("probe").textContent!)).toEqual({
      view: { kind: "journal", journalId: 12 },
      dialog: null,
    });
  });
});
