// Export a journal: format, page settings for the book formats, which entries, and where
// to (a path in Documents to start with; "Choose…" opens the native save dialog);
// progress, Cancel, "Show in folder".

import { useState } from "react";
import { useAppDispatch, useAppState } from "../../app/state";
import {
  type BookProgress,
  type Task,
  chooseSavePath,
  isCancelled,
  revealInFolder,
  useAppInfo,
  useJournals,
  useTags,
  useTrimSizes,
} from "../../ipc";
import { messages, t } from "../../i18n";
import { Dialog } from "../../shared/Dialog";
import { ErrorText } from "../../shared/ErrorText";
import { type ExportFormat, type ExportResult, defaultFileName, isBook, runExport, suggestedPath } from "./exportJob";

type Phase =
  | { state: "idle" }
  | { state: "running"; progress: BookProgress | null; task: Task<ExportResult> }
  | { state: "done"; result: ExportResult }
  | { state: "cancelled" }
  | { state: "error"; error: unknown };

const FORMATS: ExportFormat[] = ["pdf", "epub", "md", "json"];
const FILTERS: Record<ExportFormat, { name: string; extensions: string[] }[]> = {
  pdf: [{ name: "PDF", extensions: ["pdf"] }],
  epub: [{ name: "EPUB", extensions: ["epub"] }],
  md: [],
  json: [{ name: "JSON", extensions: ["json"] }],
};

export function ExportDialog() {
  const dispatch = useAppDispatch();
  const { view, exportFormat } = useAppState();
  const journals = useJournals(false);
  const trims = useTrimSizes();
  const tags = useTags();
  const info = useAppInfo();
  const [journalId, setJournalId] = useState<number | null>(view?.kind === "journal" ? view.journalId : null);
  const [format, setFormat] = useState<ExportFormat>(exportFormat ?? "pdf");
  const [trim, setTrim] = useState("6x9");
  const [bleed, setBleed] = useState(false);
  const [spacing, setSpacing] = useState(8);
  const [selection, setSelection] = useState<"all" | "dates" | "tag">("all");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [tag, setTag] = useState("");
  const [phase, setPhase] = useState<Phase>({ state: "idle" });
  // null follows the suggestion (Documents/<title>.<ext>) as journal and format change.
  const [dest, setDest] = useState<string | null>(null);

  const chosenJournal = journalId ?? journals.data?.[0]?.id ?? null;
  const journal = journals.data?.find((j) => j.id === chosenJournal);
  const book = isBook(format);
  const suggestion = journal ? suggestedPath(info.data?.documents_dir, defaultFileName(journal.title, format)) : "";
  const shown = dest ?? suggestion;
  const out = shown.trim();

  const choose = async () => {
    const picked = await chooseSavePath(out, FILTERS[format]).catch((err: unknown) => {
      setPhase({ state: "error", error: err });
      return null;
    });
    if (picked) setDest(picked);
  };

  const start = (e: React.FormEvent) => {
    e.preventDefault();
    if (!journal || !out) return;
    const task = runExport(
      {
        journalId: journal.id,
        format,
        out,
        trim,
        bleed,
        lineSpacingMm: spacing,
        from: book && selection === "dates" && from ? from : null,
        to: book && selection === "dates" && to ? to : null,
        tag: book && selection === "tag" && tag ? tag : null,
      },
      (progress) => setPhase((p) => (p.state === "running" ? { ...p, progress } : p)),
    );
    setPhase({ state: "running", progress: null, task });
    task.result.then(
      (result) => setPhase({ state: "done", result }),
      (error: unknown) => setPhase(isCancelled(error) ? { state: "cancelled" } : { state: "error", error }),
    );
  };

  const running = phase.state === "running";
  const progress = running ? phase.progress : null;
  return (
    <Dialog title={t("export.title")} onClose={() => dispatch({ type: "closeDialog" })} testId="export-dialog">
      <form className="form" onSubmit={start}>
        <label>
          {t("export.journal")}
          <select
            value={chosenJournal ?? ""}
            data-testid="export-journal"
            disabled={running}
            onChange={(e) => setJournalId(Number(e.target.value))}
          >
            {(journals.data ?? []).map((j) => (
              <option key={j.id} value={j.id}>
                {j.title}
              </option>
            ))}
          </select>
        </label>
        <fieldset disabled={running}>
          <legend>{t("export.format")}</legend>
          {FORMATS.map((f) => (
            <label key={f} className="inline">
              <input
                type="radio"
                name="export-format"
                value={f}
                checked={format === f}
                data-testid={`export-format-${f}`}
                onChange={() => setFormat(f)}
              />
              {messages().export.formats[f]}
            </label>
          ))}
        </fieldset>
        {book && (
          <fieldset disabled={running} className="export-book-settings">
            <label>
              {t("export.trim")}
              <select value={trim} data-testid="export-trim" onChange={(e) => setTrim(e.target.value)}>
                {(trims.data ?? [{ name: "6x9", width_in: 6, height_in: 9 }]).map((x) => (
                  <option key={x.name} value={x.name}>
                    {x.name} ({x.width_in} × {x.height_in} in)
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              <input type="checkbox" checked={bleed} data-testid="export-bleed" onChange={(e) => setBleed(e.target.checked)} />
              {t("export.bleed")}
            </label>
            <label>
              {t("export.lineSpacing")}
              <input
                type="number"
                min={4}
                max={20}
                step={0.5}
                value={spacing}
                data-testid="export-line-spacing"
                onChange={(e) => setSpacing(Number(e.target.value))}
              />
            </label>
            <label>
              {t("export.selection")}
              <select
                value={selection}
                data-testid="export-selection"
                onChange={(e) => setSelection(e.target.value as typeof selection)}
              >
                <option value="all">{t("export.all")}</option>
                <option value="dates">
                  {t("export.from")} / {t("export.to")}
                </option>
                <option value="tag">{t("export.tag")}</option>
              </select>
            </label>
            {selection === "dates" && (
              <div className="row">
                <label>
                  {t("export.from")}
                  <input type="date" value={from} data-testid="export-from" onChange={(e) => setFrom(e.target.value)} />
                </label>
                <label>
                  {t("export.to")}
                  <input type="date" value={to} data-testid="export-to" onChange={(e) => setTo(e.target.value)} />
                </label>
              </div>
            )}
            {selection === "tag" && (
              <label>
                {t("export.tag")}
                <select value={tag} data-testid="export-tag" onChange={(e) => setTag(e.target.value)}>
                  <option value="" />
                  {(tags.data ?? []).map((x) => (
                    <option key={x.name} value={x.name}>
                      {x.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </fieldset>
        )}

        <div className="row">
          <label className="grow">
            {t("export.destination")}
            <input
              type="text"
              value={shown}
              disabled={running}
              spellCheck={false}
              data-testid="export-path"
              onChange={(e) => setDest(e.target.value)}
            />
          </label>
          <button type="button" disabled={running} data-testid="export-choose" onClick={() => void choose()}>
            {t("export.choose")}
          </button>
        </div>

        <div className="export-status" data-testid="export-status" data-state={phase.state} role="status">
          {running && (
            <>
              <progress
                data-testid="export-progress"
                max={progress?.total || undefined}
                value={progress?.total ? progress.done : undefined}
                aria-label={t("export.progress", { stage: "" })}
              />
              <span>
                {t("export.progress", {
                  stage: progress ? messages().export.stages[progress.stage] : "",
                })}
              </span>
            </>
          )}
          {phase.state === "done" && (
            <>
              <span>
                {t("export.done", { entries: phase.result.entries, path: phase.result.out })}
                {phase.result.pages !== null && ` · ${t("export.pages", { pages: phase.result.pages })}`}
              </span>
              <button type="button" data-testid="export-show" onClick={() => void revealInFolder(phase.result.out)}>
                {t("export.showInFolder")}
              </button>
              {phase.result.warnings.length > 0 && (
                <ul aria-label={t("export.warnings")}>
                  {phase.result.warnings.map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              )}
            </>
          )}
          {phase.state === "cancelled" && <span>{t("export.cancelled")}</span>}
        </div>
        {phase.state === "error" && <ErrorText error={phase.error} testId="export-error" />}
        {!journal && journals.isSuccess && <p className="hint">{t("export.noJournal")}</p>}

        <div className="form-actions">
          {running ? (
            <button type="button" data-testid="export-cancel" onClick={() => void phase.task.cancel()}>
              {t("export.cancel")}
            </button>
          ) : (
            <button type="submit" className="primary" disabled={!journal || !out} data-testid="export-start">
              {t("export.start")}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
