//! The layered three-way merge that keeps every writer's words.
//!
//! Two writers of one library (the window and `jcc`, later two synced devices) each start
//! from a common version (the base) and save their own. [`merge_text`] merges the two
//! texts against the base: paragraphs first, then words inside a paragraph both changed;
//! where both inserted at the same place both are kept; an edit beats a deletion; what
//! still cannot merge keeps both versions of that paragraph next to each other and is
//! counted, so the entry can be marked for review. Never conflict markers, never a lost
//! or doubled word. [`merge_tags`] and [`merge_field`] merge the rest of an entry.
//!
//! "Ours" is the version saved first (already in the library), "theirs" the one saved
//! after it; where both are kept, ours comes first.

mod fields;
mod seq;
mod text;

pub use fields::{merge_field, merge_tags, FieldMerge};
pub use seq::{merge3, Region};
pub use text::{merge_text, paragraphs, TextMerge};
