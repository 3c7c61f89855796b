// The changes from a revision to now, line by line (text nodes only: never HTML).

import { t } from "../../i18n";
import { diffLines } from "./diffLines";

const SIGN = { add: "added", remove: "removed", hunk: null, header: null, context: null } as const;

export function DiffView({ diff }: { diff: string }) {
  const lines = diffLines(diff);
  if (!lines.some((l) => l.kind === "add" || l.kind === "remove")) {
    return <p className="hint">{t("history.noChanges")}</p>;
  }
  return (
    <pre className="diff" data-testid="history-diff" aria-label={t("history.diff")}>
      {lines.map((l, i) => (
        <span key={i} className={`diff-${l.kind}`} data-change={SIGN[l.kind] ?? undefined}>
          {l.text}
          {"\n"}
        </span>
      ))}
    </pre>
  );
}
