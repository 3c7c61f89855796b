// A guided-book entry's prompt above the text, and how much room the printed page leaves.

import { t } from "../../i18n";

export function GuidedPrompt({ prompt, lines }: { prompt: string; lines: number }) {
  if (!prompt.trim() && lines <= 0) return null;
  return (
    <aside className="guided-prompt" aria-label={t("editor.prompt")} data-testid="guided-prompt">
      {prompt.trim() && <p className="guided-prompt-text">{prompt}</p>}
      {lines > 0 && (
        <p className="hint" data-testid="writing-lines">
          {t("editor.writingLines", { count: lines })}
        </p>
      )}
    </aside>
  );
}
