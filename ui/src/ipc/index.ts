// The IPC layer's public face: features import from "../../ipc" only.

export { api, blankEntry, entryPatch } from "./api";
export { AppError, isCancelled } from "./errors";
export { noteOwnWrite } from "./echo";
export { keys } from "./keys";
export { startTask, newTaskId, type Task } from "./tasks";
export * from "./hooks/library";
export * from "./hooks/entries";
export * from "./hooks/writing";
export * from "./hooks/settings";
export * from "./hooks/models";
export * from "./hooks/events";
export * from "./hooks/health";
export * from "./hooks/days";
export * from "./hooks/reminders";
export type * from "./types";
export type { Result } from "./errors";
export * from "./platform";
export * from "./hooks/sync";
