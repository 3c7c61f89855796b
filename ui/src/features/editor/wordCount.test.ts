import { describe, expect, it } from "vitest";
import { wordCount } from "./wordCount";

// The core's own cases (jcc-store model.rs), so the status bar agrees with the library.
describe("wordCount", () => {
  it("counts words like a writer", () => {
    expect(wordCount("")).toBe(0);
    expect(wordCount("Hello, world!")).toBe(2);
    expect(wordCount("it's a **bold** move — really")).toBe(5);
    expect(wordCount("Ça va? Très bien.")).toBe(4);
    expect(wordCount("# Heading\n\n- one\n- two 2026")).toBe(4);
  });
});
