// "On this day" in the sidebar: entries from today's date in earlier years, the most
// recent first; a click opens one in its journal.

import { useAppDispatch } from "../../app/state";
import { type EntrySummary, useOnThisDay } from "../../ipc";
import { t } from "../../i18n";
import { entryLabel } from "../library/order";
import { yearsBetween } from "./dates";
import { useToday } from "./useToday";

function ago(entry: EntrySummary, today: string): string {
  const years = entry.date ? yearsBetween(entry.date, today) : 0;
  return years === 1 ? t("days.oneYearAgo") : t("days.yearsAgo", { count: years });
}

export function OnThisDay() {
  const today = useToday();
  const dispatch = useAppDispatch();
  const list = useOnThisDay(today);
  if (!list.isSuccess) return null;
  return (
    <section aria-labelledby="sidebar-on-this-day" data-testid="on-this-day">
      <h2 id="sidebar-on-this-day" className="sidebar-heading">
        {t("days.onThisDay")}
      </h2>
      {list.data.length === 0 ? (
        <p className="hint sidebar-hint">{t("days.onThisDayEmpty")}</p>
      ) : (
        <ul className="sidebar-list on-this-day-list">
          {list.data.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                className="sidebar-item on-this-day-item"
                data-testid="on-this-day-item"
                data-entry-id={e.id}
                onClick={() => {
                  dispatch({ type: "showView", view: { kind: "journal", journalId: e.journal_id } });
                  dispatch({ type: "openEntry", entryId: e.id });
                }}
              >
                <span className="sidebar-item-title">{entryLabel(e, t("app.untitled"))}</span>
                <span className="count">{ago(e, today)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
