// Helpers for tests that talk to a mocked core through @tauri-apps/api/mocks.

import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import type { Channel } from "@tauri-apps/api/core";

export type Handler = (args: Record<string, unknown>) => unknown;

/**
 * Mocks the core: `handlers` maps a Rust command name (snake_case, as tauri-specta
 * invokes it) to its behaviour. Throw a plain `{code, message}` object to make the
 * command fail the way the core does. Calls are recorded in order.
 */
export function mockCore(handlers: Record<string, Handler>) {
  const calls: Array<{ cmd: string; args: Record<string, unknown> }> = [];
  mockWindows("main");
  mockIPC(
    (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      const handler = handlers[cmd];
      if (handler) return handler(args);
      if (cmd.startsWith("plugin:")) return null;
      throw { code: "internal", message: `no mock for ${cmd}` };
    },
    { shouldMockEvents: true },
  );
  return {
    calls,
    callsOf: (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args),
  };
}

/** Sends a message down a Channel the UI passed to a command. */
export function send<T>(channel: unknown, message: T): void {
  (channel as Channel<T>).onmessage(message);
}
