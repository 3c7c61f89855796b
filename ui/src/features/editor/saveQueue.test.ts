import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Draft, SaveQueue, type SaveStatus } from "./saveQueue";

/** A save the test resolves or rejects by hand. */
function controllable() {
  const calls: Array<{ id: number; draft: Draft; resolve: () => void; reject: (e: unknown) => void }> = [];
  const save = (id: number, draft: Draft) =>
    new Promise<void>((resolve, reject) => calls.push({ id, draft, resolve, reject }));
  return { calls, save };
}

const flushMicrotasks = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("SaveQueue", () => {
  it("waits for a pause in typing, then writes the latest text once", async () => {
    const { calls, save } = controllable();
    const statuses: SaveStatus[] = [];
    const q = new SaveQueue({ save, onStatus: (s) => statuses.push(s), debounceMs: 600 });
    q.change(1, { body: "H" });
    await vi.advanceTimersByTimeAsync(300);
    q.change(1, { body: "He" });
    await vi.advanceTimersByTimeAsync(300);
    q.change(1, { body: "Hel" });
    await vi.advanceTimersByTimeAsync(599);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.draft).toEqual({ body: "Hel" });
    expect(q.status).toBe("saving");
    calls[0]!.resolve();
    await flushMicrotasks();
    expect(q.status).toBe("saved");
    expect(statuses).toEqual(["saving", "saved"]);
  });

  it("never loses text typed while a write is in flight", async () => {
    const { calls, save } = controllable();
    const q = new SaveQueue({ save, debounceMs: 600 });
    q.change(1, { body: "one" });
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toHaveLength(1);
    q.change(1, { body: "one two" });
    await vi.advanceTimersByTimeAsync(600); // the pause ends while the first write runs
    expect(calls).toHaveLength(1); // one write at a time
    calls[0]!.resolve();
    await flushMicrotasks();
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.draft.body).toBe("one two");
    expect(q.status).toBe("saving");
    calls[1]!.resolve();
    await flushMicrotasks();
    expect(q.status).toBe("saved");
    expect(q.dirty).toBe(false);
  });

  it("retries a failed write with the newest text and says so", async () => {
    const { calls, save } = controllable();
    const q = new SaveQueue({ save, debounceMs: 600, retryDelaysMs: [500, 1000] });
    q.change(1, { title: "T", body: "draft" });
    await vi.advanceTimersByTimeAsync(600);
    q.change(1, { body: "draft plus" }); // typed during the failing write
    calls[0]!.reject(new Error("disk busy"));
    await flushMicrotasks();
    expect(q.status).toBe("retrying");
    expect(q.peek(1)).toEqual({ title: "T", body: "draft plus" });
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toHaveLength(2);
    // The title from the failed write is kept; the body is the newest.
    expect(calls[1]!.draft).toEqual({ title: "T", body: "draft plus" });
    calls[1]!.reject(new Error("still busy"));
    await flushMicrotasks();
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toHaveLength(2); // second retry waits longer
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toHaveLength(3);
    calls[2]!.resolve();
    await flushMicrotasks();
    expect(q.status).toBe("saved");
  });

  it("flush writes at once and resolves only when everything is stored", async () => {
    const { calls, save } = controllable();
    const q = new SaveQueue({ save, debounceMs: 600 });
    q.change(1, { body: "entry one" });
    q.change(2, { body: "entry two" }); // switched entries before the pause
    let flushed = false;
    void q.flush().then(() => (flushed = true));
    await flushMicrotasks();
    expect(calls.map((c) => c.id)).toEqual([1]);
    calls[0]!.resolve();
    await flushMicrotasks();
    expect(calls.map((c) => c.id)).toEqual([1, 2]);
    expect(flushed).toBe(false);
    calls[1]!.resolve();
    await flushMicrotasks();
    expect(flushed).toBe(true);
    expect(calls.map((c) => c.draft.body)).toEqual(["entry one", "entry two"]);
  });

  it("peek shows unsaved text, in flight or waiting, so a reopened entry starts from it", async () => {
    const { calls, save } = controllable();
    const q = new SaveQueue({ save, debounceMs: 600 });
    expect(q.peek(1)).toBeUndefined();
    q.change(1, { body: "a" });
    await vi.advanceTimersByTimeAsync(600);
    expect(q.peek(1)).toEqual({ body: "a" }); // in flight
    q.change(1, { body: "ab" });
    expect(q.peek(1)).toEqual({ body: "ab" });
    calls[0]!.resolve();
    await flushMicrotasks();
    await vi.advanceTimersByTimeAsync(600);
    calls[1]!.resolve();
    await flushMicrotasks();
    expect(q.peek(1)).toBeUndefined();
  });

  it("turns the editor's document into text only when writing", async () => {
    const { calls, save } = controllable();
    const q = new SaveQueue({ save, debounceMs: 10 });
    const doc = { toString: vi.fn(() => "lazy text") };
    q.change(1, { body: doc });
    expect(doc.toString).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10);
    expect(String(calls[0]!.draft.body)).toBe("lazy text");
  });
});
