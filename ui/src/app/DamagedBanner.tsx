// The library is damaged: saves are refused until a full check comes back clean or a
// backup is put back. The window asks for the status at start (the core's event may
// have fired before the page listened) and offers both ways out.

import { useEffect, useState } from "react";
import { t } from "../i18n";
import { useLibraryCheck, useLibraryStatus } from "../ipc";
import { ErrorText } from "../shared/ErrorText";
import { RestoreBackupDialog } from "./RestoreBackupDialog";
import { useAppDispatch, useAppState } from "./state";

export function DamagedBanner() {
  const { damaged } = useAppState();
  const dispatch = useAppDispatch();
  const status = useLibraryStatus();
  const check = useLibraryCheck();
  const [restoring, setRestoring] = useState(false);

  useEffect(() => {
    if (status.data) dispatch({ type: "damaged", reason: status.data.damaged ? (status.data.reason ?? "") : null });
  }, [status.data, dispatch]);

  if (damaged === null) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="library-damaged">
      <span>{t("app.libraryDamaged", { reason: damaged })}</span>
      <button type="button" data-testid="check-library-button" disabled={check.isPending} onClick={() => check.mutate()}>
        {check.isPending ? t("app.checkingLibrary") : t("app.checkLibrary")}
      </button>
      <button type="button" data-testid="restore-backup-button" onClick={() => setRestoring(true)}>
        {t("app.restoreBackup")}
      </button>
      {check.data?.damaged && <span data-testid="check-result">{t("app.stillDamaged")}</span>}
      <ErrorText error={check.error} />
      {restoring && <RestoreBackupDialog onClose={() => setRestoring(false)} />}
    </div>
  );
}
