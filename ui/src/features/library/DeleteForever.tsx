// "Delete forever" for a trashed entry or journal, and "Empty trash": asks first; then,
// when older backups still hold the deleted text, offers to remove those too.

import { useState } from "react";
import { t } from "../../i18n";
import { type PurgeOutcome, usePruneBackups, usePurge } from "../../ipc";
import { ConfirmDialog } from "../../shared/ConfirmDialog";
import { Dialog } from "../../shared/Dialog";
import { ErrorText } from "../../shared/ErrorText";

export interface DeleteForeverProps {
  what: { entry: number } | { journal: number } | "trash";
  label: string;
  title: string;
  text: string;
  testId: string;
  onDone?: () => void;
}

export function DeleteForever({ what, label, title, text, testId, onDone }: DeleteForeverProps) {
  const purge = usePurge();
  const prune = usePruneBackups();
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<PurgeOutcome | null>(null);
  const finish = () => {
    setDone(null);
    onDone?.();
  };
  return (
    <>
      <button type="button" className="danger" data-testid={testId} onClick={() => setAsking(true)}>
        {label}
      </button>
      {asking && (
        <ConfirmDialog
          title={title}
          confirmLabel={t("library.purgeConfirm")}
          pending={purge.isPending}
          error={purge.error}
          onCancel={() => setAsking(false)}
          onConfirm={() =>
            purge.mutate(what, {
              onSuccess: (outcome) => {
                setAsking(false);
                if (outcome.backups_holding.length > 0) setDone(outcome);
                else onDone?.();
              },
            })
          }
        >
          <p>{text}</p>
        </ConfirmDialog>
      )}
      {done && (
        <Dialog title={t("library.purgedTitle")} onClose={finish} testId="purged-dialog">
          <p>{t("library.purgedBackups", { count: done.backups_holding.length })}</p>
          <ErrorText error={prune.error} />
          <div className="form-actions">
            <button type="button" onClick={finish}>
              {t("library.keepBackups")}
            </button>
            <button
              type="button"
              className="danger"
              data-testid="prune-backups-button"
              disabled={prune.isPending}
              onClick={() => prune.mutate({ before: null, holding_purged: true }, { onSuccess: finish })}
            >
              {t("library.removeBackups")}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
