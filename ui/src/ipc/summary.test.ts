import { describe, expect, it } from "vitest";
import { excerpt } from "./summary";

// The same cases as jcc-app's summaries.rs test: the list shows what the core would.
describe("excerpt", () => {
  it("is plain, one line and short", () => {
    expect(excerpt("# Morning\n\n> **Grateful** for _coffee_\n- and `sun`")).toBe("Morning Grateful for coffee and sun");
    const e = excerpt("word ".repeat(100));
    expect(e.endsWith("…")).toBe(true);
    expect([...e].length).toBeLessThanOrEqual(121);
    expect(excerpt("")).toBe("");
  });
});
