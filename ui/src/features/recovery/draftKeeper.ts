// Keeps text the library has not confirmed on disk, outside the library (the core's
// drafts folder), so a failing save never leaves it only in memory. Wraps the save
// queue's save: a failed save writes the text it carried (again on every retry, so the
// copy follows the writer while saves keep failing); a confirmed save removes the copy.
// Working saves cost nothing: no copy is written per keystroke.

import { api } from "../../ipc";
import { baseOf } from "../editor/bases";
import type { Draft } from "../editor/saveQueue";

export type SaveFn = (entryId: number, draft: Draft) => Promise<void>;

/** Where copies go (the core's draft_keep / draft_discard in the app). */
export interface DraftStore {
  keep(entryId: number, title: string | null, body: string | null): Promise<void>;
  discard(entryId: number): Promise<void>;
}

type Fields = { title: string | null; body: string | null };

function fields(draft: Draft): Fields {
  return { title: draft.title ?? null, body: draft.body === undefined ? null : String(draft.body) };
}

/** Whether saving `saved` stored everything `copy` holds. */
function covers(saved: Fields, copy: Fields): boolean {
  return (copy.title === null || copy.title === saved.title) && (copy.body === null || copy.body === saved.body);
}

/** The app's drafts folder, through the core. */
export const draftStore: DraftStore = {
  keep: async (entryId, title, body) => {
    // With the version the words started from, so putting them back later merges.
    await api.draftKeep(entryId, title, body, baseOf(entryId));
  },
  discard: async (entryId) => {
    await api.draftDiscard(entryId);
  },
};

export type KeepState = { ok: true } | { ok: false; error: unknown };

export class DraftKeeper {
  /** The text of each copy this window has on disk. */
  private readonly kept = new Map<number, Fields>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: DraftStore,
    private readonly onKeep: (state: KeepState) => void = () => {},
  ) {}

  wrap(save: SaveFn): SaveFn {
    return async (entryId, draft) => {
      try {
        await save(entryId, draft);
      } catch (error) {
        await this.keep(entryId, draft);
        throw error;
      }
      // The copy goes once the library holds what it says; a copy of newer text (kept
      // while this save was under way) stays until that text is saved.
      const copy = this.kept.get(entryId);
      if (copy && covers(fields(draft), copy)) await this.discard(entryId);
    };
  }

  /** Copies each entry's unsaved text to disk now (before the window may close). */
  async keepAll(unsaved: Array<{ entryId: number; draft: Draft }>): Promise<KeepState> {
    let state: KeepState = { ok: true };
    for (const { entryId, draft } of unsaved) {
      const s = await this.keep(entryId, draft);
      if (!s.ok) state = s;
    }
    return state;
  }

  /** Forgets the copies of `entryIds` (the writer discarded their words). */
  async discardAll(entryIds: number[]): Promise<void> {
    for (const id of entryIds) await this.discard(id);
  }

  private keep(entryId: number, draft: Draft): Promise<KeepState> {
    const f = fields(draft);
    return this.serial(async () => {
      try {
        await this.store.keep(entryId, f.title, f.body);
        this.kept.set(entryId, f);
        const ok: KeepState = { ok: true };
        this.onKeep(ok);
        return ok;
      } catch (error) {
        // The disk that refuses the library may refuse the copy too: say so, keep going.
        const failed: KeepState = { ok: false, error };
        this.onKeep(failed);
        return failed;
      }
    });
  }

  private discard(entryId: number): Promise<void> {
    return this.serial(async () => {
      try {
        await this.store.discard(entryId);
        this.kept.delete(entryId);
      } catch {
        // A copy left behind is offered at the next start: annoying, never a loss.
      }
    });
  }

  /** One disk operation at a time, in call order, so a removal never overtakes a write. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => {});
    return next;
  }
}
