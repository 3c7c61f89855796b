// Every starter writing prompt, by category: pick one to start an entry with it.

import { useMemo, useState } from "react";
import { usePrompts } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { useWriteFromPrompt } from "./useWriteFromPrompt";

export function PromptList({ journalId }: { journalId: number | null }) {
  const prompts = usePrompts();
  const entry = useWriteFromPrompt(journalId);
  const [category, setCategory] = useState("");
  const all = useMemo(() => prompts.data ?? [], [prompts.data]);
  const categories = useMemo(() => [...new Set(all.map((p) => p.category))].sort(), [all]);
  const shown = category ? all.filter((p) => p.category === category) : all;

  return (
    <section aria-labelledby="prompt-list-title" data-testid="prompt-list">
      <h3 id="prompt-list-title">{t("templates.prompts")}</h3>
      <ErrorText error={prompts.error ?? entry.error} />
      {categories.length > 1 && (
        <label>
          {t("templates.category")}
          <select value={category} data-testid="prompt-category" onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t("templates.allCategories")}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      )}
      {!entry.canWrite && all.length > 0 && <p className="hint">{t("templates.needJournal")}</p>}
      <ul className="template-list prompt-items">
        {shown.map((p) => (
          <li key={p.id} data-testid="prompt-item">
            <div>
              {p.text}
              <span className="hint"> · {p.category}</span>
            </div>
            <div className="row-actions">
              <button
                type="button"
                aria-label={t("templates.writeFromLabel", { prompt: p.text })}
                disabled={!entry.canWrite || entry.pending}
                data-testid="prompt-item-write"
                onClick={() => entry.write(p.text)}
              >
                {t("templates.write")}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
