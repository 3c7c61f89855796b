// Create a journal: a title and whether it is a diary or a guided book.

import { useState } from "react";
import { useAppDispatch } from "../../app/state";
import { type JournalKind, useCreateJournal } from "../../ipc";
import { t } from "../../i18n";
import { Dialog } from "../../shared/Dialog";
import { ErrorText } from "../../shared/ErrorText";

export function NewJournalDialog() {
  const dispatch = useAppDispatch();
  const create = useCreateJournal();
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<JournalKind>("diary");
  const close = () => dispatch({ type: "closeDialog" });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    create.mutate(
      { title: title.trim(), kind, subtitle: "", theme: "", author_voice: "" },
      {
        onSuccess: (journal) => {
          dispatch({ type: "closeDialog" });
          dispatch({ type: "showView", view: { kind: "journal", journalId: journal.id } });
        },
      },
    );
  };

  return (
    <Dialog title={t("library.newJournal")} onClose={close} testId="new-journal-dialog">
      <form onSubmit={submit} className="form">
        <label>
          {t("library.newJournalTitle")}
          <input
            autoFocus
            required
            value={title}
            data-testid="new-journal-title"
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <label>
          {t("library.newJournalKind")}
          <select
            value={kind}
            data-testid="new-journal-kind"
            onChange={(e) => setKind(e.target.value as JournalKind)}
          >
            <option value="diary">{t("library.diary")}</option>
            <option value="guided">{t("library.guided")}</option>
          </select>
        </label>
        <ErrorText error={create.error} />
        <div className="form-actions">
          <button type="button" onClick={close}>
            {t("app.cancel")}
          </button>
          <button type="submit" className="primary" data-testid="new-journal-submit" disabled={create.isPending}>
            {t("library.create")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
