import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { entry } from "../../test/fixtures";
import { EntryToolbar, type EntryToolbarProps } from "./EntryToolbar";

function setup(over: Partial<EntryToolbarProps> = {}) {
  const props: EntryToolbarProps = {
    entry: entry(),
    previewing: false,
    historyOpen: false,
    aiReady: true,
    onStar: vi.fn(),
    onPreview: vi.fn(),
    onFocusMode: vi.fn(),
    onAi: vi.fn(),
    onHistory: vi.fn(),
    onTrash: vi.fn(),
    onPurge: vi.fn(),
    ...over,
  };
  render(
    <>
      <input aria-label="Entry title" />
      <EntryToolbar {...props} />
    </>,
  );
  return props;
}

describe("the entry toolbar", () => {
  it("is a row of named icons: Star, Preview, Focus mode, AI assist, More", () => {
    setup();
    const bar = screen.getByRole("toolbar", { name: "Entry tools" });
    const names = Array.from(bar.querySelectorAll(".icon-tool")).map((b) => b.getAttribute("aria-label"));
    expect(names).toEqual(["Star", "Preview", "Focus mode", "AI assist", "More"]);
    for (const b of bar.querySelectorAll(".icon-tool")) expect(b).toHaveAttribute("title");
    // No text buttons left in view: the AI actions and the rest wait in their menus.
    expect(screen.queryByRole("button", { name: "Continue writing" })).toBeNull();
    expect(screen.queryByRole("button", { name: "History" })).toBeNull();
  });

  it("is reachable from the keyboard alone, menus included", async () => {
    const user = userEvent.setup();
    const p = setup();
    screen.getByLabelText("Entry title").focus();
    await user.tab();
    expect(document.activeElement).toHaveAccessibleName("Star");
    await user.keyboard("{Enter}");
    expect(p.onStar).toHaveBeenCalledOnce();
    await user.tab();
    await user.tab();
    expect(document.activeElement).toHaveAccessibleName("Focus mode");
    await user.keyboard("{ArrowLeft}");
    expect(document.activeElement).toHaveAccessibleName("Preview");
    await user.keyboard("{ArrowRight}{ArrowRight}");
    expect(document.activeElement).toHaveAccessibleName("AI assist");

    // The AI menu: Enter opens it on the first action, arrows move, Enter runs one.
    await user.keyboard("{Enter}");
    expect(screen.getByRole("menu", { name: "AI assist" })).toBeInTheDocument();
    expect(document.activeElement).toHaveAccessibleName("Continue writing");
    await user.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}");
    expect(document.activeElement).toHaveAccessibleName("Reflect on this entry");
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toHaveAccessibleName("Continue writing");
    await user.keyboard("{ArrowUp}{Enter}");
    expect(p.onAi).toHaveBeenCalledWith("reflect");
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toHaveAccessibleName("AI assist");

    // More: Arrow Down opens it; Esc closes it and gives the focus back.
    await user.tab();
    expect(document.activeElement).toHaveAccessibleName("More");
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toHaveAccessibleName("History");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toHaveAccessibleName("More");
    await user.keyboard("{Enter}{ArrowDown}{Enter}");
    expect(p.onTrash).toHaveBeenCalledOnce();
  });

  it("offers Restore and Delete forever for a trashed entry, and no AI before the editor is ready", async () => {
    const user = userEvent.setup();
    const p = setup({ entry: entry({ trashed_at: 5 }), aiReady: false });
    await user.click(screen.getByRole("button", { name: "More" }));
    expect(screen.getAllByRole("menuitem").map((m) => m.textContent)).toEqual(["History", "Restore", "Delete forever"]);
    await user.click(screen.getByRole("menuitem", { name: "Delete forever" }));
    expect(p.onPurge).toHaveBeenCalledOnce();
    await user.click(screen.getByRole("button", { name: "AI assist" }));
    for (const item of screen.getAllByRole("menuitem")) expect(item).toBeDisabled();
  });

  it("shows a star's state as pressed", () => {
    setup({ entry: entry({ starred: true }), previewing: true });
    expect(screen.getByRole("button", { name: "Star" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("button", { name: "Star" })).toHaveAttribute("title", "Unstar");
    expect(screen.getByRole("button", { name: "Preview" })).toHaveAttribute("title", "Edit");
  });
});
