// A unified diff (as the core writes it) split into typed lines for display.

export type DiffLineKind = "add" | "remove" | "hunk" | "header" | "context";

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

export function diffLines(diff: string): DiffLine[] {
  return diff
    .split("\n")
    .filter((line, i, all) => !(i === all.length - 1 && line === ""))
    .map((text) => {
      if (text.startsWith("+++") || text.startsWith("---")) return { kind: "header", text };
      if (text.startsWith("@@")) return { kind: "hunk", text };
      if (text.startsWith("+")) return { kind: "add", text };
      if (text.startsWith("-")) return { kind: "remove", text };
      return { kind: "context", text };
    });
}
