// The crew run in progress, kept outside React so the wizard can be closed and reopened
// while the crew works. One run at a time, as the window offers it.

import { useSyncExternalStore } from "react";
import { type CrewEvent, type RunSummary, type StartCrewRun, type Task, api, isCancelled, notify, startTask } from "../../ipc";
import { t } from "../../i18n";
import { errorDetail } from "../../shared/errorWords";
import { type RunProgress, applyEvent, applyStatus, applySummary, initialProgress } from "./progress";

/** Runs shorter than this end while the writer is still watching: no notification. */
export const NOTIFY_AFTER_MS = 20_000;

/** A desktop notification when a long stretch of crew work ends (finished, paused, failed). */
function notifyEnd(p: RunProgress): void {
  if (p.phase === "finished") void notify(t("crew.notifyFinishedTitle"), t("crew.notifyFinishedBody"));
  else if (p.phase === "paused") void notify(t("crew.notifyPausedTitle"), p.question ?? t("crew.notifyPausedBody"));
  else if (p.phase === "failed") void notify(t("crew.notifyFailedTitle"), p.error ?? "");
}

let state: RunProgress = initialProgress;
let task: Task<RunSummary> | null = null;
const listeners = new Set<() => void>();

function set(next: RunProgress): void {
  state = next;
  listeners.forEach((l) => l());
}

export function crewProgress(): RunProgress {
  return state;
}

export function useCrewProgress(): RunProgress {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/**
 * Runs (or resumes) `runId` until it finishes, pauses, fails or is cancelled. `goOn`
 * answers yes to the "continue?" question a run paused on.
 */
export async function runCrew(runId: number, goOn = false): Promise<void> {
  if (task) return;
  set({ ...state, runId, phase: "running", error: null, question: null });
  const mine = startTask<CrewEvent, RunSummary>(
    "crew",
    (e) => set(applyEvent(state, e, Date.now())),
    (id, ch) => api.crewRun(runId, goOn, id, ch),
  );
  task = mine;
  const started = Date.now();
  try {
    // Await first: `applySummary(state, await …)` would read `state` before the run and
    // put back the rows as they were then, dropping everything streamed meanwhile.
    const summary = await mine.result;
    set(applySummary(state, summary));
    // The core's record of every step so far: rows stay right across pauses and resumes.
    const status = await api.crewStatus(runId).catch(() => null);
    if (status) set(applyStatus(state, status.steps));
    if (Date.now() - started >= NOTIFY_AFTER_MS) notifyEnd(state);
  } catch (e) {
    const cancelled = isCancelled(e);
    set({
      ...state,
      phase: cancelled ? "cancelled" : "failed",
      error: cancelled ? null : errorDetail(e),
      steps: state.steps.map((s) => (s.status === "running" || s.status === "retrying" ? { ...s, status: cancelled ? "skipped" : "failed" } : s)),
    });
    if (!cancelled && Date.now() - started >= NOTIFY_AFTER_MS) notifyEnd(state);
  } finally {
    if (task === mine) task = null;
  }
}

export async function startCrew(input: StartCrewRun): Promise<number> {
  const runId = await api.crewStart(input);
  set({ ...initialProgress, runId, phase: "running" });
  void runCrew(runId);
  return runId;
}

/**
 * Picks up an earlier run (from the list of runs, e.g. after the app was closed mid-run):
 * its recorded steps first, then on from its last finished step.
 */
export async function resumeCrew(runId: number): Promise<void> {
  if (task) return;
  set({ ...initialProgress, runId, phase: "running" });
  const status = await api.crewStatus(runId).catch(() => null);
  if (status) {
    set({ ...applyStatus(state, status.steps), tokensIn: status.run.tokens_in, tokensOut: status.run.tokens_out });
  }
  await runCrew(runId);
}

export async function cancelCrew(): Promise<void> {
  if (task) await task.cancel();
}

/** Answers the paused question with option `index` (0-based here, 1-based for the core) and goes on. */
export async function answerCrew(index: number): Promise<void> {
  if (state.runId === null) return;
  await api.crewAnswer(state.runId, index + 1);
  await runCrew(state.runId);
}

export function resetCrew(): void {
  if (task) return;
  set(initialProgress);
}
