import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Draft, SaveQueue } from "../editor/saveQueue";
import { DraftKeeper, type DraftStore, type KeepState } from "./draftKeeper";

/** The drafts folder as a map, with calls recorded; `failKeep` makes writing copies fail. */
function memoryStore() {
  const files = new Map<number, { title: string | null; body: string | null }>();
  const log: string[] = [];
  const store: DraftStore & { failKeep: boolean } = {
    failKeep: false,
    keep: async (id, title, body) => {
      log.push(`keep ${id}`);
      if (store.failKeep) throw { code: "disk_full", message: "no space left" };
      files.set(id, { title, body });
    },
    discard: async (id) => {
      log.push(`discard ${id}`);
      files.delete(id);
    },
  };
  return { store, files, log };
}

/** A library save that fails while `broken` is set. */
function library() {
  const stored = new Map<number, Draft>();
  const lib = {
    broken: false,
    saves: 0,
    stored,
    save: async (id: number, draft: Draft) => {
      lib.saves += 1;
      if (lib.broken) throw { code: "io", message: "the library could not be written" };
      stored.set(id, { ...stored.get(id), ...draft });
    },
  };
  return lib;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("DraftKeeper with the save queue", () => {
  it("writes no copy while saves work", async () => {
    const { store, log } = memoryStore();
    const lib = library();
    const q = new SaveQueue({ save: new DraftKeeper(store).wrap(lib.save), debounceMs: 100 });
    for (const body of ["a", "ab", "abc"]) {
      q.change(1, { body });
      await vi.advanceTimersByTimeAsync(150);
    }
    expect(lib.stored.get(1)).toEqual({ body: "abc" });
    expect(log).toEqual([]);
  });

  it("keeps the text on disk when a save fails, follows it on every retry, and removes it once saved", async () => {
    const { store, files, log } = memoryStore();
    const lib = library();
    const states: KeepState[] = [];
    const keeper = new DraftKeeper(store, (s) => states.push(s));
    const q = new SaveQueue({ save: keeper.wrap(lib.save), debounceMs: 100, retryDelaysMs: [1000] });
    lib.broken = true;
    q.change(4, { title: "Harbour", body: "The gulls" });
    await vi.advanceTimersByTimeAsync(150);
    expect(files.get(4)).toEqual({ title: "Harbour", body: "The gulls" });
    expect(states).toEqual([{ ok: true }]);

    // Typed on while saves fail: the next retry's copy has it.
    q.change(4, { body: "The gulls, loud as a market." });
    await vi.advanceTimersByTimeAsync(1000);
    expect(files.get(4)).toEqual({ title: "Harbour", body: "The gulls, loud as a market." });

    lib.broken = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(lib.stored.get(4)).toEqual({ title: "Harbour", body: "The gulls, loud as a market." });
    expect(files.has(4)).toBe(false);
    expect(log).toEqual(["keep 4", "keep 4", "discard 4"]);
    expect(q.dirty).toBe(false);
  });

  it("a copy of newer text outlives the save of older text", async () => {
    const { store, files } = memoryStore();
    let release: () => void = () => {};
    const keeper = new DraftKeeper(store);
    const save = keeper.wrap(() => new Promise<void>((r) => (release = r)));
    const saving = save(2, { body: "old" });
    // Meanwhile the window is closing: it copies the newest text to disk.
    await keeper.keepAll([{ entryId: 2, draft: { body: "old and new" } }]);
    release();
    await saving;
    expect(files.get(2)).toEqual({ title: null, body: "old and new" });
  });

  it("says when the copy could not be written, and still reports the save's failure", async () => {
    const { store } = memoryStore();
    store.failKeep = true;
    const states: KeepState[] = [];
    const keeper = new DraftKeeper(store, (s) => states.push(s));
    const save = keeper.wrap(async () => {
      throw { code: "disk_full", message: "the disk is full" };
    });
    await expect(save(1, { body: "words" })).rejects.toEqual({ code: "disk_full", message: "the disk is full" });
    expect(states).toEqual([{ ok: false, error: { code: "disk_full", message: "no space left" } }]);
  });

  it("lists everything unsaved, in flight or waiting", async () => {
    const lib = library();
    lib.broken = true;
    const q = new SaveQueue({ save: lib.save, debounceMs: 100, retryDelaysMs: [5000] });
    q.change(1, { body: "one" });
    await vi.advanceTimersByTimeAsync(150);
    q.change(2, { title: "two" });
    expect(q.unsaved()).toEqual([
      { entryId: 1, draft: { body: "one" } },
      { entryId: 2, draft: { title: "two" } },
    ]);
  });
});
