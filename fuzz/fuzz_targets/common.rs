//! Checks every importer's output must pass, whatever the input.
#![allow(dead_code)] // each target uses part of it

use std::collections::HashSet;

use jcc_formats::{ImportBatch, PortableEntry, ENTRY_KINDS};

/// What the store relies on for one entry.
pub fn check_entry(e: &PortableEntry) {
    assert!(ENTRY_KINDS.contains(&e.kind.as_str()), "kind {:?}", e.kind);
    assert!(e.writing_lines >= 0, "writing_lines {}", e.writing_lines);
    assert!(!e.source_key.is_empty(), "empty source key");
    assert!(
        e.tags.iter().all(|t| !t.trim().is_empty()),
        "empty tag in {:?}",
        e.tags
    );
}

/// What the store relies on for a batch: valid entries, unique source keys (the
/// store's unique index), positions in order.
pub fn check_batch(b: &ImportBatch) {
    let mut keys = HashSet::new();
    for e in &b.entries {
        check_entry(e);
        assert!(
            keys.insert(e.source_key.as_str()),
            "duplicate key {:?}",
            e.source_key
        );
    }
    assert!(
        b.entries.windows(2).all(|w| w[0].position <= w[1].position),
        "positions out of order"
    );
    assert!(
        b.problems.iter().all(|p| !p.reason.is_empty()),
        "problem without a reason"
    );
}
