// The IPC layer's only door to the core: every command from the generated bindings,
// unwrapped (errors thrown as AppError). Adapting to a change in src-tauri happens here.

import type { Channel } from "@tauri-apps/api/core";
import { commands } from "../bindings";
import { AppError, call } from "./errors";
import type * as T from "./types";

/** A patch that changes only the given fields (absent or null ones are left as they are). */
export function entryPatch(fields: T.EntryPatch): T.EntryPatch {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined)) as T.EntryPatch;
}

/** An empty entry for journal `journalId`, dated by the core, optionally starting from a prompt. */
export function blankEntry(journalId: number, prompt = ""): T.AddEntry {
  return { journal: String(journalId), title: "", body: "", date: null, tags: [], kind: null, prompt, starred: false };
}

/** Commands that cannot fail in Rust return their value bare; a rejection is still an AppError. */
async function plain<V>(pending: Promise<V>): Promise<V> {
  try {
    return await pending;
  } catch (e) {
    throw AppError.from(e);
  }
}

export const api = {
  // Journals
  journalList: (trashed: boolean) => call(commands.journalList(trashed)),
  journalNew: (input: T.NewJournalInput) => call(commands.journalNew(input)),
  journalRename: (id: number, title: string) => call(commands.journalRename(String(id), title)),
  journalTrash: (id: number) => call(commands.journalTrash(String(id))),
  journalRestore: (id: number) => call(commands.journalRestore(String(id))),
  /** Deletes a trashed journal and its entries for good. */
  journalPurge: (id: number) => call(commands.journalPurge(String(id))),

  // Entries
  entryList: (input: T.ListEntries) => call(commands.entryList(input)),
  entryShow: (id: number) => call(commands.entryShow(id)),
  entryAdd: (input: T.AddEntry) => call(commands.entryAdd(input)),
  /**
   * The writer's save (autosave): unchanged text makes no revision. `base` is the
   * version of the text the words started from: if the entry moved on since (saved
   * elsewhere), the core merges the two instead of overwriting.
   */
  entrySave: (id: number, patch: T.EntryPatch, base: number | null = null) =>
    call(commands.entrySave(id, patch, base)),
  /** Clears the "review merge" mark once the writer has looked. */
  entryReviewDone: (id: number) => call(commands.entryReviewDone(id)),
  entryTag: (id: number, add: string[], remove: string[]) =>
    call(commands.entryTag(id, { add, remove })),
  entryTrash: (id: number) => call(commands.entryTrash(id)),
  entryRestore: (id: number) => call(commands.entryRestore(id)),
  /** Deletes a trashed entry for good. */
  entryPurge: (id: number) => call(commands.entryPurge(id)),
  /** Deletes every trashed entry and journal for good. */
  trashEmpty: () => call(commands.trashEmpty()),
  /** Deletes the entry if it is still empty (nothing typed, tagged or attached); true if gone. */
  entryDiscardIfEmpty: (id: number) => call(commands.entryDiscardIfEmpty(id)),
  /** Moves `id` just before `before` in book order (to the end when null). */
  entryMove: (id: number, before: number | null) => call(commands.entryMove(id, before)),
  entryHistory: (id: number) => call(commands.entryHistory(id)),
  entryDiff: (id: number, revision: number) => call(commands.entryDiff(id, revision)),
  entryRevert: (id: number, revision: number) => call(commands.entryRevert(id, revision)),
  /** Copies an image file into the library with the entry. */
  entryAttach: (id: number, path: string) => call(commands.entryAttach(id, path)),
  tagList: () => call(commands.tagList()),
  /** Renames (or merges into) a tag everywhere; the count of entries changed. */
  tagRename: (from: string, to: string) => call(commands.tagRename(from, to)),

  // The calendar and On this day (`journal`: a journal's id, or null for all)
  calendarMonth: (journal: string | null, year: number, month: number) =>
    call(commands.calendarMonth(journal, year, month)),
  entriesOnDay: (journal: string | null, date: string) => call(commands.entriesOnDay(journal, date)),
  /** Entries from `date`'s month and day in earlier years; `date` is the writer's local today. */
  onThisDay: (date: string) => call(commands.onThisDay(null, date)),

  // Sync with the writer's other devices (Settings -> Account, the sidebar)
  syncStatus: () => call(commands.syncStatus()),
  syncState: () => plain(commands.syncState()),
  /** Asks the background sync to run now; its progress arrives as sync events. */
  syncNow: () => plain(commands.syncNow()),
  /** Opens the provider's page in the system browser and waits for the sign-in there. */
  syncSignIn: (server: string) => call(commands.syncSignIn(server)),
  syncAccountHasKeys: () => call(commands.syncAccountHasKeys()),
  syncSetUp: (passphrase: string | null) => call(commands.syncSetUp(passphrase)),
  syncUnlock: (withSecret: T.UnlockWith, secret: string) => call(commands.syncUnlock(withSecret, secret)),
  syncSignOut: () => call(commands.syncSignOut()),
  syncDeleteCloudData: () => call(commands.syncDeleteCloudData()),
  syncKeepHere: (journalId: number, keep: boolean) => call(commands.syncKeepHere(journalId, keep)),
  entryMergeReview: (id: number) => call(commands.entryMergeReview(id)),
  /** Keeps this text as the entry's and clears its "review merge" mark. */
  entryKeepVersion: (id: number, title: string, body: string, base: number) =>
    call(commands.entryKeepVersion(id, title, body, base)),

  // Daily writing reminders (one per journal)
  reminderList: () => call(commands.reminderList()),
  reminderSet: (input: T.SetReminder) => call(commands.reminderSet(input)),
  reminderRemove: (journal: number) => call(commands.reminderRemove(String(journal))),
  /** Whether the session starts the app (in the tray); off until the writer turns it on. */
  autostartGet: () => call(commands.autostartGet()),
  autostartSet: (on: boolean) => call(commands.autostartSet(on)),
  /** Closes the window after its last save: to the tray while a reminder keeps the app running. */
  windowClose: () => call(commands.windowClose()),

  // Search, stats, templates, prompts
  /** One page of hits and the total; `limit` 0 would return every hit. */
  search: (query: string, limit: number, offset: number) =>
    call(commands.search({ query, limit, offset })),
  stats: (journalId: number | null, days: number) =>
    call(commands.stats(journalId === null ? null : String(journalId), days)),
  templateList: () => call(commands.templateList()),
  templateAdd: (name: string, category: string, body: string) =>
    call(commands.templateAdd(name, category, body)),
  templateRemove: (name: string) => call(commands.templateRemove(name)),
  templateUse: (name: string, journalId: number | null, date: string | null) =>
    call(commands.templateUse(name, journalId === null ? null : String(journalId), date)),
  promptToday: () => call(commands.promptToday()),
  promptList: (category: string | null) => call(commands.promptList(category)),

  // Crew
  crewThemes: () => call(commands.crewThemes()),
  crewTitleStyles: () => plain(commands.crewTitleStyles()),
  crewSaveTheme: (theme: T.SavedTheme) => call(commands.crewSaveTheme(theme)),
  /** The latest runs, newest first. */
  crewList: (limit: number) => call(commands.crewList(limit)),
  crewStart: (input: T.StartCrewRun) => call(commands.crewStart(input)),
  /** Runs or resumes a run; `goOn` says yes to a paused "continue?" question. */
  crewRun: (runId: number, goOn: boolean, task: string, onEvent: Channel<T.CrewEvent>) =>
    // The generated signature names the channel's Deserialize variant; what Rust sends
    // down it is the Serialize shape (every field present), which the UI reads.
    call(commands.crewRun(runId, goOn, task, onEvent as unknown as Parameters<typeof commands.crewRun>[3])),
  crewStatus: (runId: number) => call(commands.crewStatus(runId)),
  /** `pick` is 1-based, as the core counts options. */
  crewAnswer: (runId: number, pick: number) => call(commands.crewAnswer(runId, pick)),
  crewCancel: (runId: number) => call(commands.crewCancel(runId)),

  // LLM endpoints
  llmList: (detect: boolean) => call(commands.llmList(detect)),
  /** The key goes to the core once (which puts it in the OS keyring) and is not kept. */
  llmAdd: (input: T.AddProfile, apiKey: string | null) => call(commands.llmAdd(input, apiKey)),
  llmTest: (name: string | null) => call(commands.llmTest(name)),
  llmRemove: (name: string) => call(commands.llmRemove(name)),

  // Models on this computer
  modelOverview: () => call(commands.modelOverview()),
  modelAdd: (path: string) => call(commands.modelAdd(path)),
  modelRemove: (name: string) => call(commands.modelRemove(name)),
  modelDownload: (id: string, task: string, onProgress: Channel<T.DownloadProgress>) =>
    call(commands.modelDownload(id, task, onProgress)),
  /** Makes the default profile run model `name` (a file in the models folder or a catalog id). */
  modelUse: (name: string) => call(commands.modelUse(name)),

  // AI assist, export, import
  assist: (input: T.AssistInput, task: string, onDelta: Channel<string>) =>
    call(commands.assist(input, task, onDelta)),
  exportBook: (input: T.BookExportInput, task: string, onProgress: Channel<T.BookProgress>) =>
    call(commands.exportBook(input, task, onProgress)),
  exportFile: (input: T.ExportInput) => call(commands.exportFile(input)),
  importFile: (input: T.ImportInput, task: string, onProgress: Channel<T.ImportProgress>) =>
    call(commands.importFile(input, task, onProgress)),
  bookTrims: () => plain(commands.bookTrims()),
  authorGet: () => call(commands.authorGet()),
  authorSet: (profile: T.AuthorProfileInput) => call(commands.authorSet(profile)),

  // The library's health
  /** Damaged (saves refused) or not; asked at start, as the event may come before the page listens. */
  libraryStatus: () => call(commands.libraryStatus()),
  /** The full check, now. */
  libraryCheck: () => call(commands.libraryCheck()),
  backupList: () => call(commands.backupList()),
  /** Puts a listed backup in place of the damaged library (kept aside) and reopens it. */
  libraryRestore: (path: string) => call(commands.libraryRestore(path)),
  /** Removes backups taken before a time, or those still holding deleted text. */
  backupPrune: (prune: T.BackupPrune) => call(commands.backupPrune(prune)),

  // Unsaved text kept beside the library while saves fail (one copy per entry)
  draftKeep: (entryId: number, title: string | null, body: string | null, base: number | null) =>
    call(commands.draftKeep({ entry_id: entryId, title, body, base })),
  /** Copies left by an earlier window, oldest first. */
  draftList: () => call(commands.draftList()),
  draftDiscard: (entryId: number) => call(commands.draftDiscard(entryId)),
  /** Writes the kept text of those entries as one Markdown file. */
  draftExport: (entryIds: number[], path: string) => call(commands.draftExport(entryIds, path)),

  // App
  appInfo: () => call(commands.appInfo()),
  preferencesGet: () => call(commands.preferencesGet()),
  preferencesSet: (preferences: T.Preferences) => call(commands.preferencesSet(preferences)),
  /** False when the task had already ended. */
  taskCancel: (task: string) => plain(commands.taskCancel(task)),
};
