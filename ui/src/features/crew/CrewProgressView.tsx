// The live view of a run: its steps, Cancel / Resume, the question when it pauses, and
// "Open journal" when the book is written.

import { useAppDispatch } from "../../app/state";
import { formatNumber, t } from "../../i18n";
import type { RunProgress } from "./progress";
import { cancelCrew, resetCrew, runCrew } from "./runStore";
import { StepRows } from "./StepRows";
import { TitleChoice } from "./TitleChoice";

export function CrewProgressView({ progress }: { progress: RunProgress }) {
  const dispatch = useAppDispatch();
  const { phase, runId } = progress;
  const openJournal = () => {
    if (progress.journalId === null) return;
    dispatch({ type: "closeDialog" });
    dispatch({ type: "showView", view: { kind: "journal", journalId: progress.journalId } });
  };
  return (
    <section className="crew-progress" aria-labelledby="crew-progress-title" data-testid="crew-progress" data-phase={phase}>
      <h3 id="crew-progress-title">{t("crew.progressTitle")}</h3>
      <p className="hint">
        {t("crew.tokens")}: {t("crew.tokensValue", { in: formatNumber(progress.tokensIn), out: formatNumber(progress.tokensOut) })}
      </p>
      <StepRows steps={progress.steps} />

      {phase === "paused" && runId !== null && <TitleChoice runId={runId} question={progress.question} />}
      {phase === "failed" && (
        <p role="alert" className="error-text" data-testid="crew-failed">
          {t("crew.failed", { error: progress.error ?? "" })}
        </p>
      )}
      {phase === "cancelled" && <p role="status">{t("crew.cancelled")}</p>}
      {phase === "finished" && (
        <p role="status" data-testid="crew-finished">
          {t("crew.finished")}
        </p>
      )}

      <div className="form-actions">
        {phase === "running" && (
          <button type="button" data-testid="crew-cancel" onClick={() => void cancelCrew()}>
            {t("crew.cancel")}
          </button>
        )}
        {(phase === "failed" || phase === "cancelled") && runId !== null && (
          <button type="button" className="primary" data-testid="crew-resume" onClick={() => void runCrew(runId)}>
            {t("crew.resume")}
          </button>
        )}
        {phase === "finished" && (
          <button
            type="button"
            className="primary"
            data-testid="crew-open-journal"
            disabled={progress.journalId === null}
            onClick={openJournal}
          >
            {t("crew.openJournal")}
          </button>
        )}
        {phase !== "running" && (
          <button type="button" data-testid="crew-new" onClick={resetCrew}>
            {t("crew.wizardTitle")}
          </button>
        )}
      </div>
    </section>
  );
}
