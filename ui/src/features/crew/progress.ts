// A crew run as the window sees it, folded from the engine's events: one row per step
// (status, streamed text, tokens, time) and where the run as a whole stands.

import type { CrewEvent, CrewStepStatus, RunStatus, RunSummary, StepInfo } from "../../ipc";

export type StepStatus = "running" | "done" | "skipped" | "retrying" | "failed";
export type Phase = "idle" | "running" | "paused" | "finished" | "failed" | "cancelled";

export interface StepRow {
  step: string;
  index: number;
  total: number;
  status: StepStatus;
  text: string;
  tokensIn: number;
  tokensOut: number;
  startedAt: number;
  /** Final duration from the engine; null while running. */
  ms: number | null;
  note: string | null;
}

export interface RunProgress {
  runId: number | null;
  phase: Phase;
  steps: StepRow[];
  question: string | null;
  journalId: number | null;
  error: string | null;
  tokensIn: number;
  tokensOut: number;
}

export const initialProgress: RunProgress = {
  runId: null,
  phase: "idle",
  steps: [],
  question: null,
  journalId: null,
  error: null,
  tokensIn: 0,
  tokensOut: 0,
};

/** Streamed text kept per step: enough to watch it write, bounded for the DOM. */
export const TEXT_LIMIT = 4000;

function withStep(p: RunProgress, step: string, change: (row: StepRow) => StepRow): RunProgress {
  const i = p.steps.findIndex((s) => s.step === step);
  if (i < 0) return p;
  const steps = p.steps.slice();
  steps[i] = change(steps[i]!);
  return { ...p, steps };
}

export function applyEvent(p: RunProgress, e: CrewEvent, now: number): RunProgress {
  switch (e.type) {
    case "run_started":
      return { ...p, runId: e.run_id, phase: "running", question: null, error: null };
    case "step_started": {
      const row: StepRow = {
        step: e.step,
        index: e.index,
        total: e.total,
        status: "running",
        text: "",
        tokensIn: 0,
        tokensOut: 0,
        startedAt: now,
        ms: null,
        note: null,
      };
      const exists = p.steps.some((s) => s.step === e.step);
      const steps = exists ? p.steps.map((s) => (s.step === e.step ? row : s)) : [...p.steps, row];
      return { ...p, steps };
    }
    case "delta":
      return withStep(p, e.step, (s) => {
        const text = s.text + e.text;
        return { ...s, status: "running", text: text.length > TEXT_LIMIT ? text.slice(-TEXT_LIMIT) : text };
      });
    case "retry":
      return withStep(p, e.step, (s) => ({ ...s, status: "retrying", note: e.reason, text: "" }));
    case "reask":
      return withStep(p, e.step, (s) => ({ ...s, status: "retrying", note: e.reason, text: "" }));
    case "step_finished":
      return {
        ...withStep(p, e.step, (s) => ({
          ...s,
          status: "done",
          tokensIn: e.tokens_in,
          tokensOut: e.tokens_out,
          ms: e.ms,
          note: e.warnings.length > 0 ? e.warnings.join("; ") : null,
        })),
        tokensIn: p.tokensIn + e.tokens_in,
        tokensOut: p.tokensOut + e.tokens_out,
      };
    case "step_skipped": {
      const known = p.steps.some((s) => s.step === e.step);
      const base = known
        ? p
        : { ...p, steps: [...p.steps, { ...stub(e.step, now) }] };
      return withStep(base, e.step, (s) => ({ ...s, status: "skipped", note: e.reason, ms: s.ms ?? 0 }));
    }
    case "paused":
      return { ...p, phase: "paused", question: e.question };
    case "run_finished":
      return { ...p, phase: "finished", journalId: e.journal_id, tokensIn: e.tokens_in, tokensOut: e.tokens_out };
    case "run_failed":
      return {
        ...p,
        phase: "failed",
        error: e.error,
        steps: p.steps.map((s) => (s.status === "running" || s.status === "retrying" ? { ...s, status: "failed" } : s)),
      };
  }
}

function stub(step: string, now: number): StepRow {
  return { step, index: 0, total: 0, status: "running", text: "", tokensIn: 0, tokensOut: 0, startedAt: now, ms: null, note: null };
}

/** Where the run stands once crewRun returned (its summary is the last word). */
/** The window's phase for a run the core says is `status` ("running" keeps what events said). */
const PHASE_FROM_CORE: Record<RunStatus, Phase | null> = {
  running: null,
  paused: "paused",
  finished: "finished",
  failed: "failed",
  cancelled: "cancelled",
};

export function applySummary(p: RunProgress, s: RunSummary): RunProgress {
  const phase: Phase = PHASE_FROM_CORE[s.status] ?? p.phase;
  return {
    ...p,
    runId: s.run_id,
    phase,
    journalId: s.journal_id ?? p.journalId,
    question: s.question ?? p.question,
    error: s.error ?? p.error,
    tokensIn: s.tokens_in,
    tokensOut: s.tokens_out,
    steps: phase === "running" ? p.steps : p.steps.map((row) => (row.status === "running" ? { ...row, status: phase === "failed" ? "failed" : row.status } : row)),
  };
}

/** The options of a paused run's question (the core stores them in `pending`). */
export function pendingChoice(pending: unknown): { question: string; options: string[] } | null {
  if (typeof pending !== "object" || pending === null) return null;
  const p = pending as { question?: unknown; options?: unknown };
  if (typeof p.question !== "string" || !Array.isArray(p.options)) return null;
  const options = p.options.filter((o): o is string => typeof o === "string");
  return options.length > 0 ? { question: p.question, options } : null;
}

/** A row's status for a step the core saved. */
const STATUS_FROM_CORE: Record<CrewStepStatus, StepStatus> = {
  finished: "done",
  failed: "failed",
  skipped: "skipped",
};

/**
 * Rows as the core recorded them (each time a segment of a run ends: paused, finished or
 * failed): the authority for each step's status, tokens and time. Streamed text, and rows
 * the core has no record of, stay as the events left them.
 */
export function applyStatus(p: RunProgress, steps: StepInfo[]): RunProgress {
  const byStep = new Map(p.steps.map((row) => [row.step, row]));
  const rows: StepRow[] = steps.map((info) => {
    const row = byStep.get(info.step) ?? { ...stub(info.step, 0), ms: 0 };
    byStep.delete(info.step);
    return {
      ...row,
      status: STATUS_FROM_CORE[info.status],
      tokensIn: info.tokens_in,
      tokensOut: info.tokens_out,
      ms: info.ms,
      note: info.error ?? row.note,
    };
  });
  return { ...p, steps: [...byStep.values(), ...rows] };
}
