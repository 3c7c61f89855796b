// The core's data shapes, named as the UI uses them. tauri-specta emits two variants of
// a type whose serde shape differs by direction: `X_Serialize` is what Rust sends (every
// field present), `X_Deserialize` what it accepts (defaults optional). Outputs alias the
// first, inputs the second. Features import from here, never from bindings.ts, so a
// change in Rust is absorbed in this file.

import type * as B from "../bindings";

// What the core sends.
export type AppError = B.AppError_Serialize;
export type AppInfo = B.AppInfo_Serialize;
export type AuthorProfile = B.AuthorProfile_Serialize;
export type AssistOutcome = B.AssistOutcome;
export type BackupInfo = B.BackupInfo;
export type Attachment = B.Attachment;
export type BookExportOutcome = B.BookExportOutcome_Serialize;
export type BookProgress = B.Progress;
export type BookStage = B.Stage;
export type ConnectionReport = B.ConnectionReport_Serialize;
/** Every code the core's errors carry (jcc-app's `ErrorCode`). */
export type CoreErrorCode = B.ErrorCode;
export type CrewEvent = B.CrewEvent_Serialize;
export type CrewRun = B.CrewRun_Serialize;
export type CrewStatus = B.CrewStatus_Serialize;
export type DayCount = B.DayCount;
export type DayWords = B.DayWords;
export type DetectedServer = B.DetectedServer;
export type Draft = B.Draft_Serialize;
export type Entry = B.Entry_Serialize;
export type EntryDetail = B.EntryDetail_Serialize;
export type EntrySummary = B.EntrySummary_Serialize;
export type ExportOutcome = B.ExportOutcome_Serialize;
export type ImportOutcome = B.ImportOutcome_Serialize;
export type ImportProgress = B.ImportProgress;
export type Journal = B.Journal_Serialize;
export type LibraryStatus = B.LibraryStatus;
export type PurgeOutcome = B.PurgeOutcome;
export type RestoreOutcome = B.RestoreOutcome;
export type JournalDetail = B.JournalDetail_Serialize;
export type JsonValue = B.Value;
export type KeptDraft = B.KeptDraft_Serialize;
export type LibraryEvent = B.LibraryEvent;
export type LocalModel = B.LocalModel_Serialize;
export type LocalModels = B.LocalModels_Serialize;
export type CatalogOffer = B.CatalogOffer;
export type DownloadProgress = B.DownloadProgress;
export type MenuCommand = B.MenuCommand;
export type Preferences = B.Preferences_Serialize;
export type ProfileInfo = B.ProfileInfo_Serialize;
export type ProfileList = B.ProfileList_Serialize;
export type Revision = B.Revision;
export type MergeReview = B.MergeReview_Serialize;
export type MergeSide = B.MergeSide;
export type SetUp = B.SetUp;
export type SignedIn = B.SignedIn;
export type SyncState = B.SyncState_Serialize;
export type SyncStatus = B.SyncStatus_Serialize;
export type RunSummary = B.RunSummary_Serialize;
/** Where a crew run stands (jcc-store's `RunStatus`). */
export type RunStatus = B.RunStatus;
export type SavedTheme = B.SavedTheme;
export type SearchHit = B.SearchHit_Serialize;
export type SnippetSpan = B.SnippetSpan;
export type Stats = B.Stats;
export type StepInfo = B.StepInfo_Serialize;
/** How a saved crew step ended (jcc-store's `StepStatus`). */
export type CrewStepStatus = B.StepStatus;
export type TagCount = B.TagCount;
export type Template = B.Template;
export type TrimInfo = B.TrimInfo;
export type WritingPrompt = B.WritingPrompt;

// What the core accepts.
export type AddEntry = B.AddEntry_Deserialize;
export type AuthorProfileInput = B.AuthorProfile_Deserialize;
export type AddProfile = B.AddProfile_Deserialize;
export type BackupPrune = B.BackupPrune_Deserialize;
export type AssistInput = B.AssistInput_Deserialize;
export type BookExportInput = B.BookExportInput_Deserialize;
export type EntryPatch = B.EntryPatch_Deserialize;
export type ExportInput = B.ExportInput_Deserialize;
export type ImportInput = B.ImportInput_Deserialize;
export type ListEntries = B.ListEntries_Deserialize;
export type NewJournalInput = B.NewJournalInput_Deserialize;
export type SearchInput = B.SearchInput_Deserialize;
export type StartCrewRun = B.StartCrewRun_Deserialize;

// Plain enums and unions (one shape both ways).
export type AssistAction = B.AssistAction;
export type BookFormat = B.BookFormat;
export type Depth = B.Depth;
export type EntryKind = B.EntryKind;
export type Format = B.Format_Serialize;
export type JournalKind = B.JournalKind;
export type StructuredOutput = B.StructuredOutput;
export type ThemeChoice = B.ThemeChoice;
export type Reminder = B.Reminder;
export type SetReminder = B.SetReminder;
export type ReminderEvent = B.ReminderEvent;
export type WritingFont = B.WritingFont;
export type SideOrigin = B.SideOrigin;
export type SyncPhase = B.SyncPhase;
export type SyncOpen = B.SyncOpen;
export type UnlockWith = B.UnlockWith;
