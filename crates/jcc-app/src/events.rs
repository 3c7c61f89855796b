//! Change events, so a UI can follow what the library does without polling.

use serde::{Deserialize, Serialize};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Mutex;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    JournalChanged {
        journal_id: i64,
    },
    EntryChanged {
        entry_id: i64,
        journal_id: i64,
    },
    TagsChanged,
    TemplatesChanged,
    Imported {
        journal_id: i64,
        entries: usize,
    },
    /// Another process (the `jcc` CLI, a second tool, a sync) committed to the library:
    /// the entries and journals it changed, as far as their change times tell. It may
    /// also have changed tags, templates or settings, so views of those refresh too.
    ChangedElsewhere {
        entries: Vec<EntryRef>,
        journals: Vec<i64>,
    },
    /// The daily full check found the library damaged; saves are refused from now on.
    LibraryDamaged {
        reason: String,
    },
}

/// An entry and the journal it is in.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRef {
    pub entry_id: i64,
    pub journal_id: i64,
}

/// Fan-out to every subscriber; a subscriber that went away is dropped quietly.
#[derive(Debug, Default)]
pub struct EventBus {
    subscribers: Mutex<Vec<Sender<Event>>>,
}

impl EventBus {
    pub fn subscribe(&self) -> Receiver<Event> {
        let (tx, rx) = channel();
        self.lock().push(tx);
        rx
    }

    pub fn emit(&self, event: Event) {
        tracing::debug!(?event, "event");
        self.lock().retain(|s| s.send(event.clone()).is_ok());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Sender<Event>>> {
        // A panic while holding this lock cannot leave the list inconsistent.
        self.subscribers.lock().unwrap_or_else(|p| p.into_inner())
    }
}
