// An error from the core, in the window's words. The core writes "what happened; what to
// do" for every caller, and its "what to do" often names a `jcc` command or a `--flag`
// the desktop writer does not have. The window keeps what happened, drops the advice
// meant for the terminal, and adds its own (en.ts `errorAdvice`, by code).

import { AppError } from "../ipc";
import { messages } from "../i18n";

/** A `jcc …` command, or a `--flag` on its own, as the core's terminal advice has them. */
const TERMINAL = /`jcc[ `]|\bjcc [a-z]+|(^|[\s(`])--[a-z]/;

/**
 * `message` without what only makes sense in a terminal. The first clause, which says
 * what happened, always stays; later ones ("; run `jcc doctor`", ". Run `jcc crew
 * resume 4` to try it again"), asides ("(`jcc llm list` shows …)") and alternatives
 * (", or with `jcc llm add …`") go.
 */
export function withoutTerminalAdvice(message: string): string {
  const trimmed = message
    // Asides about the terminal: "… set up (`jcc llm list` shows them)".
    .replace(/\s*\([^()]*`jcc [^()]*\)/g, "")
    // "add one in Settings, or with `jcc llm add …`": the window's half stays.
    .replace(/,? or (with |run )?`jcc [^`]*`/g, "");
  const parts = trimmed.split(/(;\s+|\.\s+)/);
  let out = parts[0] ?? "";
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const clause = parts[i + 1] ?? "";
    if (!TERMINAL.test(clause)) out += parts[i] + clause;
  }
  return out.replace(/[\s;,]+$/, "").replace(/\.$/, "");
}

function advice(code: string): string {
  const all = messages().errorAdvice as Record<string, string>;
  return all[code] ?? messages().errorAdvice.internal;
}

/** What happened and what the writer can do about it in the window (no headline). */
export function errorDetail(error: unknown): string {
  if (error instanceof AppError) {
    const said = withoutTerminalAdvice(error.message);
    return [said && `${said}.`, advice(error.code)].filter(Boolean).join(" ");
  }
  return error instanceof Error ? error.message : String(error);
}

/** The code's headline, what happened and what to do: "Export failed: …. Choose …". */
export function errorMessage(error: unknown): string {
  if (error instanceof AppError) {
    const headlines = messages().errors as Record<string, string>;
    const headline = headlines[error.code] ?? messages().errors.internal;
    const detail = errorDetail(error);
    return detail ? `${headline}: ${detail}` : headline;
  }
  return errorDetail(error);
}
