// What closing the window does with words not yet saved: wait a moment for the last save;
// if the text still can't be stored, keep a copy on disk and ask the writer (keep the
// window open, save the text to a file, or discard it) instead of closing over it.

import type { Draft } from "../editor/saveQueue";
import type { DraftKeeper, KeepState } from "./draftKeeper";

export type Unsaved = Array<{ entryId: number; draft: Draft }>;

export interface CloseGuardDeps {
  queue: { flush(): Promise<void>; readonly dirty: boolean; unsaved(): Unsaved };
  keeper: Pick<DraftKeeper, "keepAll">;
  /** Shows the prompt; resolves true once the writer chose to close (text filed or discarded). */
  ask: (unsaved: Unsaved, kept: KeepState) => Promise<boolean>;
  /** How long a close waits for saves before asking. */
  waitMs?: number;
}

/** Resolves true when the window may close now. */
export async function mayClose(deps: CloseGuardDeps): Promise<boolean> {
  const { queue, keeper, ask, waitMs = 3000 } = deps;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    queue.flush().catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    }),
  ]);
  clearTimeout(timer);
  if (!queue.dirty) return true;
  const unsaved = queue.unsaved();
  // On disk before the question, so even a window killed while asking loses nothing.
  const kept = await keeper.keepAll(unsaved);
  return ask(unsaved, kept);
}
