// At start: text an earlier window kept because it could not be saved. Each can be put
// back into its entry (a normal save), saved to a Markdown file, or discarded; the dialog
// closes when none is left (or when the writer closes it: the copies stay for next time).

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { AppError, api, chooseSavePath, type KeptDraft } from "../../ipc";
import { formatDateTime, t } from "../../i18n";
import { Dialog } from "../../shared/Dialog";
import { draftExcerpt, draftLabel } from "./preview";
import { putBack } from "./putBack";

export function RecoveredDrafts() {
  const qc = useQueryClient();
  const [drafts, setDrafts] = useState<KeptDraft[] | null>(null);
  const [closed, setClosed] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.draftList().then(setDrafts, () => setDrafts([]));
  }, []);

  if (closed || !drafts || drafts.length === 0) return null;

  const done = (entryId: number) => setDrafts((d) => (d ?? []).filter((x) => x.draft.entry_id !== entryId));
  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(t("recovery.putBackFailed", { message: AppError.from(e).message }));
    }
  };

  return (
    <Dialog title={t("recovery.recoveredTitle")} onClose={() => setClosed(true)} testId="recovered-drafts" wide>
      <p>{t("recovery.recoveredBody")}</p>
      <ul className="recovered-list">
        {drafts.map((k) => (
          <li key={k.draft.entry_id} data-testid="recovered-draft" data-entry-id={k.draft.entry_id}>
            <div>
              <strong>{draftLabel(k.draft.title, k.entry_title)}</strong>
              {k.entry_title === null && <span className="hint"> {t("recovery.entryGone")}</span>}
              <span className="hint"> · {t("recovery.recoveredKeptAt", { time: formatDateTime(k.kept_at) })}</span>
            </div>
            <p className="hint" data-testid="recovered-text">
              {draftExcerpt(k.draft.body)}
            </p>
            <div className="form-actions">
              {k.entry_title !== null && (
                <button
                  type="button"
                  className="primary"
                  data-testid="recovered-put-back"
                  onClick={() =>
                    void run(async () => {
                      await putBack(qc, k.draft);
                      done(k.draft.entry_id);
                    })
                  }
                >
                  {t("recovery.putBack")}
                </button>
              )}
              <button
                type="button"
                data-testid="recovered-save-file"
                onClick={() =>
                  void run(async () => {
                    const name = draftLabel(k.draft.title, k.entry_title);
                    const path = await chooseSavePath(`${name}.md`, [{ name: "Markdown", extensions: ["md"] }]);
                    if (!path) return;
                    await api.draftExport([k.draft.entry_id], path);
                    await api.draftDiscard(k.draft.entry_id);
                    done(k.draft.entry_id);
                  })
                }
              >
                {t("recovery.saveToFile")}
              </button>
              <button
                type="button"
                data-testid="recovered-discard"
                onClick={() =>
                  void run(async () => {
                    await api.draftDiscard(k.draft.entry_id);
                    done(k.draft.entry_id);
                  })
                }
              >
                {t("recovery.discard")}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
