// The writing area: loads the open entry and mounts a fresh editor per entry. The save
// queue belongs to the pane, not the entry, so switching entries never drops a pending
// write: the old entry's text is flushed while the new one opens (and the old one, if
// left empty, is not kept). A new entry opens with the cursor in the editor.

import { useEffect, useRef } from "react";
import { useAppState } from "../../app/state";
import { useEntry } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { HistoryPanel } from "../history/HistoryPanel";
import { ClosePrompt } from "../recovery/ClosePrompt";
import { Welcome, useFirstRun } from "../welcome/Welcome";
import { SaveProblemBanner } from "../recovery/SaveProblemBanner";
import { useCloseGuard } from "../recovery/useCloseGuard";
import { EntryEditor } from "./EntryEditor";
import { useAutosave } from "./useAutosave";
import { useDiscardOnLeave } from "./useDiscardOnLeave";
import { useFocusOnOpen } from "./useFocusOnOpen";

export function EditorPane() {
  const { entryId, historyOpen, editorReload } = useAppState();
  const { queue, status, mergedEntry, failure, keeper, kept } = useAutosave();
  const detail = useEntry(entryId);
  const pane = useRef<HTMLElement>(null);
  const shown = detail.data && detail.data.entry.id === entryId ? entryId : null;
  useDiscardOnLeave(entryId, queue);
  useFocusOnOpen(pane, shown);
  const closing = useCloseGuard(queue, keeper);
  const firstRun = useFirstRun();
  const recovery = (
    <>
      <SaveProblemBanner failure={failure} kept={kept} />
      {closing && <ClosePrompt question={closing} keeper={keeper} failure={failure} />}
    </>
  );

  useEffect(() => {
    // Leaving an entry: write what it still has pending right away.
    return () => void queue.flush();
  }, [entryId, queue]);

  if (entryId === null) {
    return (
      <main className="editor-pane empty" data-testid="editor-empty">
        {recovery}
        {firstRun ? <Welcome /> : firstRun === false && <p className="hint">{t("editor.noEntry")}</p>}
      </main>
    );
  }

  return (
    <main className="editor-pane" ref={pane}>
      {recovery}
      <ErrorText error={detail.error} />
      {detail.isPending && <p className="hint pad">{t("app.loading")}</p>}
      {detail.data && shown !== null && (
        <EntryEditor
          key={`${entryId}:${editorReload}`}
          detail={detail.data}
          queue={queue}
          status={status}
          merged={mergedEntry === entryId}
        />
      )}
      {historyOpen && detail.data && <HistoryPanel entryId={entryId} queue={queue} />}
    </main>
  );
}
