import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AppStateProvider } from "../../app/state";
import { journal } from "../../test/fixtures";
import { mockCore, send } from "../../test/ipc";
import { ExportDialog } from "./ExportDialog";
import { defaultFileName, suggestedPath } from "./exportJob";

function setup(handlers: Parameters<typeof mockCore>[0], format: "pdf" | "md" = "pdf") {
  const core = mockCore({
    journal_list: () => [journal({ id: 4, title: "Gratitude: 30 days" })],
    book_trims: () => [
      { name: "6x9", width_in: 6, height_in: 9 },
      { name: "5x8", width_in: 5, height_in: 8 },
    ],
    tag_list: () => [{ name: "garden", entries: 3 }],
    app_info: () => ({ version: "0.1.0", data_dir: "/d", config_dir: "/c", library: "/d/l", log_dir: "/d/logs", documents_dir: "/home/w/Documents", started_at_ms: 0 }),
    ...handlers,
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <AppStateProvider initial={{ view: { kind: "journal", journalId: 4 }, dialog: "export", exportFormat: format }}>
        <ExportDialog />
      </AppStateProvider>
    </QueryClientProvider>,
  );
  return core;
}

describe("export dialog", () => {
  it("exports a PDF with the chosen page settings, shows progress, then Show in folder", async () => {
    const user = userEvent.setup();
    let progress: unknown = null;
    let finish: () => void = () => {};
    const core = setup({
      "plugin:dialog|save": () => "/home/w/Documents/Gratitude 30 days.pdf",
      export_book: (a) => {
        progress = a.onProgress;
        return new Promise((resolve) => {
          finish = () =>
            resolve({ journal_id: 4, format: "pdf", out: (a.input as { out: string }).out, entries: 33, pages: 96, page_size_pt: [432, 648], bytes: 1, warnings: ["image cover.png is missing"] });
        });
      },
      "plugin:opener|reveal_item_in_dir": () => null,
    });
    await screen.findByRole("option", { name: "5x8 (5 × 8 in)" });
    await user.selectOptions(screen.getByTestId("export-trim"), "5x8");
    await user.click(screen.getByTestId("export-bleed"));
    await user.clear(screen.getByTestId("export-line-spacing"));
    await user.type(screen.getByTestId("export-line-spacing"), "9");
    await user.selectOptions(screen.getByTestId("export-selection"), "tag");
    await user.selectOptions(await screen.findByTestId("export-tag"), "garden");
    await waitFor(() =>
      expect(screen.getByTestId("export-path")).toHaveValue("/home/w/Documents/Gratitude 30 days.pdf"),
    );
    await user.click(screen.getByTestId("export-start"));

    await waitFor(() => expect(core.callsOf("export_book")).toHaveLength(1));
    expect(core.callsOf("plugin:dialog|save"), "the suggested path needs no dialog").toHaveLength(0);
    expect(core.callsOf("export_book")[0]).toMatchObject({
      input: {
        journal: "4",
        format: "pdf",
        out: "/home/w/Documents/Gratitude 30 days.pdf",
        settings: { trim: "5x8", bleed: true, line_spacing: "9mm" },
        from: null,
        to: null,
        tag: "garden",
      },
    });
    expect(screen.getByTestId("export-status")).toHaveAttribute("data-state", "running");
    act(() => send(progress, { stage: "layout", done: 2, total: 5 }));
    expect(screen.getByTestId("export-status")).toHaveTextContent("laying out pages");
    expect(screen.getByTestId("export-progress")).toHaveAttribute("value", "2");

    await act(async () => finish());
    expect(screen.getByTestId("export-status")).toHaveAttribute("data-state", "done");
    expect(screen.getByTestId("export-status")).toHaveTextContent("Exported 33 entries");
    expect(screen.getByTestId("export-status")).toHaveTextContent("96 pages");
    expect(screen.getByTestId("export-status")).toHaveTextContent("image cover.png is missing");
    await user.click(screen.getByTestId("export-show"));
    await waitFor(() =>
      expect(core.callsOf("plugin:opener|reveal_item_in_dir")[0]).toMatchObject({
        paths: ["/home/w/Documents/Gratitude 30 days.pdf"],
      }),
    );
  });

  it("Markdown goes through export_file to the folder chosen in the save dialog; a cancelled dialog changes nothing", async () => {
    const user = userEvent.setup();
    let answer: string | null = null;
    const core = setup(
      {
        "plugin:dialog|save": () => answer,
        export_file: (a) => ({ journal_id: 4, format: "md", entries: 33, out: (a.input as { out: string }).out }),
      },
      "md",
    );
    await screen.findByRole("option", { name: "Gratitude: 30 days" });
    expect(screen.queryByTestId("export-trim")).toBeNull();
    await waitFor(() => expect(screen.getByTestId("export-path")).toHaveValue("/home/w/Documents/Gratitude 30 days"));
    await user.click(screen.getByTestId("export-choose"));
    await waitFor(() => expect(core.callsOf("plugin:dialog|save")).toHaveLength(1));
    expect(screen.getByTestId("export-path")).toHaveValue("/home/w/Documents/Gratitude 30 days");
    answer = "/mnt/usb/Book";
    await user.click(screen.getByTestId("export-choose"));
    await waitFor(() => expect(screen.getByTestId("export-path")).toHaveValue("/mnt/usb/Book"));
    expect(core.callsOf("export_file")).toHaveLength(0);
    await user.click(screen.getByTestId("export-start"));
    await waitFor(() => expect(screen.getByTestId("export-status")).toHaveAttribute("data-state", "done"));
    expect(core.callsOf("export_file")[0]).toEqual({
      input: { journal: "4", format: "md", out: "/mnt/usb/Book" },
    });
  });

  it("shows the core's error", async () => {
    const user = userEvent.setup();
    setup({
      "plugin:dialog|save": () => "/x.pdf",
      export_book: () => {
        throw { code: "export_failed", message: "the book would have 900 pages; KDP prints at most 828" };
      },
    });
    await screen.findByRole("option", { name: "6x9 (6 × 9 in)" });
    await user.click(screen.getByTestId("export-start"));
    expect(await screen.findByTestId("export-error")).toHaveTextContent("at most 828");
  });
});

describe("export file names", () => {
  it("are safe and sit in the documents folder", () => {
    expect(defaultFileName("Gratitude: 30 days?", "pdf")).toBe("Gratitude 30 days.pdf");
    expect(defaultFileName("", "md")).toBe("journal");
    expect(suggestedPath("/home/w/Documents", "a.pdf")).toBe("/home/w/Documents/a.pdf");
    expect(suggestedPath("C:\\Users\\w\\Documents", "a.pdf")).toBe("C:\\Users\\w\\Documents\\a.pdf");
    expect(suggestedPath(null, "a.pdf")).toBe("a.pdf");
  });
});
