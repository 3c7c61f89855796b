// Signed in and unlocked: where the account stands, Sync now, sign out, delete the cloud
// copy (this computer keeps every word).

import { useState } from "react";
import { type SyncStatus, useSyncDeleteCloudData, useSyncNow, useSyncSignOut, useSyncState } from "../../ipc";
import { t } from "../../i18n";
import { ConfirmDialog } from "../../shared/ConfirmDialog";
import { ErrorText } from "../../shared/ErrorText";
import { lastSyncText, phaseText } from "./syncWords";

export function AccountPanel({ status }: { status: SyncStatus }) {
  const state = useSyncState();
  const now = useSyncNow();
  const signOut = useSyncSignOut();
  const deleteCloud = useSyncDeleteCloudData();
  const [confirming, setConfirming] = useState(false);
  const s = state.data;
  return (
    <div className="form" data-testid="sync-account">
      <p data-testid="sync-signed-in">{t("sync.signedInAs", { server: status.server ?? "" })}</p>
      {s && (
        <p className="hint" data-testid="sync-account-phase">
          {phaseText(s)} {lastSyncText(s) && <span>· {lastSyncText(s)}</span>}
        </p>
      )}
      {s?.phase === "error" && <ErrorText error={s.error} />}
      <ErrorText error={now.error ?? signOut.error} />
      <div className="form-actions">
        <button type="button" className="primary" disabled={s?.phase === "syncing"} onClick={() => now.mutate()}>
          {t("sync.syncNow")}
        </button>
        <button type="button" data-testid="sync-sign-out" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
          {t("sync.signOut")}
        </button>
        <button type="button" className="danger" data-testid="sync-delete-cloud" onClick={() => setConfirming(true)}>
          {t("sync.deleteCloud")}
        </button>
      </div>
      <p className="hint">{t("sync.signOutHint")}</p>
      {confirming && (
        <ConfirmDialog
          title={t("sync.deleteCloud")}
          confirmLabel={t("sync.deleteCloudYes")}
          pending={deleteCloud.isPending}
          error={deleteCloud.error}
          onCancel={() => setConfirming(false)}
          onConfirm={() => deleteCloud.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        >
          {t("sync.deleteCloudConfirm")}
        </ConfirmDialog>
      )}
    </div>
  );
}
