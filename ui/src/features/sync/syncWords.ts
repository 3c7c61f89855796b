// The background sync's state in words, for the sidebar and Settings -> Account.

import type { SyncState } from "../../ipc";
import { formatDateTime, t } from "../../i18n";

export function phaseText(state: SyncState): string {
  const head = t(`sync.phase.${state.phase}`);
  if (state.phase === "synced" && (state.pushed > 0 || state.pulled > 0)) {
    return `${head} · ${t("sync.counts", { pushed: state.pushed, pulled: state.pulled })}`;
  }
  return head;
}

export function lastSyncText(state: SyncState): string | null {
  return state.last_sync === null ? null : t("sync.lastSync", { when: formatDateTime(state.last_sync) });
}
