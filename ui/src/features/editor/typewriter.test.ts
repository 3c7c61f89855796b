import { EditorSelection, EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { typewriterScrolling } from "./typewriter";

describe("typewriter scrolling", () => {
  it("asks to centre the cursor's line on every move and edit", () => {
    const on = EditorState.create({ doc: "one\ntwo\nthree", extensions: [typewriterScrolling] });
    const move = on.update({ selection: EditorSelection.cursor(5) });
    expect(move.effects).toHaveLength(1);
    const edit = on.update({ changes: { from: 0, insert: "x" } });
    expect(edit.effects).toHaveLength(1);
    // Nothing moved: nothing to scroll.
    expect(on.update({}).effects).toHaveLength(0);
  });

  it("does nothing when off", () => {
    const off = EditorState.create({ doc: "one\ntwo", extensions: [] });
    expect(off.update({ selection: EditorSelection.cursor(5) }).effects).toHaveLength(0);
  });
});
