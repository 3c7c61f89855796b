// The AI actions (one menu in the entry's toolbar) and, while a suggestion is pending,
// its Accept / Discard bar.

import type { EditorView } from "@codemirror/view";
import type { AssistAction } from "../../../ipc";
import { t } from "../../../i18n";
import { Icon } from "../../../shared/Icon";
import { MenuButton } from "../../../shared/MenuButton";
import { type Suggestion, acceptSuggestion, discardSuggestion } from "./suggestion";

const ACTIONS: ReadonlyArray<{ action: AssistAction; label: Parameters<typeof t>[0] }> = [
  { action: "continue", label: "ai.continue" },
  { action: "rephrase", label: "ai.rephrase" },
  { action: "suggest_prompt", label: "ai.suggestPrompt" },
  { action: "reflect", label: "ai.reflect" },
];

/** "AI assist": the four actions in one menu. */
export function AiMenu({ ready, onRun }: { ready: boolean; onRun: (action: AssistAction) => void }) {
  return (
    <MenuButton
      label={t("toolbar.ai")}
      icon={<Icon name="sparkles" />}
      testId="ai-menu"
      items={ACTIONS.map(({ action, label }) => ({
        label: t(label),
        testId: `ai-${action}`,
        disabled: !ready,
        onSelect: () => onRun(action),
      }))}
    />
  );
}

export interface AiToolbarProps {
  view: EditorView | null;
  suggestion: Suggestion | null;
  error: string | null;
  onStop: () => void;
}

export function AiToolbar({ view, suggestion, error, onStop }: AiToolbarProps) {
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
