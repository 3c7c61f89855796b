//! `jcc entry purge`, `jcc journal purge`, `jcc trash empty` and `jcc backup list|prune`:
//! deleted text leaves the library's files, and the backups still holding it are named.

mod common;

use common::Jcc;

const PHRASE: &str = "quillon marzipan lighthouse";

fn on_disk(jcc: &Jcc) -> Vec<u8> {
    let mut bytes = std::fs::read(jcc.library()).unwrap();
    bytes.extend(std::fs::read(jcc.data_dir().join("library.sqlite3-wal")).unwrap_or_default());
    bytes
}

fn holds(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

fn add(jcc: &Jcc, journal: &str, body: &str) -> i64 {
    jcc.json(&["entry", "add", "--journal", journal, "--body", body])["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn purge_commands_delete_for_good_and_name_the_backups_that_still_hold_it() {
    let jcc = Jcc::new();
    jcc.ok(&["journal", "new", "Private"]);
    jcc.ok(&["journal", "new", "Old"]);
    let secret = add(&jcc, "Private", &format!("Tonight: {PHRASE}."));
    let kept = add(&jcc, "Private", "Bread and tea.");
    add(&jcc, "Old", "An old notebook about the quillon.");
    let loose = add(&jcc, "Private", "A stray marzipan thought.");
    // Yesterday's backup: the next run of jcc takes a new daily one, with the phrase in it.
    std::fs::remove_dir_all(jcc.data_dir().join("backups")).unwrap();
    let backups = jcc.json(&["backup", "list"]);
    assert_eq!(backups.as_array().unwrap().len(), 1);
    assert_eq!(backups[0]["holds_purged"], 0);
    assert!(backups[0]["size_bytes"].as_u64().unwrap() > 0);
    let backup = backups[0]["path"].as_str().unwrap().to_string();

    // Asks first: a script must say --yes; and only trashed entries go.
    let err = jcc.fails(&["entry", "purge", &secret.to_string()], 2);
    assert!(err.contains("--yes"), "{err}");
    let err = jcc.fails(&["entry", "purge", &secret.to_string(), "--yes"], 2);
    assert!(err.contains("trash it first"), "{err}");

    jcc.ok(&["entry", "trash", &secret.to_string()]);
    let text = jcc.ok(&["entry", "purge", &secret.to_string(), "--yes"]);
    assert!(text.contains("Deleted entry"), "{text}");
    assert!(text.contains(&backup), "names the backup: {text}");
    assert!(
        text.contains("jcc backup prune --all-before-purge"),
        "{text}"
    );
    assert!(
        !holds(&on_disk(&jcc), PHRASE),
        "the phrase is still in the library's files"
    );
    let hits = jcc.json(&["search", "marzipan", "lighthouse"])["hits"].clone();
    assert_eq!(hits.as_array().unwrap().len(), 0);
    jcc.fails(&["entry", "show", &secret.to_string()], 3);

    let listed = jcc.json(&["backup", "list"]);
    assert_eq!(listed[0]["path"], backup.as_str());
    assert_eq!(listed[0]["holds_purged"], 1);
    assert!(holds(&std::fs::read(&backup).unwrap(), PHRASE));

    // A journal, with its entries.
    jcc.ok(&["journal", "trash", "Old"]);
    let purged = jcc.json(&["journal", "purge", "Old", "--yes"]);
    assert_eq!(
        (purged["entries"].as_i64(), purged["journals"].as_i64()),
        (Some(1), Some(1))
    );
    assert!(!holds(&on_disk(&jcc), "old notebook"));

    // The whole trash.
    jcc.ok(&["entry", "trash", &loose.to_string()]);
    let emptied = jcc.json(&["trash", "empty", "--yes"]);
    assert_eq!(emptied["entries"], 1);
    assert!(!holds(&on_disk(&jcc), "stray marzipan"));
    assert_eq!(
        jcc.json(&["entry", "show", &kept.to_string()])["entry"]["body"],
        "Bread and tea."
    );
    // The backup holds all four purged: two entries, the journal and its entry.
    assert_eq!(jcc.json(&["backup", "list"])[0]["holds_purged"], 4);

    // Pruning: nothing without saying which; then the ones holding deleted text.
    jcc.fails(&["backup", "prune", "--yes"], 2);
    let removed = jcc.json(&["backup", "prune", "--all-before-purge", "--yes"]);
    assert_eq!(removed.as_array().unwrap().len(), 1);
    assert!(!std::path::Path::new(&backup).exists());
    // (This run of jcc takes a fresh daily backup at open: none was left.)
    let left = jcc.json(&["backup", "list"]);
    let left = left.as_array().unwrap();
    assert!(left
        .iter()
        .all(|b| b["holds_purged"] == 0 && b["path"] != backup.as_str()));
}
