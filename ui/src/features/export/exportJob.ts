// Runs one export: the book formats through exportBook (progress over a Channel,
// cancellable), Markdown and JSON through exportFile.

import {
  type BookProgress,
  type Task,
  api,
  startTask,
} from "../../ipc";

export type ExportFormat = "pdf" | "epub" | "md" | "json";

export interface ExportChoice {
  journalId: number;
  format: ExportFormat;
  out: string;
  trim: string;
  bleed: boolean;
  lineSpacingMm: number;
  from: string | null;
  to: string | null;
  tag: string | null;
}

export interface ExportResult {
  out: string;
  entries: number;
  pages: number | null;
  warnings: string[];
}

export function isBook(format: ExportFormat): format is "pdf" | "epub" {
  return format === "pdf" || format === "epub";
}

export function defaultFileName(title: string, format: ExportFormat): string {
  const base = title.replace(/[\\/:*?"<>|]+/g, " ").replace(/\s+/g, " ").trim() || "journal";
  return format === "md" ? base : `${base}.${format}`;
}

/** The save dialog's suggestion: the file name inside the writer's Documents folder. */
export function suggestedPath(folder: string | null | undefined, name: string): string {
  if (!folder) return name;
  const sep = folder.includes("\\") && !folder.includes("/") ? "\\" : "/";
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

export function runExport(choice: ExportChoice, onProgress: (p: BookProgress) => void): Task<ExportResult> {
  if (isBook(choice.format)) {
    const format = choice.format;
    return startTask<BookProgress, ExportResult>("export", onProgress, async (task, ch) => {
      const out = await api.exportBook(
        {
          journal: String(choice.journalId),
          format,
          out: choice.out,
          settings: { trim: choice.trim, bleed: choice.bleed, line_spacing: `${choice.lineSpacingMm}mm` },
          from: choice.from,
          to: choice.to,
          tag: choice.tag,
        },
        task,
        ch,
      );
      return { out: out.out, entries: out.entries, pages: out.pages, warnings: out.warnings };
    });
  }
  const format = choice.format === "md" ? "md" : "json";
  return startTask<never, ExportResult>("export", () => {}, async () => {
    const out = await api.exportFile({ journal: String(choice.journalId), format, out: choice.out });
    return { out: out.out, entries: out.entries, pages: null, warnings: [] };
  });
}
