// Moves the open journal to the trash, after a second click to confirm (it can be
// restored from Trash).

import { useState } from "react";
import { useAppDispatch } from "../../app/state";
import { useTrashJournal } from "../../ipc";
import { t } from "../../i18n";

export function TrashJournalButton({ journalId }: { journalId: number }) {
  const dispatch = useAppDispatch();
  const trash = useTrashJournal();
  const [armed, setArmed] = useState(false);
  return (
    <button
      type="button"
      className={armed ? "danger" : undefined}
      data-testid="trash-journal-button"
      disabled={trash.isPending}
      onBlur={() => setArmed(false)}
      onClick={() => {
        if (!armed) {
          setArmed(true);
          return;
        }
        trash.mutate({ id: journalId, restore: false }, { onSuccess: () => dispatch({ type: "showView", view: { kind: "trash" } }) });
      }}
    >
      {armed ? t("library.confirmTrashJournal") : t("library.trashJournal")}
    </button>
  );
}
