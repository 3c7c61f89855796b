// Writing typography: typeface, text size, line width and spacing, and typewriter
// scrolling in focus mode. Changes apply at once (the sample and the open entry show them).

import { usePreferences } from "../../app/preferences";
import type { WritingFont } from "../../ipc";
import { t } from "../../i18n";

const FONTS: ReadonlyArray<{ value: WritingFont; label: Parameters<typeof t>[0] }> = [
  { value: "serif", label: "settings.fontSerif" },
  { value: "sans", label: "settings.fontSans" },
];

export function WritingSection() {
  const { prefs, update } = usePreferences();
  return (
    <section className="form" aria-labelledby="writing-title" data-testid="settings-writing">
      <h3 id="writing-title">{t("settings.writing")}</h3>
      <fieldset>
        <legend>{t("settings.font")}</legend>
        {FONTS.map((f) => (
          <label key={f.value} className="inline">
            <input
              type="radio"
              name="writing-font"
              value={f.value}
              checked={prefs.font === f.value}
              data-testid={`settings-font-${f.value}`}
              onChange={() => update({ font: f.value })}
            />
            {t(f.label)}
          </label>
        ))}
      </fieldset>
      <label>
        <span>
          {t("settings.fontSize")}: {t("settings.pixels", { value: prefs.font_size })}
        </span>
        <input
          type="range"
          min={14}
          max={28}
          step={1}
          value={prefs.font_size}
          data-testid="settings-font-size"
          onChange={(e) => update({ font_size: Number(e.target.value) })}
        />
      </label>
      <label>
        <span>
          {t("settings.lineWidth")}: {t("settings.characters", { value: prefs.line_width })}
        </span>
        <input
          type="range"
          min={45}
          max={100}
          step={1}
          value={prefs.line_width}
          data-testid="settings-line-width"
          onChange={(e) => update({ line_width: Number(e.target.value) })}
        />
      </label>
      <label>
        <span>
          {t("settings.lineHeight")}: {(prefs.line_height / 100).toFixed(2)}
        </span>
        <input
          type="range"
          min={120}
          max={220}
          step={5}
          value={prefs.line_height}
          data-testid="settings-line-height"
          onChange={(e) => update({ line_height: Number(e.target.value) })}
        />
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={prefs.typewriter}
          data-testid="settings-typewriter"
          onChange={(e) => update({ typewriter: e.target.checked })}
        />
        {t("settings.typewriter")}
      </label>
      <p className="typography-sample" data-testid="typography-sample">
        {t("settings.typographySample")}
      </p>
    </section>
  );
}
