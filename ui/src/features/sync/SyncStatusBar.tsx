// The sidebar's sync line: synced, syncing, offline, needs sign-in or stopped (with what
// to do), entries to review, and "Sync now". Nothing while sync is off.

import { useAppDispatch } from "../../app/state";
import { useSyncNow, useSyncState } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { lastSyncText, phaseText } from "./syncWords";

export function SyncStatusBar() {
  const dispatch = useAppDispatch();
  const state = useSyncState();
  const now = useSyncNow();
  const s = state.data;
  if (!s || s.phase === "off") return null;
  const needsWriter = s.phase === "locked" || s.phase === "needs_sign_in";
  return (
    <section className="sync-status" data-testid="sync-status" data-phase={s.phase} aria-live="polite">
      <p className="sync-phase" title={lastSyncText(s) ?? undefined}>
        {phaseText(s)}
      </p>
      {s.review > 0 && (
        <p className="sync-review" data-testid="sync-review-count">
          {t("sync.toReview", { count: s.review })}
        </p>
      )}
      {s.phase === "error" && <ErrorText error={s.error} />}
      {needsWriter ? (
        <button type="button" data-testid="sync-open-account" onClick={() => dispatch({ type: "openDialog", dialog: "settings" })}>
          {t("sync.openAccount")}
        </button>
      ) : (
        <button type="button" data-testid="sync-now" disabled={s.phase === "syncing" || now.isPending} onClick={() => now.mutate()}>
          {t("sync.syncNow")}
        </button>
      )}
    </section>
  );
}
