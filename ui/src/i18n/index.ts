// t(): looks a dotted key up in the current language and fills in {placeholders}.
// Only English ships today; a translation adds an object of the same shape to LANGUAGES.

import { en, type Messages } from "./en";

export const LANGUAGES = { en } as const satisfies Record<string, Messages>;
export type Language = keyof typeof LANGUAGES;

let current: Messages = en;
let currentLanguage: Language = "en";

/** Dotted paths to the string leaves of the messages, e.g. "editor.saved". */
type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string
    ? `${P}${K}`
    : T[K] extends ReadonlyArray<unknown>
      ? never
      : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;

export function setLanguage(lang: Language): void {
  current = LANGUAGES[lang];
  currentLanguage = lang;
  document.documentElement.lang = lang;
}

export function language(): Language {
  return currentLanguage;
}

/** The whole message table, for structured entries (lists, per-value maps). */
export function messages(): Messages {
  return current;
}

export function t(key: MessageKey, values?: Record<string, string | number>): string {
  let node: unknown = current;
  for (const part of key.split(".")) {
    node = (node as Record<string, unknown> | undefined)?.[part];
  }
  const text = typeof node === "string" ? node : key;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** Numbers in the writer's language (1,234). */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(currentLanguage).format(n);
}

export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(currentLanguage, { dateStyle: "medium" }).format(
    new Date(y, m - 1, d),
  );
}

export function formatDateTime(millis: number): string {
  return new Intl.DateTimeFormat(currentLanguage, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(millis),
  );
}
