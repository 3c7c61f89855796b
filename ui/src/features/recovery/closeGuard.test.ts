import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Draft, SaveQueue } from "../editor/saveQueue";
import { mayClose } from "./closeGuard";
import { DraftKeeper, type DraftStore } from "./draftKeeper";
import { describeSaveProblem } from "./saveProblem";

function keeperWithFiles() {
  const files = new Map<number, string | null>();
  const store: DraftStore = {
    keep: async (id, _title, body) => void files.set(id, body),
    discard: async (id) => void files.delete(id),
  };
  return { keeper: new DraftKeeper(store), files };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("closing the window", () => {
  it("closes without asking once the last words are saved", async () => {
    const saved: Draft[] = [];
    const q = new SaveQueue({ save: async (_id, d) => void saved.push(d), debounceMs: 600 });
    const { keeper } = keeperWithFiles();
    const ask = vi.fn(async () => true);
    q.change(1, { body: "last words" });
    await expect(mayClose({ queue: q, keeper, ask, waitMs: 3000 })).resolves.toBe(true);
    expect(saved).toEqual([{ body: "last words" }]);
    expect(ask).not.toHaveBeenCalled();
  });

  it("with saves failing: keeps a copy on disk, then asks; the writer's answer decides", async () => {
    const q = new SaveQueue({
      save: async () => {
        throw { code: "disk_full", message: "disk full" };
      },
      debounceMs: 600,
      retryDelaysMs: [500],
    });
    const { keeper, files } = keeperWithFiles();
    let asked: unknown = null;
    const ask = vi.fn(async (unsaved: unknown) => {
      asked = unsaved;
      // The copy is on disk before the question is shown.
      expect(files.get(3)).toBe("words the disk refused");
      return false;
    });
    q.change(3, { body: "words the disk refused" });
    const closing = mayClose({ queue: q, keeper, ask, waitMs: 3000 });
    await vi.advanceTimersByTimeAsync(3000);
    await expect(closing).resolves.toBe(false);
    expect(asked).toEqual([{ entryId: 3, draft: { body: "words the disk refused" } }]);
    expect(q.dirty).toBe(true);
  });

  it("explains each persistent failure with what to do", () => {
    expect(describeSaveProblem({ code: "disk_full", message: "" })).toMatch(/disk is full.*Free some space/);
    expect(describeSaveProblem({ code: "io", message: "" })).toMatch(/can't be written.*Check the folder/);
    expect(describeSaveProblem({ code: "corrupt_library", message: "" })).toMatch(/damaged.*Restore from a backup/);
    expect(describeSaveProblem({ code: "internal", message: "boom" })).toMatch(/boom/);
  });
});
