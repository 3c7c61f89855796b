// What "Test connection" found, in the core's own words.

import type { ConnectionReport } from "../../ipc";
import { t } from "../../i18n";

export function ConnectionReportView({ report }: { report: ConnectionReport }) {
  const ok = report.problems.length === 0;
  return (
    <div className={`report ${ok ? "ok" : "bad"}`} role="status" data-testid="profile-report" data-ok={ok}>
      {ok ? (
        <p>{t("settings.reportOk", { latency: report.latency_ms, models: report.models.length })}</p>
      ) : (
        <>
          <p>{t("settings.reportProblems")}</p>
          <ul>
            {report.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </>
      )}
      <p className="hint">
        {t("settings.reportChat")}: {report.chat_ok ? t("settings.yes") : t("settings.no")} ·{" "}
        {t("settings.reportStructured")}: {report.structured_ok ? t("settings.yes") : t("settings.no")}
      </p>
    </div>
  );
}
