// Writing stats: totals, streaks and the year heatmap (for the open journal, or all).

import { useAppDispatch, useAppState } from "../../app/state";
import { useStats } from "../../ipc";
import { formatNumber, t } from "../../i18n";
import { Dialog } from "../../shared/Dialog";
import { ErrorText } from "../../shared/ErrorText";
import { Heatmap } from "./Heatmap";
import { streaks } from "./heatmap";

export function StatsPanel() {
  const dispatch = useAppDispatch();
  const { view } = useAppState();
  const journalId = view?.kind === "journal" ? view.journalId : null;
  const stats = useStats(journalId, 365);
  const s = stats.data;
  const today = s?.per_day[s.per_day.length - 1]?.date;
  const streak = s && today ? streaks(s.per_day, today) : null;
  const figure = (label: string, value: string, testId: string) => (
    <div className="stat">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
  return (
    <Dialog title={t("stats.title")} onClose={() => dispatch({ type: "closeDialog" })} testId="stats-dialog" wide>
      <ErrorText error={stats.error} />
      {s && (
        <>
          <dl className="stats-grid">
            {figure(t("stats.currentStreak"), t("stats.days", { count: s.current_streak }), "stats-current-streak")}
            {figure(t("stats.longestStreak"), t("stats.days", { count: s.longest_streak }), "stats-longest-streak")}
            {figure(t("stats.totalWords"), formatNumber(s.words), "stats-words")}
            {figure(t("stats.totalEntries"), formatNumber(s.entries), "stats-entries")}
            {figure(t("stats.activeDays"), formatNumber(s.active_days), "stats-active-days")}
          </dl>
          <Heatmap days={s.per_day} streakDates={streak?.dates ?? new Set()} />
        </>
      )}
    </Dialog>
  );
}
