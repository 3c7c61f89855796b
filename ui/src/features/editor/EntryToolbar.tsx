// The entry's compact toolbar: Star, Preview and Focus mode as icons (their names are
// the tooltips and accessible names), the AI actions in one menu, the rest (History,
// Move to trash / Restore, Delete forever) in a "More" menu. Every control is a Tab stop
// and the arrows move between them too.

import type { KeyboardEvent } from "react";
import type { AssistAction, Entry } from "../../ipc";
import { t } from "../../i18n";
import { Icon } from "../../shared/Icon";
import { MenuButton, type MenuItem } from "../../shared/MenuButton";
import { AiMenu } from "./ai/AiToolbar";

export interface EntryToolbarProps {
  entry: Entry;
  previewing: boolean;
  historyOpen: boolean;
  aiReady: boolean;
  onStar: () => void;
  onPreview: () => void;
  onFocusMode: () => void;
  onAi: (action: AssistAction) => void;
  onHistory: () => void;
  onTrash: () => void;
  onPurge: () => void;
}

/** Left and Right move between the toolbar's own buttons (not inside an open menu). */
function arrowKeys(e: KeyboardEvent<HTMLDivElement>) {
  if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
  const tools = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>(".icon-tool"));
  const at = tools.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  e.preventDefault();
  tools[(at + (e.key === "ArrowRight" ? 1 : -1) + tools.length) % tools.length]?.focus();
}

export function EntryToolbar(p: EntryToolbarProps) {
  const trashed = p.entry.trashed_at !== null;
  const starLabel = p.entry.starred ? t("library.unstar") : t("library.star");
  const previewLabel = p.previewing ? t("editor.edit") : t("editor.preview");
  const more: MenuItem[] = [
    {
      label: t("editor.history"),
      testId: "history-button",
      onSelect: p.onHistory,
    },
    {
      label: trashed ? t("library.restoreEntry") : t("library.trashEntry"),
      testId: trashed ? "restore-entry-button" : "trash-entry-button",
      onSelect: p.onTrash,
    },
  ];
  if (trashed) more.push({ label: t("library.purgeEntry"), testId: "purge-entry-button", danger: true, onSelect: p.onPurge });

  return (
    <div role="toolbar" aria-label={t("toolbar.label")} className="toolbar-buttons" onKeyDown={arrowKeys}>
      <button
        type="button"
        className="icon-tool"
        aria-label={t("library.star")}
        title={starLabel}
        aria-pressed={p.entry.starred}
        data-testid="star-button"
        onClick={p.onStar}
      >
        <Icon name="star" filled={p.entry.starred} />
      </button>
      <button
        type="button"
        className="icon-tool"
        aria-label={t("editor.preview")}
        title={previewLabel}
        aria-pressed={p.previewing}
        data-testid="preview-button"
        onClick={p.onPreview}
      >
        <Icon name={p.previewing ? "pencil" : "eye"} />
      </button>
      <button
        type="button"
        className="icon-tool"
        aria-label={t("toolbar.focus")}
        title={t("toolbar.focus")}
        data-testid="focus-mode-button"
        onClick={p.onFocusMode}
      >
        <Icon name="focus" />
      </button>
      <AiMenu ready={p.aiReady} onRun={p.onAi} />
      <MenuButton label={t("toolbar.more")} icon={<Icon name="more" />} items={more} testId="more-menu" />
    </div>
  );
}
