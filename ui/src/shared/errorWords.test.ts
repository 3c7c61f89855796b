import { describe, expect, it } from "vitest";
import { en } from "../i18n/en";
import { AppError } from "../ipc";
import { errorDetail, errorMessage, withoutTerminalAdvice } from "./errorWords";

/** Messages as the core writes them (jcc-store, jcc-app, jcc-crew, jcc-llm). */
const CORE = {
  damaged:
    "the library file is damaged (database disk image is malformed); run `jcc doctor --restore-backup` to put the newest one back (the damaged file is kept beside it)",
  noEndpoint:
    "no LLM endpoint is set up; add one in Settings → AI endpoints, or with `jcc llm add NAME --base-url URL --model MODEL` (`jcc llm list` shows local servers found)",
  stepFailed: "step titles failed: the endpoint refused the request. Run `jcc crew resume 4` to try it again",
  wrongPath:
    "/home/me/notes.txt is a file, but md needs a folder to export into; pass the right path or another --format",
  keyRefused: "http://127.0.0.1:9/v1 refused the API key (HTTP 401); set it again with `jcc llm add NAME ... --api-key-stdin`",
  plain: "could not write /mnt/usb/book.json: Read-only file system (os error 30); check that it exists and that you may write it",
};

const TERMINAL = /jcc |--[a-z]/;

describe("errors in the window's words", () => {
  it("drop the advice meant for a terminal and keep what happened", () => {
    for (const message of Object.values(CORE)) {
      const words = withoutTerminalAdvice(message);
      expect(words, message).not.toMatch(TERMINAL);
      expect(words.length, message).toBeGreaterThan(20);
    }
    expect(withoutTerminalAdvice(CORE.noEndpoint)).toBe("no LLM endpoint is set up; add one in Settings → AI endpoints");
    expect(withoutTerminalAdvice(CORE.stepFailed)).toBe("step titles failed: the endpoint refused the request");
    // Advice that is not about the terminal stays as the core wrote it.
    expect(withoutTerminalAdvice(CORE.plain)).toBe(CORE.plain);
  });

  it("name what to do in the window for the error's code", () => {
    const damaged = errorMessage(new AppError("corrupt_library", CORE.damaged));
    expect(damaged).toBe(
      "The library is damaged: the library file is damaged (database disk image is malformed). " +
        en.errorAdvice.corrupt_library,
    );
    expect(damaged).toContain("Restore from a backup");
    expect(errorDetail(new AppError("crew_failed", CORE.stepFailed))).toBe(
      "step titles failed: the endpoint refused the request. Choose Resume to try that step again; what the crew wrote so far is kept.",
    );
    expect(errorMessage(new AppError("export_failed", CORE.wrongPath))).toContain("Choose another place in Export");
    expect(errorMessage(new AppError("secrets", CORE.keyRefused))).toContain("Settings → LLM endpoint profiles");
  });

  it("never send the writer to a command line, whatever the code", () => {
    for (const [code, advice] of Object.entries(en.errorAdvice)) {
      expect(advice, code).not.toMatch(TERMINAL);
      const shown = errorMessage(new AppError(code, CORE.damaged));
      expect(shown, code).not.toMatch(TERMINAL);
    }
    // A code a newer core adds gets the generic advice.
    expect(errorMessage(new AppError("brand_new", "it broke"))).toBe(`Unexpected error: it broke. ${en.errorAdvice.internal}`);
  });
});
