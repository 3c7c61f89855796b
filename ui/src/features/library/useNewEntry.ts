// "New entry" (button, menu, Ctrl+N): an empty entry in the open journal, opened at once
// with the cursor in the editor. (Left empty, it is not kept: see useDiscardOnLeave.)
// With no journal open there is nowhere to write, so it asks for a new journal.

import { useCallback } from "react";
import { useAppDispatch, useAppState } from "../../app/state";
import { blankEntry, useCreateEntry } from "../../ipc";

export function useNewEntry() {
  const { view } = useAppState();
  const dispatch = useAppDispatch();
  const create = useCreateEntry();
  const { mutate } = create;
  const journalId = view?.kind === "journal" ? view.journalId : null;
  const newEntry = useCallback(() => {
    if (journalId === null) {
      dispatch({ type: "openDialog", dialog: "newJournal" });
      return;
    }
    mutate(blankEntry(journalId), {
      onSuccess: (entry) => dispatch({ type: "openEntry", entryId: entry.id, focus: true }),
    });
  }, [journalId, dispatch, mutate]);
  return { newEntry, create };
}
