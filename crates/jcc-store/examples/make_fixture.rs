//! Writes a library at a given schema version with a little content, for upgrade tests:
//! `cargo run -p jcc-store --example make_fixture -- 1 tests/fixtures/library-v1.sqlite3`.
//! Run it once per released schema and commit the file; never regenerate an old one.

use rusqlite::Connection;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (version, out) = match args.as_slice() {
        [_, v, out] => (v.parse::<u32>()?, out.clone()),
        _ => return Err("usage: make_fixture VERSION OUT".into()),
    };
    let _ = std::fs::remove_file(&out);
    let mut conn = Connection::open(&out)?;
    jcc_store::connection::migrate_to_version(&mut conn, version)?;
    // Content written with plain SQL as schema 1 defines it, so later code can't shape it.
    conn.execute_batch(
        "INSERT INTO journals (id, uuid, kind, title, created_at, updated_at)
             VALUES (1, 'fixture-journal', 'diary', 'Old Diary', 1700000000000, 1700000000000);
         INSERT INTO entries (id, uuid, journal_id, kind, position, entry_date, title, body, word_count, created_at, updated_at)
             VALUES (1, 'fixture-entry-1', 1, 'free', 1, '2023-11-14', 'First light', 'The café was quiet before sunrise.', 8, 1700000000000, 1700000000000),
                    (2, 'fixture-entry-2', 1, 'free', 2, '2023-11-15', 'Rain', 'Walked home in the rain, happy anyway.', 9, 1700000100000, 1700000100000);
         INSERT INTO tags (id, name) VALUES (1, 'morning');
         INSERT INTO entry_tags (entry_id, tag_id) VALUES (1, 1);
         INSERT INTO revisions (entry_id, title, body, prompt, origin, created_at)
             VALUES (1, 'First light', 'The cafe was quiet.', '', 'writer', 1699999000000);
         PRAGMA wal_checkpoint(TRUNCATE);",
    )?;
    conn.execute_batch("PRAGMA journal_mode = DELETE;")?;
    println!("wrote {out} at schema {version}");
    Ok(())
}
