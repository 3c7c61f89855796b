// One open entry: title, guided prompt, the Markdown editor with AI actions, and the
// status line (save status, words). Mounted fresh per entry (and after a restore), so
// its text is whatever the core — or the save queue, if newer — holds.

import type { Text } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import { useCallback, useEffect, useState } from "react";
import { useAppDispatch, useAppState } from "../../app/state";
import { usePreferences } from "../../app/preferences";
import { type EntryDetail, entryImageUrl, useToggleStar, useTrashEntry } from "../../ipc";
import { initBase, setBase } from "./bases";
import { ReviewMerge } from "./ReviewMerge";
import { t } from "../../i18n";
import { Markdown } from "../../shared/Markdown";
import { PurgeFlow } from "../library/DeleteForever";
import { AiToolbar } from "./ai/AiToolbar";
import { EntryToolbar } from "./EntryToolbar";
import type { Suggestion } from "./ai/suggestion";
import { useAssist } from "./ai/useAssist";
import { GuidedPrompt } from "./GuidedPrompt";
import { attachmentName, useImageDrop } from "./imageDrop";
import { MarkdownEditor, fromLibrary } from "./MarkdownEditor";
import type { SaveQueue, SaveStatus as Status } from "./saveQueue";
import { SaveStatus } from "./SaveStatus";
import { TagsField } from "./TagsField";
import { useWordCount } from "./useWordCount";

export interface EntryEditorProps {
  detail: EntryDetail;
  queue: SaveQueue;
  status: Status;
  /** This entry's last save was merged with a change made elsewhere. */
  merged?: boolean;
}

export function EntryEditor({ detail, queue, status, merged = false }: EntryEditorProps) {
  const { entry } = detail;
  const dispatch = useAppDispatch();
  const { historyOpen } = useAppState();
  const { prefs, update } = usePreferences();
  const [initial] = useState(() => {
    const draft = queue.peek(entry.id);
    // Unsaved words keep the version they started from; otherwise the editor starts
    // from the text it is given.
    if (draft) initBase(entry.id, entry.version);
    else setBase(entry.id, entry.version);
    return {
      title: draft?.title ?? entry.title,
      body: draft?.body !== undefined ? String(draft.body) : entry.body,
    };
  });
  const [title, setTitle] = useState(initial.title);
  const [view, setView] = useState<EditorView | null>(null);
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [purging, setPurging] = useState(false);
  const [words, recount] = useWordCount(initial.body);
  const assist = useAssist(view);
  const star = useToggleStar();
  const trash = useTrashEntry();
  const { stop } = assist;
  // The preview shows the entry's own images (`attachments/<name>`) from the library.
  const imageSrc = useCallback(
    (src: string) => {
      const name = attachmentName(src);
      return name === null ? null : entryImageUrl(entry.id, name);
    },
    [entry.id],
  );

  const onChange = useCallback(
    (doc: Text) => {
      queue.change(entry.id, { body: doc });
      recount(doc);
    },
    [queue, entry.id, recount],
  );
  const onSuggestion = useCallback(
    (s: Suggestion | null) => {
      setSuggestion(s);
      // Esc in the editor discards: a stream still running is no longer wanted.
      if (!s) stop();
    },
    [stop],
  );
  const onDropped = useCallback((ok: boolean, name: string, message?: string) => {
    setNotice(ok ? t("editor.imageAttached", { name }) : t("editor.imageFailed", { name, message: message ?? "" }));
  }, []);
  useImageDrop(entry.id, view, onDropped);

  useEffect(() => {
    // Someone else changed this entry (an import, the CLI, a restore in another window):
    // show their text, unless the writer has words not yet saved, which win.
    if (!view || queue.peek(entry.id)) return;
    if (view.state.doc.toString() !== entry.body) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: entry.body },
        annotations: fromLibrary.of(true),
      });
    }
    // The editor holds the library's text now: later saves start from this version.
    setBase(entry.id, entry.version);
  }, [entry.body, entry.version, entry.id, view, queue]);
  // The same rule for the title (also after a merge), applied while rendering the newer entry.
  const [libraryTitle, setLibraryTitle] = useState(entry.title);
  if (entry.title !== libraryTitle) {
    setLibraryTitle(entry.title);
    if (queue.peek(entry.id)?.title === undefined) setTitle(entry.title);
  }

  const focus = prefs.focus_mode;

  return (
    <article className="entry-editor" aria-label={title || t("app.untitled")} data-testid="entry-editor">
      {!focus && (
        <header className="entry-toolbar">
          <input
            className="entry-title"
            aria-label={t("editor.title")}
            placeholder={t("editor.title")}
            data-testid="entry-title"
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              queue.change(entry.id, { title: e.target.value });
            }}
            onBlur={() => void queue.flush()}
          />
          <EntryToolbar
            entry={entry}
            previewing={preview !== null}
            historyOpen={historyOpen}
            aiReady={view !== null && !assist.busy}
            onStar={() => star.mutate({ id: entry.id, starred: !entry.starred })}
            onPreview={() => setPreview(preview === null ? (view?.state.doc.toString() ?? initial.body) : null)}
            onFocusMode={() => update({ focus_mode: true })}
            onAi={assist.run}
            onHistory={() => dispatch({ type: "toggleHistory" })}
            onTrash={() => trash.mutate({ id: entry.id, restore: entry.trashed_at !== null })}
            onPurge={() => setPurging(true)}
          />
        </header>
      )}
      {focus && (
        <button type="button" className="focus-exit" data-testid="focus-exit" onClick={() => update({ focus_mode: false })}>
          {t("app.focusModeExit")}
        </button>
      )}

      {entry.review_merge && <ReviewMerge entryId={entry.id} />}
      {merged && !entry.review_merge && (
        <p role="status" className="notice pad" data-testid="merged-notice">
          {t("editor.merged")}
        </p>
      )}
      <GuidedPrompt prompt={entry.prompt} lines={entry.writing_lines} />
      {!focus && <TagsField entryId={entry.id} tags={entry.tags} />}
      <AiToolbar view={view} suggestion={suggestion} error={assist.error} onStop={assist.stop} />
      {purging && entry.trashed_at !== null && (
        <PurgeFlow
          what={{ entry: entry.id }}
          title={t("library.purgeEntryTitle")}
          text={t("library.purgeEntryText", { title: entry.title || t("app.untitled") })}
          onCancel={() => setPurging(false)}
          onDone={() => dispatch({ type: "openEntry", entryId: null })}
        />
      )}

      <div className="editor-frame" hidden={preview !== null}>
        <MarkdownEditor
          initialDoc={initial.body}
          label={t("editor.content")}
          onChange={onChange}
          onReplaced={recount}
          onBlur={() => void queue.flush()}
          onView={setView}
          onSuggestion={onSuggestion}
          typewriter={focus && prefs.typewriter}
        />
      </div>
      {preview !== null && <Markdown text={preview} className="preview" testId="entry-preview" imageSrc={imageSrc} />}

      <footer className="status-bar">
        <SaveStatus status={status} />
        <span data-testid="word-count">
          {words === 1 ? t("editor.oneWord") : t("editor.words", { count: words })}
        </span>
        {notice && (
          <span role="status" className="notice">
            {notice}
          </span>
        )}
      </footer>
    </article>
  );
}
