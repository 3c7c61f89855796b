// The library: journals (guided and diary), tags, Starred, Trash, and the tools.

import { useAppDispatch, useAppState, type LibraryView, type DialogName } from "../../app/state";
import { type Journal, useJournals, useTags } from "../../ipc";
import { t } from "../../i18n";
import { OnThisDay } from "../days/OnThisDay";
import { SyncStatusBar } from "../sync/SyncStatusBar";
import { TagList } from "./TagList";

function same(a: LibraryView | null, b: LibraryView): boolean {
  if (!a || a.kind !== b.kind) return false;
  if (a.kind === "journal" && b.kind === "journal") return a.journalId === b.journalId;
  if (a.kind === "tag" && b.kind === "tag") return a.tag === b.tag;
  return true;
}

function JournalGroup({ label, journals }: { label: string; journals: Journal[] }) {
  const { view } = useAppState();
  const dispatch = useAppDispatch();
  if (journals.length === 0) return null;
  return (
    <li>
      <h3 className="sidebar-subheading">{label}</h3>
      <ul className="sidebar-list">
        {journals.map((j) => {
          const v: LibraryView = { kind: "journal", journalId: j.id };
          return (
            <li key={j.id}>
              <button
                type="button"
                className="sidebar-item"
                data-testid="journal-item"
                data-journal-id={j.id}
                data-journal-kind={j.kind}
                aria-current={same(view, v) ? "page" : undefined}
                onClick={() => dispatch({ type: "showView", view: v })}
              >
                <span className="sidebar-item-title">{j.title || t("app.untitled")}</span>
                <span className="count" aria-label={t("library.entryCount", { count: j.entry_count })}>
                  {j.entry_count}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </li>
  );
}

const TOOLS: ReadonlyArray<{ dialog: DialogName; label: Parameters<typeof t>[0]; testId: string }> = [
  { dialog: "search", label: "library.navSearch", testId: "nav-search" },
  { dialog: "templates", label: "library.navTemplates", testId: "nav-templates" },
  { dialog: "stats", label: "library.navStats", testId: "nav-stats" },
  { dialog: "crew", label: "library.navCrew", testId: "nav-crew" },
  { dialog: "export", label: "library.navExport", testId: "nav-export" },
  { dialog: "import", label: "library.navImport", testId: "nav-import" },
  { dialog: "settings", label: "library.navSettings", testId: "nav-settings" },
];

export function Sidebar() {
  const { view } = useAppState();
  const dispatch = useAppDispatch();
  const journals = useJournals(false);
  const tags = useTags();
  const list = journals.data ?? [];
  const special = (v: LibraryView, label: string, testId: string) => (
    <li>
      <button
        type="button"
        className="sidebar-item"
        data-testid={testId}
        aria-current={same(view, v) ? "page" : undefined}
        onClick={() => dispatch({ type: "showView", view: v })}
      >
        {label}
      </button>
    </li>
  );

  return (
    <nav className="sidebar" aria-label={t("library.sidebar")} data-testid="sidebar">
      <button
        type="button"
        className="primary wide"
        data-testid="new-journal-button"
        onClick={() => dispatch({ type: "openDialog", dialog: "newJournal" })}
      >
        {t("library.newJournal")}
      </button>

      <section aria-labelledby="sidebar-journals">
        <h2 id="sidebar-journals" className="sidebar-heading">
          {t("library.journals")}
        </h2>
        {journals.isSuccess && list.length === 0 && <p className="hint">{t("library.noJournals")}</p>}
        <ul className="sidebar-groups">
          <JournalGroup label={t("library.guided")} journals={list.filter((j) => j.kind === "guided")} />
          <JournalGroup label={t("library.diary")} journals={list.filter((j) => j.kind === "diary")} />
        </ul>
      </section>

      <ul className="sidebar-list">
        {special({ kind: "calendar" }, t("days.calendar"), "calendar-item")}
        {special({ kind: "starred" }, t("library.starred"), "starred-item")}
        {special({ kind: "trash" }, t("library.trash"), "trash-item")}
      </ul>

      <OnThisDay />

      {(tags.data?.length ?? 0) > 0 && (
        <section aria-labelledby="sidebar-tags">
          <h2 id="sidebar-tags" className="sidebar-heading">
            {t("library.tags")}
          </h2>
          <TagList tags={tags.data!} isCurrent={(v) => same(view, v)} />
        </section>
      )}

      <SyncStatusBar />

      <ul className="sidebar-list sidebar-tools">
        {TOOLS.map((tool) => (
          <li key={tool.dialog}>
            <button
              type="button"
              className="sidebar-item"
              data-testid={tool.testId}
              onClick={() => dispatch({ type: "openDialog", dialog: tool.dialog })}
            >
              {t(tool.label)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
