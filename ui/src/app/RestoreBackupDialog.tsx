// Puts a backup in place of the damaged library: the backups with their dates and sizes,
// then a confirmation (what was written after the backup stays only in the kept file).

import { useState } from "react";
import { t } from "../i18n";
import { type BackupInfo, useBackups, useRestoreLibrary } from "../ipc";
import { ConfirmDialog } from "../shared/ConfirmDialog";
import { Dialog } from "../shared/Dialog";
import { ErrorText } from "../shared/ErrorText";
import { formatBytes, formatTime } from "../shared/format";
import { useAppDispatch } from "./state";

export function RestoreBackupDialog({ onClose }: { onClose: () => void }) {
  const backups = useBackups();
  const restore = useRestoreLibrary();
  const dispatch = useAppDispatch();
  const [chosen, setChosen] = useState<BackupInfo | null>(null);
  const list = backups.data ?? [];

  if (chosen) {
    return (
      <ConfirmDialog
        title={t("app.restoreConfirmTitle")}
        confirmLabel={t("app.restoreConfirm")}
        pending={restore.isPending}
        error={restore.error}
        onCancel={() => setChosen(null)}
        onConfirm={() =>
          restore.mutate(chosen.path, {
            onSuccess: () => {
              dispatch({ type: "damaged", reason: null });
              dispatch({ type: "reloadEditor" });
              onClose();
            },
          })
        }
      >
        <p>{t("app.restoreConfirmText", { date: formatTime(chosen.taken_at) })}</p>
      </ConfirmDialog>
    );
  }
  return (
    <Dialog title={t("app.restoreTitle")} onClose={onClose} testId="restore-dialog" wide>
      <p className="hint">{t("app.restoreHint")}</p>
      <ErrorText error={backups.error} />
      {backups.isSuccess && list.length === 0 && <p>{t("app.noBackups")}</p>}
      <ul className="backup-list">
        {list.map((b) => (
          <li key={b.path} className="row-actions" data-testid="backup-row">
            <span>{formatTime(b.taken_at)}</span>
            <span>{formatBytes(b.size_bytes)}</span>
            <span className="hint">{b.reason}</span>
            <button type="button" data-testid="restore-this-backup" onClick={() => setChosen(b)}>
              {t("app.restoreThis")}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
