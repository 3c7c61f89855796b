// How an unsaved or recovered text is named in a prompt: its title, else its first words.

import { t } from "../../i18n";

const PREVIEW_CHARS = 160;

export function draftLabel(title: string | null | undefined, fallbackTitle?: string | null): string {
  const name = (title ?? fallbackTitle ?? "").trim();
  return name || t("app.untitled");
}

export function draftExcerpt(body: string | null | undefined): string {
  const text = (body ?? "").replace(/\s+/g, " ").trim();
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}
