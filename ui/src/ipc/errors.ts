// The one error the UI sees from the core: {code, message, details}. Commands return a
// Result; unwrap() turns its error side into a thrown AppError so TanStack Query and
// try/catch see failures, and anything odd (a panic string, a missing command) becomes
// code "internal" rather than an untyped throw.

import type { CoreErrorCode } from "./types";

/** What a generated command resolves to. */
export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

/** The core's codes (generated from jcc-app's `ErrorCode`), and any a newer core may add: the UI treats those like "internal". */
export type ErrorCode = CoreErrorCode | (string & {});

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details ?? null;
  }

  /** Whatever a command rejected or returned as its error, as an AppError. */
  static from(raw: unknown): AppError {
    if (raw instanceof AppError) return raw;
    if (raw instanceof Error) return new AppError("internal", raw.message);
    if (typeof raw === "object" && raw !== null) {
      const r = raw as { code?: unknown; message?: unknown; details?: unknown };
      if (typeof r.code === "string") {
        return new AppError(r.code, typeof r.message === "string" ? r.message : r.code, r.details);
      }
    }
    return new AppError("internal", typeof raw === "string" ? raw : JSON.stringify(raw));
  }
}

export function isCancelled(e: unknown): boolean {
  return e instanceof AppError && e.code === "cancelled";
}

export function unwrap<T>(result: Result<T, unknown>): T {
  if (result.status === "ok") return result.data;
  throw AppError.from(result.error);
}

/** Awaits a command and unwraps it; a rejected promise becomes an AppError too. */
export async function call<T>(pending: Promise<Result<T, unknown>>): Promise<T> {
  let result: Result<T, unknown>;
  try {
    result = await pending;
  } catch (e) {
    throw AppError.from(e);
  }
  return unwrap(result);
}
