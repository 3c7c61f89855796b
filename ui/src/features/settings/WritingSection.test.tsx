import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { DEFAULT_PREFERENCES, PreferencesProvider } from "../../app/preferences";
import { mockCore } from "../../test/ipc";
import { WritingSection } from "./WritingSection";

function renderSection(saved: object) {
  const core = mockCore({ preferences_get: () => saved, preferences_set: (a) => a.preferences });
  render(
    <QueryClientProvider client={new QueryClient()}>
      <PreferencesProvider>
        <WritingSection />
      </PreferencesProvider>
    </QueryClientProvider>,
  );
  return core;
}

const root = () => document.documentElement.style;

describe("writing typography", () => {
  it("starts from book-like defaults, also for preferences saved before it existed", async () => {
    renderSection({ theme: "dark", language: "en", focus_mode: false });
    await waitFor(() => expect(root().getPropertyValue("--editor-font-size")).toBe("18px"));
    expect(root().getPropertyValue("--editor-measure")).toBe("68ch");
    expect(root().getPropertyValue("--editor-line-height")).toBe("1.7");
    expect(root().getPropertyValue("--font-writing")).toBe("var(--font-prose)");
    expect(screen.getByTestId("settings-font-serif")).toBeChecked();
    expect(screen.getByTestId("settings-typewriter")).toBeChecked();
  });

  it("applies and saves each change at once", async () => {
    const user = userEvent.setup();
    const core = renderSection(DEFAULT_PREFERENCES);
    await user.click(await screen.findByTestId("settings-font-sans"));
    await waitFor(() => expect(root().getPropertyValue("--font-writing")).toBe("var(--font-sans-prose)"));
    fireEvent.change(screen.getByTestId("settings-font-size"), { target: { value: "22" } });
    fireEvent.change(screen.getByTestId("settings-line-width"), { target: { value: "55" } });
    fireEvent.change(screen.getByTestId("settings-line-height"), { target: { value: "150" } });
    await user.click(screen.getByTestId("settings-typewriter"));
    await waitFor(() => expect(root().getPropertyValue("--editor-font-size")).toBe("22px"));
    expect(root().getPropertyValue("--editor-measure")).toBe("55ch");
    expect(root().getPropertyValue("--editor-line-height")).toBe("1.5");
    expect(screen.getByText("Text size: 22 px")).toBeInTheDocument();
    const last = core.callsOf("preferences_set").at(-1)!.preferences;
    expect(last).toMatchObject({ font: "sans", font_size: 22, line_width: 55, line_height: 150, typewriter: false });
  });
});
