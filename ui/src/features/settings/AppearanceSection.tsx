// Theme and language.

import { usePreferences, type ThemePref } from "../../app/preferences";
import { LANGUAGES, messages, t } from "../../i18n";

const THEMES: ReadonlyArray<{ value: ThemePref; label: Parameters<typeof t>[0] }> = [
  { value: "light", label: "settings.themeLight" },
  { value: "dark", label: "settings.themeDark" },
  { value: "system", label: "settings.themeSystem" },
];

export function AppearanceSection() {
  const { prefs, update } = usePreferences();
  const names = messages().settings.languages as Record<string, string>;
  return (
    <section className="form" aria-labelledby="appearance-title" data-testid="settings-appearance">
      <h3 id="appearance-title">{t("settings.appearance")}</h3>
      <fieldset>
        <legend>{t("settings.theme")}</legend>
        {THEMES.map((x) => (
          <label key={x.value} className="inline">
            <input
              type="radio"
              name="theme"
              value={x.value}
              checked={prefs.theme === x.value}
              data-testid={`settings-theme-${x.value}`}
              onChange={() => update({ theme: x.value })}
            />
            {t(x.label)}
          </label>
        ))}
      </fieldset>
      <label>
        {t("settings.language")}
        <select
          value={prefs.language in LANGUAGES ? prefs.language : "en"}
          data-testid="settings-language"
          onChange={(e) => update({ language: e.target.value })}
        >
          {Object.keys(LANGUAGES).map((code) => (
            <option key={code} value={code}>
              {names[code] ?? code}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
