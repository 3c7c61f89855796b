import { describe, expect, it } from "vitest";
import { summary } from "../../test/fixtures";
import { entryLabel, reorder, sortEntries } from "./order";

const book = [1, 2, 3, 4].map((id) => summary({ id, title: `Day ${id}`, position: id }));

describe("reordering a guided book", () => {
  it("moving down: the entry lands before the next one's old neighbour", () => {
    const r = reorder(book, 0, 2)!; // Day 1 to third place
    expect(r.order.map((e) => e.id)).toEqual([2, 3, 1, 4]);
    expect(r.before).toBe(4);
  });

  it("moving up", () => {
    const r = reorder(book, 3, 1)!;
    expect(r.order.map((e) => e.id)).toEqual([1, 4, 2, 3]);
    expect(r.before).toBe(2);
  });

  it("moving to the end sends no anchor", () => {
    const r = reorder(book, 1, 3)!;
    expect(r.order.map((e) => e.id)).toEqual([1, 3, 4, 2]);
    expect(r.before).toBeNull();
  });

  it("no move, or out of range, does nothing", () => {
    expect(reorder(book, 2, 2)).toBeNull();
    expect(reorder(book, 0, 9)).toBeNull();
    expect(book.map((e) => e.id)).toEqual([1, 2, 3, 4]);
  });
});

describe("entry list order and labels", () => {
  it("diaries show newest first; guided books keep book order", () => {
    const diary = [
      summary({ id: 1, date: "2026-01-02" }),
      summary({ id: 2, date: "2026-03-01" }),
      summary({ id: 3, date: "2026-03-01" }),
      summary({ id: 4, date: null }),
    ];
    expect(sortEntries(diary, "mixed").map((e) => e.id)).toEqual([3, 2, 1, 4]);
    expect(sortEntries(diary, "guided").map((e) => e.id)).toEqual([1, 2, 3, 4]);
  });

  it("untitled entries show their first words", () => {
    expect(entryLabel({ title: "", excerpt: "Rain again today" }, "Untitled")).toBe("Rain again today");
    expect(entryLabel({ title: "  ", excerpt: "" }, "Untitled")).toBe("Untitled");
    expect(entryLabel({ title: "Named", excerpt: "x" }, "Untitled")).toBe("Named");
  });
});
