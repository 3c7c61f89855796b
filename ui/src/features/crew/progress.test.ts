import { describe, expect, it } from "vitest";
import type { CrewEvent, CrewStepStatus } from "../../ipc";
import { TEXT_LIMIT, applyEvent, applyStatus, applySummary, initialProgress, pendingChoice } from "./progress";

function fold(events: CrewEvent[], start = 1000) {
  return events.reduce((p, e, i) => applyEvent(p, e, start + i * 100), initialProgress);
}

describe("crew progress", () => {
  it("follows steps from start to finish with streamed text and tokens", () => {
    const p = fold([
      { type: "run_started", run_id: 4, resumed: false },
      { type: "step_started", run_id: 4, step: "discover", index: 1, total: 3, max_tokens: 800 },
      { type: "delta", step: "discover", text: "Five " },
      { type: "delta", step: "discover", text: "titles" },
      { type: "step_finished", step: "discover", tokens_in: 120, tokens_out: 80, ms: 2500, attempts: 1, warnings: [] },
      { type: "step_started", run_id: 4, step: "research#1", index: 2, total: 3, max_tokens: 800 },
      { type: "retry", step: "research#1", attempt: 1, reason: "HTTP 503", delay_ms: 500 },
    ]);
    expect(p.phase).toBe("running");
    expect(p.steps.map((s) => [s.step, s.status])).toEqual([
      ["discover", "done"],
      ["research#1", "retrying"],
    ]);
    expect(p.steps[0]).toMatchObject({ text: "Five titles", tokensIn: 120, tokensOut: 80, ms: 2500 });
    expect(p.steps[1]).toMatchObject({ note: "HTTP 503", ms: null, startedAt: 1500 });
    expect(p.tokensIn).toBe(120);
  });

  it("pauses on a question and finishes with the journal", () => {
    let p = fold([
      { type: "run_started", run_id: 4, resumed: false },
      { type: "paused", run_id: 4, question: "Which title?" },
    ]);
    expect(p).toMatchObject({ phase: "paused", question: "Which title?" });
    p = applyEvent(p, { type: "run_finished", run_id: 4, journal_id: 9, tokens_in: 500, tokens_out: 900 }, 0);
    expect(p).toMatchObject({ phase: "finished", journalId: 9, tokensOut: 900 });
  });

  it("a failure marks the running step failed", () => {
    const p = fold([
      { type: "run_started", run_id: 4, resumed: false },
      { type: "step_started", run_id: 4, step: "days#3", index: 5, total: 40, max_tokens: 800 },
      { type: "run_failed", run_id: 4, error: "the endpoint kept failing" },
    ]);
    expect(p.phase).toBe("failed");
    expect(p.error).toBe("the endpoint kept failing");
    expect(p.steps[0]!.status).toBe("failed");
  });

  it("keeps only the tail of a long stream", () => {
    let p = fold([{ type: "step_started", run_id: 1, step: "s", index: 1, total: 1, max_tokens: 1 }]);
    p = applyEvent(p, { type: "delta", step: "s", text: "x".repeat(TEXT_LIMIT) }, 0);
    p = applyEvent(p, { type: "delta", step: "s", text: "END" }, 0);
    expect(p.steps[0]!.text).toHaveLength(TEXT_LIMIT);
    expect(p.steps[0]!.text.endsWith("END")).toBe(true);
  });

  it("the summary has the last word on where the run stands", () => {
    const p = applySummary(
      { ...initialProgress, phase: "running" },
      { run_id: 2, journal_id: null, status: "paused", tokens_in: 1, tokens_out: 2, steps_finished: 1, steps_failed: 0, question: "Pick a title", quality: { fields: 2, passed_first: 1, score: 0.5 } },
    );
    expect(p).toMatchObject({ phase: "paused", question: "Pick a title", runId: 2 });
  });

  it("reads the title options from a paused run", () => {
    expect(pendingChoice({ question: "Which title?", options: ["A", "B"], into: "title" })).toEqual({
      question: "Which title?",
      options: ["A", "B"],
    });
    expect(pendingChoice({ question: "Go on?", task: "write" })).toBeNull();
    expect(pendingChoice(null)).toBeNull();
  });
});

describe("rows from the core's record", () => {
  it("survive a pause and a resume with the core's status, tokens and time", () => {
    const streamed = applyEvent(
      applyEvent(initialProgress, { type: "step_started", run_id: 1, step: "titles", index: 2, total: 20, max_tokens: 300 }, 0),
      { type: "delta", step: "titles", text: "1. Small Thanks" },
      1,
    );
    const emptied = { ...streamed, steps: [] };
    const info = (step: string, status: CrewStepStatus) => ({
      step, status, attempts: 1, valid_first: true, tokens_in: 10, tokens_out: 20, ms: 1500, warnings: [],
    });
    const fromCore = applyStatus(emptied, [info("titles", "finished")]);
    expect(fromCore.steps).toHaveLength(1);
    expect(fromCore.steps[0]).toMatchObject({ step: "titles", status: "done", tokensIn: 10, tokensOut: 20, ms: 1500 });
    const kept = applyStatus(streamed, [info("titles", "finished"), info("intro", "failed")]);
    expect(kept.steps.map((s) => [s.step, s.status, s.text])).toEqual([
      ["titles", "done", "1. Small Thanks"],
      ["intro", "failed", ""],
    ]);
  });
});
