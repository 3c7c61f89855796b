// The first start: a welcome with three one-click ways in. Each creates the first diary,
// then writes in it, imports, or opens the crew's guided-journal wizard. Once the library
// holds a journal (even one in the trash) it never shows again.

import { useState } from "react";
import { useAppDispatch } from "../../app/state";
import { type DialogName } from "../../app/state";
import { api, blankEntry, useCreateJournal, useJournals } from "../../ipc";
import { t } from "../../i18n";
import { errorMessage } from "../../shared/errorWords";

/** True on a library without any journal; undefined until both lists have answered. */
export function useFirstRun(): boolean | undefined {
  const live = useJournals(false);
  const trashed = useJournals(true);
  if (!live.isSuccess || !trashed.isSuccess) return undefined;
  return live.data.length === 0 && trashed.data.length === 0;
}

type Path = "write" | "import" | "crew";

const PATHS: ReadonlyArray<{ path: Path; label: Parameters<typeof t>[0]; hint: Parameters<typeof t>[0] }> = [
  { path: "write", label: "welcome.write", hint: "welcome.writeHint" },
  { path: "import", label: "welcome.import", hint: "welcome.importHint" },
  { path: "crew", label: "welcome.crew", hint: "welcome.crewHint" },
];

export function Welcome() {
  const dispatch = useAppDispatch();
  const createJournal = useCreateJournal();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const go = async (path: Path) => {
    setBusy(true);
    setError(null);
    try {
      const diary = await createJournal.mutateAsync({ title: t("welcome.diaryTitle"), kind: "diary" });
      dispatch({ type: "showView", view: { kind: "journal", journalId: diary.id } });
      if (path === "write") {
        const entry = await api.entryAdd(blankEntry(diary.id));
        dispatch({ type: "openEntry", entryId: entry.id, focus: true });
      } else {
        const dialog: DialogName = path === "import" ? "import" : "crew";
        dispatch({ type: "openDialog", dialog });
      }
    } catch (e) {
      setError(t("welcome.failed", { message: errorMessage(e) }));
      setBusy(false);
    }
  };

  return (
    <section className="welcome" aria-labelledby="welcome-title" data-testid="welcome">
      <h1 id="welcome-title">{t("welcome.title")}</h1>
      <p className="welcome-body">{t("welcome.body")}</p>
      <ul className="welcome-paths">
        {PATHS.map(({ path, label, hint }) => (
          <li key={path}>
            <button
              type="button"
              className={path === "write" ? "primary" : undefined}
              data-testid={`welcome-${path}`}
              disabled={busy}
              aria-describedby={`welcome-${path}-hint`}
              onClick={() => void go(path)}
            >
              {t(label)}
            </button>
            <span id={`welcome-${path}-hint`} className="hint">
              {t(hint)}
            </span>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </section>
  );
}
