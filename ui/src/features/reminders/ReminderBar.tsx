// What the window does with a reminder: when one comes due it shows "Time to write in …"
// with Write now (one click to a new entry in that journal); a click on the reminder's
// native notification goes straight to the new entry.

import { useCallback, useState } from "react";
import { useAppDispatch } from "../../app/state";
import { type ReminderEvent, blankEntry, useCreateEntry, useReminderEvents } from "../../ipc";
import { t } from "../../i18n";

export function ReminderBar() {
  const dispatch = useAppDispatch();
  const create = useCreateEntry();
  const { mutate } = create;
  const [due, setDue] = useState<ReminderEvent | null>(null);

  const write = useCallback(
    (journalId: number) => {
      setDue(null);
      dispatch({ type: "showView", view: { kind: "journal", journalId } });
      mutate(blankEntry(journalId), {
        onSuccess: (entry) => dispatch({ type: "openEntry", entryId: entry.id, focus: true }),
      });
    },
    [dispatch, mutate],
  );

  useReminderEvents(
    useCallback(
      (event: ReminderEvent) => {
        if (event.kind === "open") write(event.journal_id);
        else setDue(event);
      },
      [write],
    ),
  );

  if (!due) return null;
  return (
    <div className="banner reminder-bar" role="status" data-testid="reminder-bar">
      <span>{t("reminders.dueTitle", { title: due.journal_title })}</span>
      <button type="button" className="primary" data-testid="reminder-write" onClick={() => write(due.journal_id)}>
        {t("reminders.writeNow")}
      </button>
      <button type="button" data-testid="reminder-dismiss" onClick={() => setDue(null)}>
        {t("reminders.dismiss")}
      </button>
    </div>
  );
}
