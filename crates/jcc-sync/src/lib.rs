//! Sync of a Journal Craft Crew library with the writer's other devices.
//!
//! Every change to a journal, entry (with its tags and attachments), template, file or the
//! author profile becomes an immutable revision (a full snapshot with its parents), kept in
//! the library and sent end-to-end encrypted; the server only stores envelopes. Where two
//! devices changed one thing, the layered three-way merge of `jcc-merge` joins them; a
//! paragraph both changed differently is kept in both versions and the entry is marked for
//! review. Never a conflict copy, never a lost word.
//!
//! No Tauri and no keyring here: the application layer keeps the account key and the
//! session in the OS keyring and passes them in.

pub mod account;
pub mod engine;
pub mod error;
pub mod keys;
pub mod local;
pub mod merge;
pub mod payload;
pub mod remote;
pub mod review;
pub mod status;

pub use account::Secret;
pub use engine::{device_id, sync_now, Account, Options, Outcome};
pub use error::{Result, SyncError};
pub use keys::{AccountKey, NewAccount};
pub use remote::{HttpRemote, Remote, Renew};
