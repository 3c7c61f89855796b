// Today's writing prompt, and a one-click entry that starts from it.

import { useAppDispatch } from "../../app/state";
import { useCreateEntry, usePromptToday } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";

export function PromptOfTheDay({ journalId }: { journalId: number | null }) {
  const dispatch = useAppDispatch();
  const prompt = usePromptToday();
  const create = useCreateEntry();
  const text = prompt.data?.text;
  const write = () => {
    if (!text || journalId === null) return;
    create.mutate(
      { journal: String(journalId), title: "", body: "", date: null, tags: [], kind: null, prompt: text, starred: false },
      {
        onSuccess: (entry) => {
          dispatch({ type: "closeDialog" });
          dispatch({ type: "openEntry", entryId: entry.id });
        },
      },
    );
  };
  return (
    <section className="prompt-of-day" aria-labelledby="prompt-of-day-title" data-testid="prompt-of-day">
      <h3 id="prompt-of-day-title">{t("templates.promptOfDay")}</h3>
      <ErrorText error={prompt.error ?? create.error} />
      {prompt.isSuccess && <blockquote>{text ?? t("templates.noPrompt")}</blockquote>}
      {text && (
        <button type="button" onClick={write} disabled={journalId === null || create.isPending} data-testid="prompt-write">
          {t("templates.writeAboutIt")}
        </button>
      )}
      {text && journalId === null && <p className="hint">{t("templates.needJournal")}</p>}
    </section>
  );
}
