// Keeps the wizard's choices as one of the writer's own themes, to pick next time.

import { useState } from "react";
import { useSaveCrewTheme } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";

export interface ThemeChoices {
  theme: string;
  titleStyle: string;
  voice: string;
  depth: string;
}

export function SaveThemeForm({ choices }: { choices: ThemeChoices }) {
  const save = useSaveCrewTheme();
  const [name, setName] = useState("");
  const ready = name.trim() !== "" && choices.theme.trim() !== "";

  const submit = () => {
    if (!ready) return;
    save.mutate({
      id: 0,
      name: name.trim(),
      theme: choices.theme.trim(),
      title_style: choices.titleStyle,
      voice: choices.voice.trim(),
      depth: choices.depth,
      builtin: false,
    });
  };

  // Not a <form>: it sits inside the wizard's form, and Enter here must save the theme,
  // not start the crew.
  return (
    <div className="row" role="group" aria-label={t("crew.saveTheme")} data-testid="crew-save-theme">
      <input
        value={name}
        aria-label={t("crew.themeName")}
        placeholder={t("crew.themeName")}
        data-testid="crew-save-theme-name"
        onChange={(e) => {
          setName(e.target.value);
          save.reset();
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="button" disabled={!ready || save.isPending} data-testid="crew-save-theme-button" onClick={submit}>
        {t("crew.saveTheme")}
      </button>
      {save.isSuccess && (
        <span role="status" data-testid="crew-theme-saved">
          {t("crew.themeSaved", { name: save.data.name })}
        </span>
      )}
      <ErrorText error={save.error} testId="crew-save-theme-error" />
    </div>
  );
}
