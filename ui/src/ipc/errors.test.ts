import { describe, expect, it } from "vitest";
import { mockCore } from "../test/ipc";
import { journal } from "../test/fixtures";
import { api } from "./api";
import { AppError, call, isCancelled, unwrap } from "./errors";

describe("unwrapping core results", () => {
  it("returns the data of an ok result", () => {
    expect(unwrap({ status: "ok", data: 42 })).toBe(42);
  });

  it("throws the core's error as an AppError with code, message and details", () => {
    const raw = { code: "not_found", message: "no journal 9", details: { id: 9 } };
    let thrown: unknown;
    try {
      unwrap({ status: "error", error: raw });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: "not_found", message: "no journal 9", details: { id: 9 } });
  });

  it("turns a bare string or an Error into an internal AppError", async () => {
    await expect(call(Promise.resolve({ status: "error" as const, error: "panicked" }))).rejects.toMatchObject({
      code: "internal",
      message: "panicked",
    });
    await expect(call(Promise.reject(new Error("command journal_list not found")))).rejects.toMatchObject({
      code: "internal",
      message: "command journal_list not found",
    });
  });

  it("recognises cancellation", () => {
    expect(isCancelled(new AppError("cancelled", "stopped"))).toBe(true);
    expect(isCancelled(new AppError("io", "disk"))).toBe(false);
    expect(isCancelled(new Error("cancelled"))).toBe(false);
  });
});

describe("api over the mocked core", () => {
  it("sends camelCase arguments to the snake_case command and returns its data", async () => {
    const core = mockCore({ journal_list: () => [journal({ id: 3, title: "Dreams" })] });
    const list = await api.journalList(false);
    expect(list.map((j) => j.title)).toEqual(["Dreams"]);
    expect(core.callsOf("journal_list")).toEqual([{ trashed: false }]);
  });

  it("rejects with the core's error when a command fails", async () => {
    mockCore({
      entry_save: () => {
        throw { code: "corrupt_library", message: "the library is damaged" };
      },
    });
    const err = await api.entrySave(1, {
      title: null, body: "x", prompt: null, kind: null, position: null,
      date: null, day: null, writing_lines: null, starred: null, tags: null,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "corrupt_library", message: "the library is damaged" });
  });

  it("passes the API key as its own argument, outside the profile", async () => {
    const core = mockCore({ llm_add: (a) => ({ ...(a.input as object), is_default: true }) });
    await api.llmAdd(
      {
        name: "local", base_url: "http://127.0.0.1:11434", model: "m", structured_output: null,
        requests_per_minute: null, tokens_per_minute: null, timeout_secs: null, images_model: null, make_default: false,
      },
      "sk-secret",
    );
    const [args] = core.callsOf("llm_add");
    expect(args!.apiKey).toBe("sk-secret");
    expect(JSON.stringify(args!.input)).not.toContain("sk-secret");
  });
});
