// The window: library sidebar, entry list, editor; dialogs on top. Focus mode hides
// everything but the text. Menu actions and library events are wired here.

import { useCallback, useEffect } from "react";
import { CalendarView } from "../features/days/CalendarView";
import { EditorPane } from "../features/editor/EditorPane";
import { EntryList } from "../features/library/EntryList";
import { RecoveredDrafts } from "../features/recovery/RecoveredDrafts";
import { ReminderBar } from "../features/reminders/ReminderBar";
import { Sidebar } from "../features/library/Sidebar";
import { useNewEntry } from "../features/library/useNewEntry";
import { setWindowTitle, useJournals, useLibraryEvents, useMenuActions, useSyncEvents } from "../ipc";
import { t } from "../i18n";
import { DamagedBanner } from "./DamagedBanner";
import { Dialogs } from "./Dialogs";
import { routeMenuAction } from "./menuActions";
import { usePreferences } from "./preferences";
import { useAppDispatch, useAppState } from "./state";

export function Layout() {
  const { view } = useAppState();
  const dispatch = useAppDispatch();
  const { prefs, update } = usePreferences();
  const { newEntry } = useNewEntry();
  const focus = prefs.focus_mode;
  const journals = useJournals(false);
  const journalTitle =
    view?.kind === "journal" ? journals.data?.find((j) => j.id === view.journalId)?.title : undefined;

  useEffect(() => {
    // The launch-to-interactive figure (scripts/bench-desktop.sh) reads this: the moment
    // the library is on screen and usable.
    if (journals.isSuccess && window.__jccReady === undefined) {
      requestAnimationFrame(() => {
        window.__jccReady ??= Date.now();
      });
    }
  }, [journals.isSuccess]);

  useEffect(() => {
    const app = t("app.name");
    void setWindowTitle(journalTitle ? `${journalTitle} — ${app}` : app);
  }, [journalTitle]);

  useLibraryEvents(useCallback((reason: string) => dispatch({ type: "damaged", reason }), [dispatch]));
  useSyncEvents();
  useMenuActions(
    useCallback(
      (action: string) =>
        void routeMenuAction(action, {
          dispatch,
          setTheme: (theme) => update({ theme }),
          newEntry,
          toggleFocus: () => update({ focus_mode: !focus }),
        }),
      [dispatch, update, newEntry, focus],
    ),
  );

  return (
    <div
      className={`layout${focus ? " focus" : ""}${!focus && !view ? " no-list" : ""}`}
      data-testid="app"
      onKeyDown={(e) => {
        if (focus && e.key === "Escape" && !e.defaultPrevented) update({ focus_mode: false });
      }}
    >
      <a href="#editor" className="skip-link">
        {t("editor.content")}
      </a>
      <DamagedBanner />
      <ReminderBar />
      {!focus && <Sidebar />}
      {!focus && view?.kind === "calendar" && <CalendarView />}
      {!focus && view && view.kind !== "calendar" && <EntryList view={view} />}
      <div id="editor" className="editor-column">
        <EditorPane />
      </div>
      <Dialogs />
      <RecoveredDrafts />
    </div>
  );
}
