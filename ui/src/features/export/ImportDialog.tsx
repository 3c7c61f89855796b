// Import from Markdown, jrnl, Day One or our own JSON into a journal (created if new).
// One transaction in the core: cancelling leaves the library as it was.

import { useState } from "react";
import { useAppDispatch, useAppState } from "../../app/state";
import {
  type ImportOutcome,
  type ImportProgress,
  type Task,
  api,
  chooseOpenPath,
  isCancelled,
  startTask,
  useJournals,
} from "../../ipc";
import { t } from "../../i18n";
import { Dialog } from "../../shared/Dialog";
import { ErrorText } from "../../shared/ErrorText";

type Phase =
  | { state: "idle" }
  | { state: "running"; progress: ImportProgress | null; task: Task<ImportOutcome> }
  | { state: "done"; outcome: ImportOutcome }
  | { state: "cancelled" }
  | { state: "error"; error: unknown };

export function ImportDialog() {
  const dispatch = useAppDispatch();
  const { view } = useAppState();
  const journals = useJournals(false);
  const current = view?.kind === "journal" ? journals.data?.find((j) => j.id === view.journalId) : undefined;
  const [path, setPath] = useState<string | null>(null);
  const [journal, setJournal] = useState(current?.title ?? "");
  const [partial, setPartial] = useState(false);
  const [phase, setPhase] = useState<Phase>({ state: "idle" });

  const choose = async (directory: boolean) => {
    try {
      const picked = await chooseOpenPath({ directory });
      if (picked) setPath(picked);
    } catch (e) {
      setPhase({ state: "error", error: e });
    }
  };

  const start = (e: React.FormEvent) => {
    e.preventDefault();
    if (!path || !journal.trim()) return;
    const task = startTask<ImportProgress, ImportOutcome>(
      "import",
      (progress) => setPhase((p) => (p.state === "running" ? { ...p, progress } : p)),
      (id, ch) => api.importFile({ path, journal: journal.trim(), format: null, partial }, id, ch),
    );
    setPhase({ state: "running", progress: null, task });
    task.result.then(
      (outcome) => {
        setPhase({ state: "done", outcome });
        dispatch({ type: "showView", view: { kind: "journal", journalId: outcome.journal_id } });
      },
      (error: unknown) => setPhase(isCancelled(error) ? { state: "cancelled" } : { state: "error", error }),
    );
  };

  const running = phase.state === "running";
  const progress = running ? phase.progress : null;
  return (
    <Dialog title={t("import.title")} onClose={() => dispatch({ type: "closeDialog" })} testId="import-dialog">
      <form className="form" onSubmit={start}>
        <fieldset disabled={running}>
          <legend>{t("import.source")}</legend>
          <p className="path" data-testid="import-path">
            {path ?? t("import.none")}
          </p>
          <div className="row">
            <button type="button" data-testid="import-choose-file" onClick={() => void choose(false)}>
              {t("import.chooseFile")}
            </button>
            <button type="button" data-testid="import-choose-folder" onClick={() => void choose(true)}>
              {t("import.chooseFolder")}
            </button>
          </div>
        </fieldset>
        <label>
          {t("import.into")}
          <input
            required
            list="import-journals"
            value={journal}
            disabled={running}
            data-testid="import-journal"
            onChange={(e) => setJournal(e.target.value)}
          />
          <datalist id="import-journals">
            {(journals.data ?? []).map((j) => (
              <option key={j.id} value={j.title} />
            ))}
          </datalist>
        </label>
        <label className="inline">
          <input type="checkbox" checked={partial} disabled={running} onChange={(e) => setPartial(e.target.checked)} />
          {t("import.partial")}
        </label>
        <div className="import-status" role="status" data-testid="import-status" data-state={phase.state}>
          {running && (
            <>
              <progress aria-label={t("import.reading")} />
              <span>
                {progress?.stage === "writing"
                  ? t("import.writing", { count: progress.entries })
                  : t("import.reading")}
              </span>
            </>
          )}
          {phase.state === "done" && (
            <span>
              {t("import.done", {
                count: phase.outcome.imported,
                journal: phase.outcome.journal_title,
                present: phase.outcome.already_present,
              })}
            </span>
          )}
          {phase.state === "cancelled" && <span>{t("import.cancelled")}</span>}
        </div>
        {phase.state === "done" && phase.outcome.problems.length > 0 && (
          <ul aria-label={t("import.problems")}>
            {phase.outcome.problems.map((p, i) => (
              <li key={i}>
                {p.path}: {p.reason}
              </li>
            ))}
          </ul>
        )}
        {phase.state === "error" && <ErrorText error={phase.error} testId="import-error" />}
        <div className="form-actions">
          {running ? (
            <button type="button" onClick={() => void phase.task.cancel()}>
              {t("import.cancel")}
            </button>
          ) : (
            <button type="submit" className="primary" disabled={!path || !journal.trim()} data-testid="import-start">
              {t("import.start")}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
