// Runs one AI action: marks where the suggestion goes, streams the model's text into it
// through a Channel, and cancels the task if the suggestion is discarded mid-stream.

import type { EditorView } from "@codemirror/view";
import { useCallback, useEffect, useRef, useState } from "react";
import { type AssistAction, type AssistOutcome, type Task, api, isCancelled, startTask } from "../../../ipc";
import { t } from "../../../i18n";
import { errorDetail } from "../../../shared/errorWords";
import {
  appendSuggestion,
  clearSuggestion,
  finishSuggestion,
  pendingSuggestion,
  startSuggestion,
  targetRange,
} from "./suggestion";

export function useAssist(view: EditorView | null) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const task = useRef<Task<AssistOutcome> | null>(null);

  const stop = useCallback(() => {
    const running = task.current;
    task.current = null;
    setBusy(false);
    if (running) void running.cancel().catch(() => {});
  }, []);

  // Leaving the entry (the view goes away) stops a stream nobody will see.
  useEffect(() => stop, [view, stop]);

  const run = useCallback(
    (action: AssistAction) => {
      if (!view) return;
      setError(null);
      const state = view.state;
      const range = targetRange(state, action);
      if (action === "rephrase" && range.from === range.to) {
        setError(t("ai.needsSelection"));
        return;
      }
      stop();
      const doc = state.doc;
      const input = {
        action,
        text: action === "continue" ? doc.sliceString(0, range.from) : doc.toString(),
        selection: action === "rephrase" ? doc.sliceString(range.from, range.to) : null,
        profile: null,
      };
      view.dispatch({ effects: startSuggestion.of({ action, ...range }) });
      const mine = startTask<string, AssistOutcome>(
        "assist",
        (delta) => {
          if (task.current === mine) view.dispatch({ effects: appendSuggestion.of(delta) });
        },
        (id, ch) => api.assist(input, id, ch),
      );
      task.current = mine;
      setBusy(true);
      mine.result.then(
        (out) => {
          if (task.current !== mine) return;
          task.current = null;
          setBusy(false);
          view.dispatch({ effects: finishSuggestion.of({ text: out.text }) });
        },
        (e: unknown) => {
          if (task.current !== mine) return;
          task.current = null;
          setBusy(false);
          if (pendingSuggestion(view.state)) view.dispatch({ effects: clearSuggestion.of(null) });
          if (!isCancelled(e)) setError(t("ai.failed", { message: errorDetail(e) }));
        },
      );
    },
    [view, stop],
  );

  return { run, stop, busy, error, clearError: () => setError(null) };
}
