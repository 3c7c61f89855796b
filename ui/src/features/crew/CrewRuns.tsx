// The latest crew runs: resume one that stopped (cancelled, failed, paused, or cut off
// when the app closed) or open the journal one wrote.

import { useAppDispatch } from "../../app/state";
import { type CrewRun, type RunStatus, useCrewRuns } from "../../ipc";
import { formatDateTime, formatNumber, t, type MessageKey } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { withoutTerminalAdvice } from "../../shared/errorWords";
import { resumeCrew } from "./runStore";

const STATUS_LABEL: Record<RunStatus, MessageKey> = {
  finished: "crew.runFinished",
  paused: "crew.runPaused",
  failed: "crew.runFailed",
  cancelled: "crew.runCancelled",
  // "running" with no run in this window: the app (or `jcc`) stopped mid-run.
  running: "crew.runStopped",
};

function themeOf(run: CrewRun): string {
  const inputs = run.inputs as { theme?: unknown; title?: unknown } | null;
  const title = typeof inputs?.title === "string" ? inputs.title : "";
  const theme = typeof inputs?.theme === "string" ? inputs.theme : "";
  return title || theme || t("app.untitled");
}

export function CrewRuns() {
  const dispatch = useAppDispatch();
  const runs = useCrewRuns();
  const list = runs.data ?? [];
  if (list.length === 0 && !runs.error) return null;

  const open = (journalId: number) => {
    dispatch({ type: "closeDialog" });
    dispatch({ type: "showView", view: { kind: "journal", journalId } });
  };

  return (
    <section aria-labelledby="crew-runs-title" data-testid="crew-runs">
      <h3 id="crew-runs-title">{t("crew.runs")}</h3>
      <ErrorText error={runs.error} />
      <ul className="template-list">
        {list.map((run) => (
          <li key={run.id} data-testid="crew-run-item" data-run-id={run.id} data-status={run.status}>
            <div>
              <strong>{themeOf(run)}</strong>
              <span className="hint">
                {" · "}
                {t(STATUS_LABEL[run.status])} · {formatDateTime(run.created_at)} ·{" "}
                {t("crew.tokensValue", { in: formatNumber(run.tokens_in), out: formatNumber(run.tokens_out) })}
              </span>
              {run.error && <div className="hint">{withoutTerminalAdvice(run.error)}</div>}
            </div>
            <div className="row-actions">
              {run.status === "finished" && run.journal_id !== null && (
                <button type="button" data-testid="crew-run-open" onClick={() => open(run.journal_id!)}>
                  {t("crew.openJournal")}
                </button>
              )}
              {run.status !== "finished" && (
                <button
                  type="button"
                  aria-label={t("crew.resumeLabel", { name: themeOf(run) })}
                  data-testid="crew-run-resume"
                  onClick={() => void resumeCrew(run.id)}
                >
                  {t("crew.resume")}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
