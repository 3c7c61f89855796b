// A new entry in the current journal that starts from a writing prompt, opened at once.

import { useAppDispatch } from "../../app/state";
import { blankEntry, useCreateEntry } from "../../ipc";

export function useWriteFromPrompt(journalId: number | null) {
  const dispatch = useAppDispatch();
  const create = useCreateEntry();
  const write = (prompt: string) => {
    if (journalId === null) return;
    create.mutate(blankEntry(journalId, prompt), {
      onSuccess: (entry) => {
        dispatch({ type: "closeDialog" });
        dispatch({ type: "openEntry", entryId: entry.id });
      },
    });
  };
  return { write, pending: create.isPending, error: create.error, canWrite: journalId !== null };
}
