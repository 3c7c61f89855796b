// Daily reminders: one per journal, a time and the days of the week. Off until the writer
// sets one.

import { type FormEvent, useMemo, useState } from "react";
import { type Reminder, useJournals, useReminders, useRemoveReminder, useSetReminder } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { weekdayNames } from "../days/CalendarView";

const DAY_WORDS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

function daysText(r: Reminder, names: Array<{ short: string }>): string {
  if (r.weekdays.length === 7) return t("reminders.everyDay");
  return r.weekdays.map((d) => names[d - 1]?.short ?? String(d)).join(", ");
}

export function RemindersSection() {
  const journals = useJournals(false);
  const reminders = useReminders();
  const setReminder = useSetReminder();
  const remove = useRemoveReminder();
  const names = useMemo(() => weekdayNames(), []);
  const [journal, setJournal] = useState("");
  const [at, setAt] = useState("20:00");
  const [days, setDays] = useState<boolean[]>(() => Array<boolean>(7).fill(true));
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = journal || String(journals.data?.[0]?.id ?? "");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const picked = DAY_WORDS.filter((_, i) => days[i]);
    if (picked.length === 0) {
      setProblem(t("reminders.chooseDay"));
      return;
    }
    setProblem(null);
    setReminder.mutate({ journal: chosen, at, days: picked.join(",") });
  };

  return (
    <section className="form" aria-labelledby="reminders-title" data-testid="settings-reminders">
      <h3 id="reminders-title">{t("reminders.title")}</h3>
      <p className="hint">{t("reminders.hint")}</p>
      {reminders.data && reminders.data.length === 0 && <p className="hint">{t("reminders.none")}</p>}
      <ul className="profile-list">
        {reminders.data?.map((r) => (
          <li key={r.journal_id} data-testid="reminder-row">
            <span>{t("reminders.row", { title: r.journal_title, at: r.at, days: daysText(r, names) })}</span>
            <button
              type="button"
              aria-label={t("reminders.removeLabel", { title: r.journal_title })}
              onClick={() => remove.mutate(r.journal_id)}
            >
              {t("reminders.remove")}
            </button>
          </li>
        ))}
      </ul>
      {(journals.data?.length ?? 0) > 0 && (
        <form className="form" onSubmit={submit}>
          <div className="row">
            <label>
              {t("reminders.journal")}
              <select value={chosen} data-testid="reminder-journal" onChange={(e) => setJournal(e.target.value)}>
                {journals.data?.map((j) => (
                  <option key={j.id} value={String(j.id)}>
                    {j.title}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("reminders.at")}
              <input type="time" required value={at} data-testid="reminder-at" onChange={(e) => setAt(e.target.value)} />
            </label>
          </div>
          <fieldset>
            <legend>{t("reminders.days")}</legend>
            {names.map((n, i) => (
              <label key={n.long} className="inline">
                <input
                  type="checkbox"
                  checked={days[i]}
                  aria-label={n.long}
                  onChange={(e) => setDays(days.map((d, j) => (j === i ? e.target.checked : d)))}
                />
                {n.short}
              </label>
            ))}
          </fieldset>
          {problem && (
            <p role="alert" className="error-text">
              {problem}
            </p>
          )}
          <ErrorText error={setReminder.error ?? remove.error} />
          <div className="form-actions">
            <button type="submit" className="primary" data-testid="reminder-save" disabled={setReminder.isPending}>
              {t("reminders.set")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
