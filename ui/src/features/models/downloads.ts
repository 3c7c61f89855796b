// Model downloads in progress, kept outside React so closing Settings (or the crew
// wizard) leaves a download running and reopening shows where it is. One per model.

import { useSyncExternalStore } from "react";
import { type DownloadProgress, type LocalModel, type Task, isCancelled, startTask, api } from "../../ipc";

export type DownloadState =
  | { phase: "downloading"; have: number; total: number }
  | { phase: "cancelled" }
  | { phase: "failed"; error: unknown }
  | { phase: "done" };

let downloads: Readonly<Record<string, DownloadState>> = {};
const tasks = new Map<string, Task<LocalModel>>();
const listeners = new Set<() => void>();

function set(id: string, next: DownloadState): void {
  downloads = { ...downloads, [id]: next };
  listeners.forEach((l) => l());
}

export function useDownloads(): Readonly<Record<string, DownloadState>> {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => downloads,
  );
}

/**
 * Downloads catalog model `id` (resuming what an earlier try left); `settled` runs when it
 * ends either way, so the caller can read the models folder again.
 */
export async function startDownload(id: string, expected: number, settled: () => void): Promise<void> {
  if (tasks.has(id)) return;
  set(id, { phase: "downloading", have: 0, total: expected });
  const task = startTask<DownloadProgress, LocalModel>(
    "model-download",
    (p) => set(id, { phase: "downloading", have: p.have, total: p.total }),
    (taskId, ch) => api.modelDownload(id, taskId, ch),
  );
  tasks.set(id, task);
  try {
    await task.result;
    set(id, { phase: "done" });
  } catch (error) {
    set(id, isCancelled(error) ? { phase: "cancelled" } : { phase: "failed", error });
  } finally {
    tasks.delete(id);
    settled();
  }
}

export function cancelDownload(id: string): void {
  void tasks.get(id)?.cancel();
}

/** Forgets every download (tests). */
export function resetDownloads(): void {
  downloads = {};
  tasks.clear();
  listeners.forEach((l) => l());
}
