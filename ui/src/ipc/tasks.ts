// Long work (import, export, crew runs, AI assist) is named by a task id the UI makes up,
// streams through a Channel, and is stopped with taskCancel(id).

import { Channel } from "@tauri-apps/api/core";
import { api } from "./api";

let counter = 0;

export function newTaskId(kind: string): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 10);
  return `${kind}-${Date.now().toString(36)}-${counter}-${random}`;
}

export function channel<M>(onMessage: (message: M) => void): Channel<M> {
  return new Channel<M>(onMessage);
}

export interface Task<T> {
  readonly id: string;
  readonly result: Promise<T>;
  cancel(): Promise<boolean>;
}

/** Starts `run` with a fresh task id and a channel feeding `onMessage`. */
export function startTask<M, T>(
  kind: string,
  onMessage: (message: M) => void,
  run: (task: string, ch: Channel<M>) => Promise<T>,
): Task<T> {
  const id = newTaskId(kind);
  const result = run(id, channel(onMessage));
  return {
    id,
    result,
    cancel: () => api.taskCancel(id),
  };
}
