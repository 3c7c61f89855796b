// "Delete forever" for a trashed entry or journal, and "Empty trash": asks first; then,
// when older backups still hold the deleted text, offers to remove those too.

import { useState } from "react";
import { t } from "../../i18n";
import { type PurgeOutcome, usePruneBackups, usePurge } from "../../ipc";
import { ConfirmDialog } from "../../shared/ConfirmDialog";
import { Dialog } from "../../shared/Dialog";
import { ErrorText } from "../../shared/ErrorText";

export interface PurgeFlowProps {
  what: { entry: number } | { journal: number } | "trash";
  title: string;
  text: string;
  /** The writer said no. */
  onCancel: () => void;
  onDone?: () => void;
}

/** The question, the purge, and the offer about backups, with no button of its own (a menu item starts it). */
export function PurgeFlow({ what, title, text, onCancel, onDone }: PurgeFlowProps) {
  const purge = usePurge();
  const prune = usePruneBackups();
  const [done, setDone] = useState<PurgeOutcome | null>(null);
  const finish = () => {
    setDone(null);
    onDone?.();
  };
  if (done) {
    return (
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
    );
  }
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={t("library.purgeConfirm")}
      pending={purge.isPending}
      error={purge.error}
      onCancel={onCancel}
      onConfirm={() =>
        purge.mutate(what, {
          onSuccess: (outcome) => {
            if (outcome.backups_holding.length > 0) setDone(outcome);
            else onDone?.();
          },
        })
      }
    >
      <p>{text}</p>
    </ConfirmDialog>
  );
}

export interface DeleteForeverProps extends Omit<PurgeFlowProps, "onCancel"> {
  label: string;
  testId: string;
}

export function DeleteForever({ what, label, title, text, testId, onDone }: DeleteForeverProps) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="danger" data-testid={testId} onClick={() => setAsking(true)}>
        {label}
      </button>
      {asking && (
        <PurgeFlow
          what={what}
          title={title}
          text={text}
          onCancel={() => setAsking(false)}
          onDone={() => {
            setAsking(false);
            onDone?.();
          }}
        />
      )}
    </>
  );
}
