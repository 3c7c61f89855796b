// The AI actions and, while one is pending, its Accept / Discard bar.

import type { EditorView } from "@codemirror/view";
import type { AssistAction } from "../../../ipc";
import { t } from "../../../i18n";
import { type Suggestion, acceptSuggestion, discardSuggestion } from "./suggestion";

const ACTIONS: ReadonlyArray<{ action: AssistAction; label: Parameters<typeof t>[0] }> = [
  { action: "continue", label: "ai.continue" },
  { action: "rephrase", label: "ai.rephrase" },
  { action: "suggest_prompt", label: "ai.suggestPrompt" },
  { action: "reflect", label: "ai.reflect" },
];

export interface AiToolbarProps {
  view: EditorView | null;
  suggestion: Suggestion | null;
  busy: boolean;
  error: string | null;
  onRun: (action: AssistAction) => void;
  onStop: () => void;
  /** Focus mode: only a pending suggestion's bar shows. */
  compact?: boolean;
}

export function AiToolbar({ view, suggestion, busy, error, onRun, onStop, compact }: AiToolbarProps) {
  const accept = () => {
    if (view && acceptSuggestion(view)) view.focus();
  };
  const discard = () => {
    onStop();
    if (view) {
      discardSuggestion(view);
      view.focus();
    }
  };
  return (
    <div className="ai-toolbar">
      <div role="group" aria-label={t("ai.menu")} className="ai-actions" hidden={compact}>
        {ACTIONS.map(({ action, label }) => (
          <button
            key={action}
            type="button"
            data-testid={`ai-${action}`}
            disabled={!view || busy}
            onClick={() => onRun(action)}
          >
            {t(label)}
          </button>
        ))}
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {suggestion && (
        <div className="ai-pending" role="region" aria-label={t("ai.pendingLabel")} data-testid="ai-pending">
          <span className="ai-pending-label">
            {t("ai.pendingLabel")}
            {suggestion.streaming ? ` — ${t("ai.streaming")}` : ""}
          </span>
          <span className="hint">{t("ai.hint")}</span>
          <button
            type="button"
            className="primary"
            data-testid="ai-accept"
            disabled={suggestion.streaming || !suggestion.text.trim()}
            onClick={accept}
          >
            {t("ai.accept")}
          </button>
          <button type="button" data-testid="ai-discard" onClick={discard}>
            {t("ai.discard")}
          </button>
        </div>
      )}
    </div>
  );
}
