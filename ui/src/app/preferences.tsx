// The writer's preferences (theme, language, focus mode, typography) live in the library so they
// travel with it. A copy of the theme in localStorage paints the first frame in the
// right colours before the core answers.

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { type Preferences, api, keys } from "../ipc";
import { LANGUAGES, type Language, language, setLanguage } from "../i18n";

export type ThemePref = Preferences["theme"];
const THEME_KEY = "jcc.theme";

export function cachedTheme(): ThemePref {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === "light" || v === "dark" ? v : "system";
  } catch {
    return "system";
  }
}

/** [data-theme] on <html> pins a theme; without it CSS follows prefers-color-scheme. */
export function applyTheme(pref: ThemePref): void {
  const root = document.documentElement;
  if (pref === "system") delete root.dataset.theme;
  else root.dataset.theme = pref;
  try {
    localStorage.setItem(THEME_KEY, pref);
  } catch {
    // Private mode: the library still has it.
  }
}

/** The writer's typography as the CSS variables the editor and preview read. */
export function applyTypography(prefs: Preferences): void {
  const style = document.documentElement.style;
  style.setProperty("--font-writing", prefs.font === "sans" ? "var(--font-sans-prose)" : "var(--font-prose)");
  style.setProperty("--editor-font-size", `${prefs.font_size}px`);
  style.setProperty("--editor-measure", `${prefs.line_width}ch`);
  style.setProperty("--editor-line-height", String(prefs.line_height / 100));
}

/** What a library without saved preferences starts with (the core's defaults). */
export const DEFAULT_PREFERENCES: Preferences = {
  theme: "system",
  language: "en",
  focus_mode: false,
  font: "serif",
  font_size: 18,
  line_width: 68,
  line_height: 170,
  typewriter: true,
};

function knownLanguage(tag: string): Language {
  return tag in LANGUAGES ? (tag as Language) : "en";
}

interface PreferencesApi {
  prefs: Preferences;
  update: (patch: Partial<Preferences>) => void;
}

const PreferencesContext = createContext<PreferencesApi>({
  prefs: DEFAULT_PREFERENCES,
  update: () => {},
});

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [fallback] = useState<Preferences>(() => ({ ...DEFAULT_PREFERENCES, theme: cachedTheme() }));
  const query = useQuery({ queryKey: keys.preferences, queryFn: api.preferencesGet, retry: false });
  // Preferences saved by an older version lack the newer fields: their defaults fill in.
  const prefs = useMemo(() => (query.data ? { ...DEFAULT_PREFERENCES, ...query.data } : fallback), [query.data, fallback]);

  const update = useCallback(
    (patch: Partial<Preferences>) => {
      const next = { ...(qc.getQueryData<Preferences>(keys.preferences) ?? fallback), ...patch };
      qc.setQueryData(keys.preferences, next);
      api.preferencesSet(next).catch(() => {
        // Kept for this session; the next change tries again.
      });
    },
    [qc, fallback],
  );

  useEffect(() => applyTheme(prefs.theme), [prefs.theme]);
  useEffect(() => applyTypography(prefs), [prefs]);
  // t() reads the current language, so it is set before the tree renders, and a change
  // remounts the tree (keyed by language) so every string is looked up again.
  const lang = knownLanguage(prefs.language);
  if (language() !== lang) setLanguage(lang);

  return (
    <PreferencesContext.Provider value={{ prefs, update }}>
      <Fragment key={lang}>{children}</Fragment>
    </PreferencesContext.Provider>
  );
}

export function usePreferences(): PreferencesApi {
  return useContext(PreferencesContext);
}
