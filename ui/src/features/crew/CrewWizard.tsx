// "New guided journal": what it is about and how it should sound, then the crew starts.

import { useState } from "react";
import { type Depth, type SavedTheme, useCrewThemes, useProfiles, useTitleStyles } from "../../ipc";
import { t } from "../../i18n";
import { useAppDispatch } from "../../app/state";
import { ErrorText } from "../../shared/ErrorText";
import { LocalModelsPanel } from "../models/LocalModelsPanel";
import { startCrew } from "./runStore";
import { SaveThemeForm } from "./SaveThemeForm";

const DEPTHS: ReadonlyArray<{ value: Depth; label: Parameters<typeof t>[0] }> = [
  { value: "light", label: "crew.depthLight" },
  { value: "medium", label: "crew.depthMedium" },
  { value: "deep", label: "crew.depthDeep" },
];

function asDepth(v: string): Depth {
  return v === "light" || v === "deep" ? v : "medium";
}

export function CrewWizard() {
  const themes = useCrewThemes();
  const profiles = useProfiles();
  const styles = useTitleStyles();
  const titleStyles = styles.data ?? [];
  const [theme, setTheme] = useState("");
  const [titleStyle, setTitleStyle] = useState("");
  const [voice, setVoice] = useState("");
  const [depth, setDepth] = useState<Depth>("medium");
  const [leadMagnet, setLeadMagnet] = useState(false);
  const [profile, setProfile] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const [ready, setReady] = useState<string | null>(null);
  const dispatch = useAppDispatch();

  const pick = (name: string) => {
    const saved: SavedTheme | undefined = themes.data?.find((x) => x.name === name);
    if (!saved) return;
    setTheme(saved.theme);
    // A style this build does not know falls back to "Any" (the crew chooses).
    setTitleStyle(titleStyles.includes(saved.title_style) ? saved.title_style : "");
    setVoice(saved.voice);
    setDepth(asDepth(saved.depth));
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!theme.trim()) return;
    setStarting(true);
    setError(null);
    try {
      await startCrew({
        theme: theme.trim(),
        title: "",
        title_style: titleStyle,
        voice: voice.trim(),
        depth,
        lead_magnet: leadMagnet,
        language: "",
        image_dir: null,
        profile: profile || null,
        crew: null,
      });
    } catch (err) {
      setError(err);
    } finally {
      setStarting(false);
    }
  };

  const profileList = profiles.data?.profiles ?? [];
  return (
    <form className="form" onSubmit={(e) => void submit(e)} data-testid="crew-wizard">
      {profiles.isSuccess && profileList.length === 0 && (
        // Not a dead end: a model on this computer is a click away, a server one more.
        <section className="callout" data-testid="crew-no-profile">
          <p>{t("crew.needModel")}</p>
          <LocalModelsPanel onReady={(p) => setReady(p.model)} />
          <button type="button" data-testid="crew-use-server" onClick={() => dispatch({ type: "openDialog", dialog: "settings" })}>
            {t("crew.useServer")}
          </button>
        </section>
      )}
      {ready && (
        <p className="hint" role="status" data-testid="crew-model-ready">
          {t("crew.modelReady", { name: ready })}
        </p>
      )}
      {(themes.data?.length ?? 0) > 0 && (
        <label>
          {t("crew.pickTheme")}
          <select data-testid="crew-theme-pick" defaultValue="" onChange={(e) => pick(e.target.value)}>
            <option value="">{t("crew.noThemePick")}</option>
            {themes.data!.map((x) => (
              <option key={x.id} value={x.name}>
                {x.name}
                {x.builtin ? ` (${t("crew.starter")})` : ""}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t("crew.theme")}
        <input
          required
          autoFocus
          value={theme}
          placeholder={t("crew.themeHint")}
          data-testid="crew-theme"
          onChange={(e) => setTheme(e.target.value)}
        />
      </label>
      <label>
        {t("crew.titleStyle")}
        <select value={titleStyle} data-testid="crew-title-style" onChange={(e) => setTitleStyle(e.target.value)}>
          <option value="">{t("crew.anyStyle")}</option>
          {titleStyles.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("crew.voice")}
        <input value={voice} placeholder={t("crew.voiceHint")} data-testid="crew-voice" onChange={(e) => setVoice(e.target.value)} />
      </label>
      <fieldset data-testid="crew-depth">
        <legend>{t("crew.depth")}</legend>
        {DEPTHS.map((d) => (
          <label key={d.value} className="inline">
            <input
              type="radio"
              name="crew-depth"
              value={d.value}
              checked={depth === d.value}
              data-testid={`crew-depth-${d.value}`}
              onChange={() => setDepth(d.value)}
            />
            {t(d.label)}
          </label>
        ))}
      </fieldset>
      <label className="inline">
        <input
          type="checkbox"
          checked={leadMagnet}
          data-testid="crew-lead-magnet"
          onChange={(e) => setLeadMagnet(e.target.checked)}
        />
        {t("crew.leadMagnet")}
      </label>
      <label>
        {t("crew.profile")}
        <select value={profile} data-testid="crew-profile" onChange={(e) => setProfile(e.target.value)}>
          <option value="">{t("crew.defaultProfile")}</option>
          {profileList.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name} ({p.model})
            </option>
          ))}
        </select>
      </label>
      <SaveThemeForm choices={{ theme, titleStyle, voice, depth }} />
      <ErrorText error={error} testId="crew-error" />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={starting || !theme.trim() || (profiles.isSuccess && profileList.length === 0)}
          data-testid="crew-start">
          {t("crew.start")}
        </button>
      </div>
    </form>
  );
}
