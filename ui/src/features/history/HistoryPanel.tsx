// An entry's earlier versions: pick one to see what changed since, restore it.

import { useState } from "react";
import { useAppDispatch } from "../../app/state";
import { type Revision, useDiff, useHistory, useRevert } from "../../ipc";
import { formatDateTime, messages, t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import type { SaveQueue } from "../editor/saveQueue";
import { DiffView } from "./DiffView";

function label(r: Revision): string {
  return t("history.revision", {
    date: formatDateTime(r.created_at),
    origin: messages().history.origin[r.origin],
    words: r.word_count,
  });
}

export function HistoryPanel({ entryId, queue }: { entryId: number; queue: SaveQueue }) {
  const dispatch = useAppDispatch();
  const history = useHistory(entryId);
  const [selected, setSelected] = useState<number | null>(null);
  const diff = useDiff(entryId, selected);
  const revert = useRevert();
  const [done, setDone] = useState(false);

  const restore = async (revision: number) => {
    setDone(false);
    // Pending typing must land first, or it would overwrite the restored text.
    await queue.flush();
    revert.mutate(
      { id: entryId, revision },
      {
        onSuccess: () => {
          setDone(true);
          setSelected(null);
          dispatch({ type: "reloadEditor" });
        },
      },
    );
  };

  const revisions = history.data ?? [];
  return (
    <aside id="history-panel" className="history-panel" aria-labelledby="history-title" data-testid="history-panel">
      <header className="panel-header">
        <h2 id="history-title">{t("history.title")}</h2>
        <button type="button" className="icon-button" aria-label={t("app.close")} onClick={() => dispatch({ type: "toggleHistory" })}>
          ×
        </button>
      </header>
      <ErrorText error={history.error ?? revert.error} />
      {done && (
        <p role="status" data-testid="history-restored">
          {t("history.restored")}
        </p>
      )}
      {history.isSuccess && revisions.length === 0 && <p className="hint">{t("history.empty")}</p>}
      <ul className="history-list" data-testid="history-list">
        {revisions.map((r) => (
          <li key={r.id} className={selected === r.id ? "selected" : undefined}>
            <button
              type="button"
              className="history-item"
              data-testid="history-item"
              data-revision-id={r.id}
              aria-pressed={selected === r.id}
              onClick={() => setSelected(selected === r.id ? null : r.id)}
            >
              {label(r)}
            </button>
            <button
              type="button"
              data-testid="history-restore"
              data-revision-id={r.id}
              disabled={revert.isPending}
              aria-label={`${t("history.restore")}: ${label(r)}`}
              onClick={() => void restore(r.id)}
            >
              {t("history.restore")}
            </button>
            {selected === r.id && (
              <div className="history-diff">
                <ErrorText error={diff.error} />
                {diff.data !== undefined && <DiffView diff={diff.data} />}
              </div>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
