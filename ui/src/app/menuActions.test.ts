import { describe, expect, it, vi } from "vitest";
import { routeMenuAction } from "./menuActions";
import { initialState, reducer } from "./state";

function targets() {
  return { dispatch: vi.fn(), setTheme: vi.fn(), newEntry: vi.fn(), toggleFocus: vi.fn() };
}

describe("native menu actions", () => {
  it.each([
    ["new_journal", { type: "openDialog", dialog: "newJournal" }],
    ["import", { type: "openDialog", dialog: "import" }],
    ["export_pdf", { type: "openDialog", dialog: "export", exportFormat: "pdf" }],
    ["export_epub", { type: "openDialog", dialog: "export", exportFormat: "epub" }],
    ["export_markdown", { type: "openDialog", dialog: "export", exportFormat: "md" }],
    ["find", { type: "openDialog", dialog: "search" }],
    ["settings", { type: "openDialog", dialog: "settings" }],
    ["about", { type: "openDialog", dialog: "about" }],
  ])("%s opens the right dialog", (action, expected) => {
    const to = targets();
    expect(routeMenuAction(action, to)).toBe(true);
    expect(to.dispatch).toHaveBeenCalledWith(expected);
  });

  it("themes, focus mode and new entry go to their handlers", () => {
    const to = targets();
    routeMenuAction("theme_dark", to);
    routeMenuAction("theme_light", to);
    routeMenuAction("theme_system", to);
    routeMenuAction("focus_mode", to);
    routeMenuAction("new_entry", to);
    expect(to.setTheme.mock.calls).toEqual([["dark"], ["light"], ["system"]]);
    expect(to.toggleFocus).toHaveBeenCalledOnce();
    expect(to.newEntry).toHaveBeenCalledOnce();
  });

  it("ignores actions it does not know", () => {
    const to = targets();
    expect(routeMenuAction("rm_rf", to)).toBe(false);
    expect(to.dispatch).not.toHaveBeenCalled();
  });

  it("the export dialog opens with the menu's format", () => {
    const s = reducer(initialState, { type: "openDialog", dialog: "export", exportFormat: "epub" });
    expect(s).toMatchObject({ dialog: "export", exportFormat: "epub" });
    expect(reducer(s, { type: "closeDialog" }).dialog).toBeNull();
  });
});
