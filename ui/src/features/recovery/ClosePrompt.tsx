// Closing the window while words can't be saved: keep the window open, save the words
// to a Markdown file the writer picks, or discard them. A copy is already on disk beside
// the library (unless that failed too, which the prompt says).

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { AppError, api, chooseSavePath, keys, type EntryDetail } from "../../ipc";
import { t } from "../../i18n";
import { Dialog } from "../../shared/Dialog";
import type { DraftKeeper } from "./draftKeeper";
import { draftExcerpt, draftLabel } from "./preview";
import { describeSaveProblem } from "./saveProblem";
import type { CloseQuestion } from "./useCloseGuard";

export function ClosePrompt({
  question,
  keeper,
  failure,
}: {
  question: CloseQuestion;
  keeper: DraftKeeper;
  failure: unknown;
}) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = question.unsaved.map((u) => u.entryId);
  const storedTitle = (id: number) => qc.getQueryData<EntryDetail>(keys.entry(id))?.entry.title;

  const saveToFile = async () => {
    setError(null);
    const first = question.unsaved[0];
    const name = draftLabel(first?.draft.title, first ? storedTitle(first.entryId) : null);
    const path = await chooseSavePath(`${name}.md`, [{ name: "Markdown", extensions: ["md"] }]);
    if (!path) return;
    setBusy(true);
    try {
      // The copy on disk holds the latest text: the guard kept it before asking.
      await api.draftExport(ids, path);
      question.answer(true);
    } catch (e) {
      setError(t("recovery.closeSaveFailed", { message: AppError.from(e).message }));
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    setBusy(true);
    await keeper.discardAll(ids);
    question.answer(true);
  };

  const why = failure ? describeSaveProblem(failure) : "";
  return (
    <Dialog title={t("recovery.closeTitle")} onClose={() => question.answer(false)} testId="close-prompt">
      <p>{t("recovery.closeBody")}</p>
      {why && <p>{why}</p>}
      {question.kept.ok ? (
        <p className="hint">{t("recovery.keptAside")}</p>
      ) : (
        <p className="error-text" role="alert">
          {t("recovery.notKept", { message: AppError.from(question.kept.error).message })}
        </p>
      )}
      <ul className="recovered-list" data-testid="close-prompt-unsaved">
        {question.unsaved.map(({ entryId, draft }) => (
          <li key={entryId}>
            <strong>{draftLabel(draft.title, storedTitle(entryId))}</strong>
            <span className="hint"> {draftExcerpt(draft.body === undefined ? "" : String(draft.body))}</span>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="primary" data-testid="close-keep-open" onClick={() => question.answer(false)}>
          {t("recovery.closeKeepOpen")}
        </button>
        <button type="button" data-testid="close-save-file" disabled={busy} onClick={() => void saveToFile()}>
          {t("recovery.closeSaveToFile")}
        </button>
        <button type="button" data-testid="close-discard" disabled={busy} onClick={() => void discard()}>
          {t("recovery.closeDiscard")}
        </button>
      </div>
    </Dialog>
  );
}
