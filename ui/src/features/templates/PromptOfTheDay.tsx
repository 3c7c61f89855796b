// Today's writing prompt, and a one-click entry that starts from it.

import { usePromptToday } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { useWriteFromPrompt } from "./useWriteFromPrompt";

export function PromptOfTheDay({ journalId }: { journalId: number | null }) {
  const prompt = usePromptToday();
  const entry = useWriteFromPrompt(journalId);
  const text = prompt.data?.text;
  return (
    <section className="prompt-of-day" aria-labelledby="prompt-of-day-title" data-testid="prompt-of-day">
      <h3 id="prompt-of-day-title">{t("templates.promptOfDay")}</h3>
      <ErrorText error={prompt.error ?? entry.error} />
      {prompt.isSuccess && <blockquote>{text ?? t("templates.noPrompt")}</blockquote>}
      {text && (
        <button type="button" onClick={() => entry.write(text)} disabled={!entry.canWrite || entry.pending} data-testid="prompt-write">
          {t("templates.writeAboutIt")}
        </button>
      )}
      {text && !entry.canWrite && <p className="hint">{t("templates.needJournal")}</p>}
    </section>
  );
}
