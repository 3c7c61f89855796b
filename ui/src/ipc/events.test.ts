import { QueryClient } from "@tanstack/react-query";
import { emit } from "@tauri-apps/api/event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockCore } from "../test/ipc";
import { clearOwnWrites, noteOwnWrite } from "./echo";
import { invalidationsFor, listenLibraryEvents, listenMenuActions, makeEventSink } from "./events";
import { keys } from "./keys";

afterEach(() => {
  clearOwnWrites();
  vi.useRealTimers();
});

function seeded(): QueryClient {
  const qc = new QueryClient();
  qc.setQueryData(keys.journals(false), []);
  qc.setQueryData(keys.entries({ journal: "1", tag: null, starred: null, trashed: false, limit: null }), []);
  qc.setQueryData(keys.entries({ journal: "2", tag: null, starred: null, trashed: false, limit: null }), []);
  qc.setQueryData(keys.entries({ journal: null, tag: null, starred: true, trashed: false, limit: null }), []);
  qc.setQueryData(keys.entry(7), {});
  qc.setQueryData(keys.templates, []);
  return qc;
}

const stale = (qc: QueryClient, key: readonly unknown[]) => qc.getQueryState(key)?.isInvalidated ?? false;

describe("library events invalidate what they touch", () => {
  it("an entry change in journal 1 makes that journal's list, cross-journal lists and the entry stale", () => {
    vi.useFakeTimers();
    const qc = seeded();
    const sink = makeEventSink(qc, () => {}, 50);
    sink({ type: "entry_changed", entry_id: 7, journal_id: 1 });
    vi.advanceTimersByTime(60);
    expect(stale(qc, keys.entries({ journal: "1", tag: null, starred: null, trashed: false, limit: null }))).toBe(true);
    expect(stale(qc, keys.entries({ journal: null, tag: null, starred: true, trashed: false, limit: null }))).toBe(true);
    expect(stale(qc, keys.entries({ journal: "2", tag: null, starred: null, trashed: false, limit: null }))).toBe(false);
    expect(stale(qc, keys.entry(7))).toBe(true);
    expect(stale(qc, keys.templates)).toBe(false);
  });

  it("the echo of our own autosave does not refetch lists or the open entry", () => {
    vi.useFakeTimers();
    const qc = seeded();
    noteOwnWrite(7);
    makeEventSink(qc, () => {}, 50)({ type: "entry_changed", entry_id: 7, journal_id: 1 });
    vi.advanceTimersByTime(60);
    expect(stale(qc, keys.entry(7))).toBe(false);
    expect(stale(qc, keys.entries({ journal: "1", tag: null, starred: null, trashed: false, limit: null }))).toBe(false);
  });

  it("coalesces a burst of events into one invalidation per query", () => {
    vi.useFakeTimers();
    const qc = seeded();
    const spy = vi.spyOn(qc, "invalidateQueries");
    const sink = makeEventSink(qc, () => {}, 50);
    for (let i = 0; i < 20; i++) sink({ type: "templates_changed" });
    expect(spy).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(stale(qc, keys.templates)).toBe(true);
  });

  it("a tag rename or merge (from any writer) makes lists, open entries and search hits stale", () => {
    vi.useFakeTimers();
    const qc = seeded();
    qc.setQueryData(keys.search("tag:walk"), []);
    makeEventSink(qc, () => {}, 50)({ type: "tags_changed" });
    vi.advanceTimersByTime(60);
    expect(stale(qc, keys.entries({ journal: "2", tag: null, starred: null, trashed: false, limit: null }))).toBe(true);
    expect(stale(qc, keys.entry(7))).toBe(true);
    expect(stale(qc, keys.search("tag:walk"))).toBe(true);
    expect(stale(qc, keys.templates)).toBe(false);
  });

  it("another process's change refetches its entry even right after our own autosave of it", () => {
    vi.useFakeTimers();
    const qc = seeded();
    qc.setQueryData(keys.entry(8), {});
    qc.setQueryData(keys.tags, []);
    qc.setQueryData(keys.search("harbour"), []);
    // Our autosave of entry 7 a moment ago: its entry_changed would be taken for an echo.
    noteOwnWrite(7);
    makeEventSink(qc, () => {}, 50)({
      type: "changed_elsewhere",
      entries: [{ entry_id: 7, journal_id: 1 }],
      journals: [1],
    });
    vi.advanceTimersByTime(60);
    expect(stale(qc, keys.entry(7))).toBe(true);
    // Only the entries it changed refetch; an entry open elsewhere stays as it is.
    expect(stale(qc, keys.entry(8))).toBe(false);
    expect(stale(qc, keys.entries({ journal: "1", tag: null, starred: null, trashed: false, limit: null }))).toBe(true);
    expect(stale(qc, keys.entries({ journal: "2", tag: null, starred: null, trashed: false, limit: null }))).toBe(true);
    expect(stale(qc, keys.journals(false))).toBe(true);
    expect(stale(qc, keys.tags)).toBe(true);
    expect(stale(qc, keys.templates)).toBe(true);
    expect(stale(qc, keys.search("harbour"))).toBe(true);
  });

  it("reports a damaged library", () => {
    const onDamaged = vi.fn();
    makeEventSink(new QueryClient(), onDamaged)({ type: "library_damaged", reason: "page 4 unreadable" });
    expect(onDamaged).toHaveBeenCalledWith("page 4 unreadable");
    expect(invalidationsFor({ type: "library_damaged", reason: "x" })).toEqual([]);
  });

  it("hears library-event and menu-action from the shell", async () => {
    mockCore({});
    const seen: unknown[] = [];
    const menu: string[] = [];
    const un1 = await listenLibraryEvents((e) => seen.push(e));
    const un2 = await listenMenuActions((a) => menu.push(a));
    await emit("library-event", { type: "tags_changed" });
    await emit("menu-action", "find");
    expect(seen).toEqual([{ type: "tags_changed" }]);
    expect(menu).toEqual(["find"]);
    un1();
    un2();
  });
});
