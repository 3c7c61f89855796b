// One row per crew step: where it is, tokens, time, and the text it is writing.

import { formatNumber, t } from "../../i18n";
import type { StepRow, StepStatus } from "./progress";
import { useNow } from "./useNow";

const STATUS: Record<StepStatus, Parameters<typeof t>[0]> = {
  running: "crew.statusRunning",
  done: "crew.statusDone",
  skipped: "crew.statusSkipped",
  retrying: "crew.statusRetrying",
  failed: "crew.statusFailed",
};

export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m ${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

export function StepRows({ steps }: { steps: StepRow[] }) {
  const now = useNow(steps.some((s) => s.ms === null && (s.status === "running" || s.status === "retrying")));
  return (
    <table className="crew-steps" data-testid="crew-steps">
      <thead>
        <tr>
          <th scope="col">{t("crew.step")}</th>
          <th scope="col">{t("crew.status")}</th>
          <th scope="col">{t("crew.tokens")}</th>
          <th scope="col">{t("crew.elapsed")}</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.step} data-testid="crew-step" data-step={s.step} data-status={s.status}>
            <th scope="row">
              {s.total > 0 && <span className="hint">{`${s.index}/${s.total} `}</span>}
              {s.step}
              {s.text && (
                <details>
                  <summary>{t("crew.showText")}</summary>
                  <pre className="crew-stream" aria-label={t("crew.streamLabel", { step: s.step })}>
                    {s.text}
                  </pre>
                </details>
              )}
              {s.note && <div className="hint">{s.note}</div>}
            </th>
            <td className={`step-${s.status}`}>{t(STATUS[s.status])}</td>
            <td>
              {s.tokensIn + s.tokensOut > 0
                ? t("crew.tokensValue", { in: formatNumber(s.tokensIn), out: formatNumber(s.tokensOut) })
                : "—"}
            </td>
            <td>{formatElapsed(s.ms ?? now - s.startedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
