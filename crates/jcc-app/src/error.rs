//! The one error type every caller of the application layer sees.

use jcc_store::StoreError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Stable codes a UI or script can act on. Never renumber or rename: add new ones.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    InvalidInput,
    Conflict,
    ImportFailed,
    CorruptLibrary,
    MigrationFailed,
    LibraryTooNew,
    DiskFull,
    Busy,
    Config,
    Io,
    Internal,
    ExportFailed,
    /// The LLM endpoint can't be reached, refused the request or kept failing.
    LlmUnavailable,
    /// A crew step failed for good (the run can be resumed).
    CrewFailed,
    /// The writer (or another process) cancelled the work.
    Cancelled,
    /// The OS keyring failed or lacks a key.
    Secrets,
    /// The sync server or the sign-in provider cannot be reached (changes are kept).
    SyncUnavailable,
    /// Sync needs (a new) sign-in.
    SignInNeeded,
    /// A passphrase or recovery key that does not unlock the account.
    WrongSecret,
    /// The sync server refused a request, or sent something that failed its check.
    SyncFailed,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
            Self::InvalidInput => "invalid_input",
            Self::Conflict => "conflict",
            Self::ImportFailed => "import_failed",
            Self::CorruptLibrary => "corrupt_library",
            Self::MigrationFailed => "migration_failed",
            Self::LibraryTooNew => "library_too_new",
            Self::DiskFull => "disk_full",
            Self::Busy => "busy",
            Self::Config => "config",
            Self::Io => "io",
            Self::Internal => "internal",
            Self::ExportFailed => "export_failed",
            Self::LlmUnavailable => "llm_unavailable",
            Self::CrewFailed => "crew_failed",
            Self::Cancelled => "cancelled",
            Self::Secrets => "secrets",
            Self::SyncUnavailable => "sync_unavailable",
            Self::SignInNeeded => "sign_in_needed",
            Self::WrongSecret => "wrong_secret",
            Self::SyncFailed => "sync_failed",
        }
    }

    /// The process exit status the CLI uses for this code (documented in the README).
    pub fn exit_code(self) -> i32 {
        match self {
            Self::Internal => 1,
            Self::InvalidInput => 2,
            Self::NotFound => 3,
            Self::Conflict => 4,
            Self::ImportFailed => 5,
            Self::CorruptLibrary | Self::MigrationFailed | Self::LibraryTooNew => 6,
            Self::DiskFull | Self::Io => 7,
            Self::Busy => 8,
            Self::Config => 9,
            Self::ExportFailed => 10,
            Self::LlmUnavailable => 11,
            Self::CrewFailed => 12,
            Self::Cancelled => 13,
            Self::Secrets => 14,
            Self::SyncUnavailable => 15,
            Self::SignInNeeded => 16,
            Self::WrongSecret => 17,
            Self::SyncFailed => 18,
        }
    }
}

/// `{code, message, details}`: what happened, to what, and what the writer can do next.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize, thiserror::Error)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            details: None,
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }

    pub fn with_details(mut self, details: serde_json::Value) -> Self {
        self.details = Some(details);
        self
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::NotFound { .. } => ErrorCode::NotFound,
            StoreError::Invalid(_) => ErrorCode::InvalidInput,
            StoreError::Conflict(_) => ErrorCode::Conflict,
            StoreError::Cancelled => ErrorCode::Cancelled,
            StoreError::Corrupt { .. } => ErrorCode::CorruptLibrary,
            StoreError::MigrationFailed { .. } => ErrorCode::MigrationFailed,
            StoreError::TooNew { .. } => ErrorCode::LibraryTooNew,
            StoreError::DiskFull { .. } => ErrorCode::DiskFull,
            StoreError::Busy => ErrorCode::Busy,
            StoreError::Io { .. } | StoreError::NotWritable { .. } => ErrorCode::Io,
            StoreError::Sqlite(_) => ErrorCode::Internal,
        };
        if code == ErrorCode::Internal {
            tracing::error!(error = %e, "unexpected storage error");
        }
        Self::new(code, e.to_string())
    }
}

impl From<jcc_formats::FormatError> for AppError {
    fn from(e: jcc_formats::FormatError) -> Self {
        Self::new(ErrorCode::ImportFailed, e.to_string())
    }
}

pub type AppResult<T> = Result<T, AppError>;
