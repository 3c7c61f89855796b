import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { CrewWizard } from "../crew/CrewWizard";
import { mockCore, send } from "../../test/ipc";
import { renderInApp } from "../../test/render";
import { resetDownloads } from "./downloads";

afterEach(() => resetDownloads());

const MB = 1_000_000;

function offer(fields: object = {}) {
  return {
    id: "smollm2-135m",
    name: "SmolLM2 135M Instruct (Q4_1)",
    file: "SmolLM2-135M-Instruct.Q4_1.gguf",
    bytes: 98 * MB,
    licence: "Apache-2.0",
    note: "tiny and fast",
    url: "https://example.invalid/SmolLM2.gguf",
    downloaded: false,
    partial_bytes: 0,
    enough_room: true,
    ...fields,
  };
}

const model = {
  name: "SmolLM2-135M-Instruct.Q4_1.gguf",
  path: "/data/models/SmolLM2-135M-Instruct.Q4_1.gguf",
  bytes: 98 * MB,
  linked: false,
  architecture: "llama",
  problem: null,
  used_by: [] as string[],
};

/** A core whose one download the test drives: progress, then success or a cancel. */
function modelsCore() {
  const state = { offer: offer(), models: [] as (typeof model)[], profiles: [] as object[] };
  const downloads: Array<{ channel: unknown; done: (v: unknown) => void; fail: (e: unknown) => void; task: string }> = [];
  const core = mockCore({
    model_overview: () => ({ dir: "/data/models", models: state.models, catalog: [state.offer], free_bytes: 40_000 * MB }),
    model_download: (a) =>
      new Promise((done, fail) => downloads.push({ channel: a.onProgress, done, fail, task: a.task as string })),
    task_cancel: () => true,
    model_use: (a) => {
      const profile = { name: "SmolLM2-135M-Instruct.Q4_1", base_url: "", model: "SmolLM2-135M-Instruct.Q4_1", model_file: model.path, structured_output: "json_schema", is_default: true };
      state.profiles = [profile];
      state.models = [{ ...model, used_by: [profile.name] }];
      expect(a.name).toBe("smollm2-135m");
      return profile;
    },
    llm_list: () => ({ profiles: state.profiles, detected: [] }),
    crew_themes: () => [],
    crew_title_styles: () => ["practical"],
  });
  return { core, state, downloads };
}

describe("a model on this computer", () => {
  it("the crew wizard offers it instead of a dead end: download with progress, cancel, resume, use", async () => {
    const user = userEvent.setup();
    const { core, state, downloads } = modelsCore();
    renderInApp(<CrewWizard />);

    const offered = await screen.findByTestId("model-offer");
    expect(screen.getByTestId("crew-start")).toBeDisabled();
    // The free space is shown before anything is downloaded.
    expect(screen.getByTestId("model-free-space")).toHaveTextContent("37.3 GiB free");
    expect(offered).toHaveTextContent("93.5 MiB");
    expect(offered).toHaveTextContent("Apache-2.0");

    await user.click(within(offered).getByTestId("model-download"));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(core.callsOf("model_download")[0]).toMatchObject({ id: "smollm2-135m" });
    act(() => send(downloads[0]!.channel, { id: "smollm2-135m", have: 49 * MB, total: 98 * MB }));
    const bar = await screen.findByTestId("model-progress");
    expect(bar).toHaveAttribute("value", String(49 * MB));
    expect(screen.getByTestId("model-progress-text")).toHaveTextContent("46.7 MiB of 93.5 MiB");

    // Cancel: the task is stopped, what arrived is kept and the next try resumes.
    await user.click(screen.getByTestId("model-cancel"));
    expect(core.callsOf("task_cancel")).toEqual([{ task: downloads[0]!.task }]);
    state.offer = offer({ partial_bytes: 49 * MB });
    await act(async () => downloads[0]!.fail({ code: "cancelled", message: "cancelled" }));
    expect(await screen.findByTestId("model-partial")).toHaveTextContent("Download paused: 46.7 MiB of 93.5 MiB kept");
    expect(screen.getByTestId("model-download")).toHaveTextContent("Resume download");

    await user.click(screen.getByTestId("model-download"));
    await waitFor(() => expect(downloads).toHaveLength(2));
    state.offer = offer({ downloaded: true });
    state.models = [model];
    await act(async () => downloads[1]!.done(model));

    await user.click(await screen.findByTestId("model-use"));
    expect(await screen.findByTestId("crew-model-ready")).toHaveTextContent("SmolLM2-135M-Instruct.Q4_1, on this computer");
    // The profile exists now: the offer gives way to the usual wizard, ready to start.
    await waitFor(() => expect(screen.queryByTestId("crew-no-profile")).not.toBeInTheDocument());
    await user.type(screen.getByTestId("crew-theme"), "Gratitude");
    expect(screen.getByTestId("crew-start")).toBeEnabled();
  });

  it("refuses a download the disk can't hold, and says how much is needed", async () => {
    mockCore({
      model_overview: () => ({ dir: "/data/models", models: [], catalog: [offer({ enough_room: false })], free_bytes: 50 * MB }),
      llm_list: () => ({ profiles: [], detected: [] }),
      crew_themes: () => [],
      crew_title_styles: () => [],
    });
    renderInApp(<CrewWizard />);
    expect(await screen.findByTestId("model-no-room")).toHaveTextContent("93.5 MiB more is needed");
    expect(screen.getByTestId("model-download")).toBeDisabled();
    expect(screen.getByTestId("model-free-space")).toHaveTextContent("47.7 MiB free");
  });

  it("shows a failed download's reason and offers to try again", async () => {
    const user = userEvent.setup();
    const { downloads } = modelsCore();
    renderInApp(<CrewWizard />);
    await user.click(await screen.findByTestId("model-download"));
    await waitFor(() => expect(downloads).toHaveLength(1));
    await act(async () =>
      downloads[0]!.fail({ code: "invalid_input", message: "the file has SHA-256 abc, not the def expected, so it was deleted" }),
    );
    expect(await screen.findByTestId("model-download-error")).toHaveTextContent("so it was deleted");
    expect(screen.getByTestId("model-download")).toBeEnabled();
  });
});
