// In the Trash view: journals moved to the trash, each with Restore and Delete forever.

import { useJournals, useTrashJournal } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { DeleteForever } from "./DeleteForever";

export function TrashedJournals() {
  const trashed = useJournals(true);
  const restore = useTrashJournal();
  const list = trashed.data ?? [];
  if (list.length === 0) return null;
  return (
    <section className="trashed-journals" aria-label={t("library.journals")}>
      <ErrorText error={restore.error} />
      <ul className="sidebar-list">
        {list.map((j) => (
          <li key={j.id} className="trashed-journal" data-testid="trashed-journal" data-journal-id={j.id}>
            <span>{j.title}</span>
            <button
              type="button"
              data-testid="restore-journal-button"
              disabled={restore.isPending}
              onClick={() => restore.mutate({ id: j.id, restore: true })}
            >
              {t("library.restoreJournal")}
            </button>
            <DeleteForever
              what={{ journal: j.id }}
              label={t("library.purgeJournal")}
              title={t("library.purgeJournalTitle")}
              text={t("library.purgeJournalText", { title: j.title, count: j.entry_count })}
              testId="purge-journal-button"
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
