//! Merging two revisions of one thing against their common ancestor, field by field, with
//! the layered text merge for entry text. Deterministic: the same three inputs give the
//! same record on every device (the earlier revision's side is always "ours").

use jcc_merge::{merge_field, merge_tags, merge_text};
use jcc_store::sync_records::{EntryRecord, JournalRecord, Record, TemplateRecord};

/// A merged record (`None`: deleted) and the paragraphs kept in both versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub record: Option<Record>,
    pub conflicts: i64,
}

/// Merges `earlier` and `later` (ordered by their revisions' clocks) against `base`.
pub fn merge_records(
    base: Option<&Record>,
    earlier: Option<&Record>,
    later: Option<&Record>,
) -> Merged {
    let clean = |record: Option<&Record>| Merged {
        record: record.cloned(),
        conflicts: 0,
    };
    match (earlier, later) {
        (None, None) => clean(None),
        // An edit beats a deletion; a deletion of what the other side left alone stands.
        (None, Some(edit)) | (Some(edit), None) => {
            if base == Some(edit) {
                clean(None)
            } else {
                clean(Some(edit))
            }
        }
        (Some(a), Some(b)) if a == b => clean(Some(a)),
        (Some(a), Some(b)) => match (base, a, b) {
            (base, Record::Entry(x), Record::Entry(y)) => {
                let empty;
                let base = match base {
                    Some(Record::Entry(e)) => e,
                    _ => {
                        empty = blank_entry(x);
                        &empty
                    }
                };
                let (record, conflicts) = merge_entries(base, x, y);
                Merged {
                    record: Some(Record::Entry(record)),
                    conflicts,
                }
            }
            (Some(Record::Journal(base)), Record::Journal(x), Record::Journal(y)) => {
                clean(Some(&Record::Journal(merge_journals(base, x, y))))
            }
            (Some(Record::Template(base)), Record::Template(x), Record::Template(y)) => {
                let body = merge_text(&base.body, &x.body, &y.body);
                Merged {
                    record: Some(Record::Template(TemplateRecord {
                        name: f(&base.name, &x.name, &y.name),
                        category: f(&base.category, &x.category, &y.category),
                        body: body.text,
                    })),
                    conflicts: body.conflicts as i64,
                }
            }
            // Whole values (the author profile, files, things made on two devices at
            // once): three-way where there is a base, else the later one.
            (Some(base), a, b) => clean(Some(&f(base, a, b))),
            (None, _, b) => clean(Some(b)),
        },
    }
}

fn blank_entry(like: &EntryRecord) -> EntryRecord {
    EntryRecord {
        title: String::new(),
        body: String::new(),
        prompt: String::new(),
        tags: Vec::new(),
        attachments: Vec::new(),
        review_merge: false,
        starred: false,
        ..like.clone()
    }
}

/// A field three ways: one side's change wins over no change; a true conflict goes to the
/// later side (the earlier value stays in that revision's history).
fn f<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> T {
    merge_field(base, ours, theirs).value
}

fn merge_entries(base: &EntryRecord, x: &EntryRecord, y: &EntryRecord) -> (EntryRecord, i64) {
    let title = merge_text(&base.title, &x.title, &y.title);
    let body = merge_text(&base.body, &x.body, &y.body);
    let prompt = merge_text(&base.prompt, &x.prompt, &y.prompt);
    let conflicts = (title.conflicts + body.conflicts + prompt.conflicts) as i64;
    let mut tags = merge_tags(&base.tags, &x.tags, &y.tags);
    tags.sort_by_key(|t| (t.to_lowercase(), t.clone()));
    let mut attachments: Vec<(String, String)> = x
        .attachments
        .iter()
        .chain(&y.attachments)
        .filter(|a| {
            // Kept unless one side removed it and the other did not add it back.
            let in_base = base.attachments.contains(a);
            !in_base || (x.attachments.contains(a) && y.attachments.contains(a))
        })
        .cloned()
        .collect();
    attachments.sort();
    attachments.dedup();
    let record = EntryRecord {
        journal: f(&base.journal, &x.journal, &y.journal),
        kind: f(&base.kind, &x.kind, &y.kind),
        position: f(&base.position, &x.position, &y.position),
        date: f(&base.date, &x.date, &y.date),
        day: f(&base.day, &x.day, &y.day),
        title: title.text,
        body: body.text,
        prompt: prompt.text,
        writing_lines: f(&base.writing_lines, &x.writing_lines, &y.writing_lines),
        starred: f(&base.starred, &x.starred, &y.starred),
        tags,
        attachments,
        review_merge: x.review_merge || y.review_merge || conflicts > 0,
        created_at: x.created_at.min(y.created_at),
        trashed_at: f(&base.trashed_at, &x.trashed_at, &y.trashed_at),
    };
    (record, conflicts)
}

fn merge_journals(base: &JournalRecord, x: &JournalRecord, y: &JournalRecord) -> JournalRecord {
    JournalRecord {
        kind: f(&base.kind, &x.kind, &y.kind),
        title: f(&base.title, &x.title, &y.title),
        subtitle: f(&base.subtitle, &x.subtitle, &y.subtitle),
        theme: f(&base.theme, &x.theme, &y.theme),
        author_voice: f(&base.author_voice, &x.author_voice, &y.author_voice),
        settings: f(&base.settings, &x.settings, &y.settings),
        created_at: x.created_at.min(y.created_at),
        trashed_at: f(&base.trashed_at, &x.trashed_at, &y.trashed_at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(body: &str, tags: &[&str]) -> Record {
        Record::Entry(EntryRecord {
            journal: "j".into(),
            kind: "free".into(),
            position: 0,
            date: Some("2026-12-01".into()),
            day: None,
            title: "Monday".into(),
            body: body.into(),
            prompt: String::new(),
            writing_lines: 0,
            starred: false,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            attachments: vec![],
            review_merge: false,
            created_at: 1,
            trashed_at: None,
        })
    }

    fn body(m: &Merged) -> (&str, &[String], bool) {
        match &m.record {
            Some(Record::Entry(e)) => (&e.body, &e.tags, e.review_merge),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn edits_to_different_paragraphs_and_tags_both_land() {
        let base = entry("Rain.\n\nTea.", &["home"]);
        let a = entry("Rain all day.\n\nTea.", &["home", "rain"]);
        let b = entry("Rain.\n\nTea with Sam.", &["tea"]);
        let m = merge_records(Some(&base), Some(&a), Some(&b));
        let (text, tags, review) = body(&m);
        assert_eq!(text, "Rain all day.\n\nTea with Sam.");
        assert_eq!(tags, ["rain", "tea"]);
        assert!(!review);
        assert_eq!(m.conflicts, 0);
    }

    #[test]
    fn the_same_words_changed_twice_keep_both_and_ask_for_review() {
        let base = entry("We met at noon.", &[]);
        let a = entry("We met at one.", &[]);
        let b = entry("We met at two.", &[]);
        let m = merge_records(Some(&base), Some(&a), Some(&b));
        let (text, _, review) = body(&m);
        assert!(text.contains("one") && text.contains("two"), "{text}");
        assert!(review);
        assert_eq!(m.conflicts, 1);
        // Deterministic: the same inputs, the same result.
        assert_eq!(m, merge_records(Some(&base), Some(&a), Some(&b)));
    }

    #[test]
    fn an_edit_beats_a_deletion_and_an_untouched_thing_is_deleted() {
        let base = entry("Rain.", &[]);
        let edited = entry("Rain and wind.", &[]);
        let m = merge_records(Some(&base), None, Some(&edited));
        assert_eq!(m.record, Some(edited.clone()));
        let m = merge_records(Some(&base), Some(&edited), None);
        assert_eq!(m.record, Some(edited));
        let m = merge_records(Some(&base), Some(&base), None);
        assert_eq!(m.record, None);
    }

    #[test]
    fn two_entries_made_apart_with_no_ancestor_keep_both_texts() {
        let a = entry("Written on the laptop.", &["a"]);
        let b = entry("Written on the desktop.", &["b"]);
        let m = merge_records(None, Some(&a), Some(&b));
        let (text, tags, _) = body(&m);
        assert!(
            text.contains("laptop") && text.contains("desktop"),
            "{text}"
        );
        assert_eq!(tags, ["a", "b"]);
    }
}
