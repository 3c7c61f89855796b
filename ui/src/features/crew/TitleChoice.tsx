// A paused run's question: pick one of its options (the book's title, usually), or, for
// a yes/no "continue?", Continue. Either way the crew goes on.

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, keys } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { pendingChoice } from "./progress";
import { answerCrew, runCrew } from "./runStore";

export function TitleChoice({ runId, question }: { runId: number; question: string | null }) {
  // Keyed by the question too: a run pauses more than once (the title, then "continue to
  // layout?"), and each pause must show its own question, never the last one's options.
  const status = useQuery({
    queryKey: [...keys.crewStatus(runId), question],
    queryFn: () => api.crewStatus(runId),
    staleTime: 0,
  });
  const choice = pendingChoice(status.data?.run.pending);
  const [picked, setPicked] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const answer = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await answerCrew(picked);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="title-choice" onSubmit={(e) => void answer(e)} data-testid="crew-question">
      <p role="status">{t("crew.paused")}</p>
      <ErrorText error={status.error ?? error} />
      {choice ? (
        <fieldset>
          <legend>{choice.question}</legend>
          {choice.options.map((option, i) => (
            <label key={i} className="choice">
              <input
                type="radio"
                name="crew-choice"
                checked={picked === i}
                data-testid="crew-option"
                onChange={() => setPicked(i)}
              />
              {option}
            </label>
          ))}
        </fieldset>
      ) : (
        question && <p>{question}</p>
      )}
      {choice && (
        <button type="submit" className="primary" disabled={busy} data-testid="crew-answer">
          {t("crew.choose")}
        </button>
      )}
      {!choice && status.isSuccess && (
        <button type="button" className="primary" data-testid="crew-continue" onClick={() => void runCrew(runId, true)}>
          {t("crew.continue")}
        </button>
      )}
    </form>
  );
}
