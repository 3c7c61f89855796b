// Per journal: "Keep this journal on this device only" (shown once this library syncs).

import { useSyncKeepHere, useSyncStatus } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";

export function KeepHereToggle({ journalId }: { journalId: number }) {
  const status = useSyncStatus();
  const keep = useSyncKeepHere();
  if (!status.data?.server) return null;
  const kept = status.data.kept_here_ids.includes(journalId);
  return (
    <label className="inline keep-here" title={t("sync.keepHereHint")}>
      <input
        type="checkbox"
        checked={kept}
        data-testid="keep-here"
        disabled={keep.isPending}
        onChange={(e) => keep.mutate({ journalId, keep: e.target.checked })}
      />
      {t("sync.keepHere")}
      <ErrorText error={keep.error} />
    </label>
  );
}
