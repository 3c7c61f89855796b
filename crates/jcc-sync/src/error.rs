//! What can go wrong in a sync, each with what the writer can do about it.

use thiserror::Error;

pub type Result<T> = std::result::Result<T, SyncError>;

#[derive(Debug, Error)]
pub enum SyncError {
    #[error("{0}")]
    Store(#[from] jcc_store::StoreError),
    #[error("the sync records in this library are damaged: {0}; run `jcc doctor`")]
    Local(#[from] rusqlite::Error),
    #[error("{0}")]
    Keys(String),
    /// A wrong passphrase or recovery key: nothing was downloaded or written.
    #[error("that {0} does not unlock this account's key; nothing was downloaded or changed. Check it and try again")]
    WrongSecret(&'static str),
    #[error("this device is not set up for sync yet: run `jcc sync login --server URL`, then `jcc sync setup` (first device) or `jcc sync unlock` (others)")]
    NotSetUp,
    #[error("the account's key is not on this device: run `jcc sync unlock --passphrase-stdin` (or `--recovery-key-stdin`)")]
    Locked,
    #[error("the account already has keys (set up on another device): run `jcc sync unlock` here instead")]
    AlreadySetUp,
    #[error("the account has no keys yet: run `jcc sync setup` on your first device")]
    NoKeys,
    /// The server refused the session: sign in again.
    #[error("the sync sign-in has expired or was revoked: run `jcc sync login` again")]
    SignedOut,
    #[error("cannot reach the sync server at {url}: {reason}. Your changes are kept and will be sent on the next sync")]
    Unreachable { url: String, reason: String },
    #[error("the sync server refused the request ({status} {code}): {message}")]
    Server {
        status: u16,
        code: String,
        message: String,
    },
    /// A revision from the server did not decrypt: it was not made with this account's key,
    /// or it was changed or moved on the server.
    #[error("a revision from the server failed its integrity check ({0}); it was not applied. If this repeats, tell the server's operator")]
    Tampered(String),
    #[error("this sync would delete {deleting} of your {total} entries; nothing was deleted. If that is what you want, run `jcc sync now --allow-mass-delete`")]
    MassDelete { deleting: usize, total: usize },
}
