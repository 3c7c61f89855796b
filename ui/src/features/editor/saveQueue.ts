// Autosave that never loses a keystroke. Changes are merged per entry and written after a
// pause in typing; one write runs at a time, and text typed during a write is written
// next. A failed write keeps the text (merged under anything newer) and is retried with
// backoff until it succeeds. flush() writes at once and resolves when all is stored.

/**
 * Fields to write. The body may be the editor's immutable document: turned into a
 * string only when written, not on every keystroke.
 */
export type Draft = { title?: string; body?: string | { toString(): string } };
export type SaveStatus = "idle" | "saving" | "saved" | "retrying";

export interface SaveQueueOptions {
  save: (entryId: number, draft: Draft) => Promise<void>;
  onStatus?: (status: SaveStatus, error?: unknown) => void;
  debounceMs?: number;
  /** Waits before each retry; the last one repeats. */
  retryDelaysMs?: number[];
}

export class SaveQueue {
  private readonly pending = new Map<number, Draft>();
  private inFlight = false;
  private flying: { entryId: number; draft: Draft } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private waiters: Array<() => void> = [];
  private disposed = false;
  private current: SaveStatus = "idle";
  private readonly save: SaveQueueOptions["save"];
  private readonly onStatus: NonNullable<SaveQueueOptions["onStatus"]>;
  private readonly debounceMs: number;
  private readonly retryDelaysMs: number[];

  constructor(options: SaveQueueOptions) {
    this.save = options.save;
    this.onStatus = options.onStatus ?? (() => {});
    this.debounceMs = options.debounceMs ?? 600;
    this.retryDelaysMs = options.retryDelaysMs ?? [500, 1000, 2000, 5000];
  }

  get status(): SaveStatus {
    return this.current;
  }

  /** True while some change is not yet stored. */
  get dirty(): boolean {
    return this.inFlight || this.pending.size > 0;
  }

  /** What is not yet stored for an entry (being written or waiting), newest fields winning. */
  peek(entryId: number): Draft | undefined {
    const flying = this.flying?.entryId === entryId ? this.flying.draft : undefined;
    const waiting = this.pending.get(entryId);
    return flying || waiting ? { ...flying, ...waiting } : undefined;
  }

  /** Every entry with text not yet stored, and that text (see peek). */
  unsaved(): Array<{ entryId: number; draft: Draft }> {
    const ids = new Set(this.pending.keys());
    if (this.flying) ids.add(this.flying.entryId);
    return [...ids].map((entryId) => ({ entryId, draft: this.peek(entryId)! }));
  }

  /** Records the latest text of an entry and (re)starts the pause timer. */
  change(entryId: number, draft: Draft): void {
    if (this.disposed) return;
    this.pending.set(entryId, { ...this.pending.get(entryId), ...draft });
    if (this.current !== "retrying") this.setStatus("saving");
    this.schedule(this.debounceMs);
  }

  /** Writes everything now; resolves once nothing is left unsaved. */
  flush(): Promise<void> {
    if (!this.dirty) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.clearTimer();
    this.kick();
    return done;
  }

  /** Stops timers; pending text is dropped, so flush() first. */
  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private kick(): void {
    if (this.inFlight || this.disposed) return;
    const next = this.pending.entries().next();
    if (next.done) {
      this.settle();
      return;
    }
    const [entryId, draft] = next.value;
    this.pending.delete(entryId);
    this.inFlight = true;
    this.flying = { entryId, draft };
    this.save(entryId, draft).then(
      () => {
        this.inFlight = false;
        this.flying = null;
        this.failures = 0;
        if (this.pending.size > 0) {
          if (this.current === "retrying") this.setStatus("saving");
          // More typed meanwhile: honour the pause unless someone is waiting on a flush.
          if (this.waiters.length > 0) this.kick();
          else if (this.timer === null) this.schedule(this.debounceMs);
        } else {
          this.settle();
        }
      },
      (error: unknown) => {
        this.inFlight = false;
        this.flying = null;
        // Newer text typed during the failed write wins over the failed draft.
        this.pending.set(entryId, { ...draft, ...this.pending.get(entryId) });
        const delay =
          this.retryDelaysMs[Math.min(this.failures, this.retryDelaysMs.length - 1)] ?? 1000;
        this.failures += 1;
        this.setStatus("retrying", error);
        this.schedule(delay);
      },
    );
  }

  private settle(): void {
    if (this.dirty) return;
    this.setStatus("saved");
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((resolve) => resolve());
  }

  private setStatus(status: SaveStatus, error?: unknown): void {
    if (status === this.current && status !== "retrying") return;
    this.current = status;
    this.onStatus(status, error);
  }
}
