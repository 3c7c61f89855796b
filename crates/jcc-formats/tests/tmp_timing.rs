use jcc_formats::*;
#[test]
fn timing() {
    let dir = tempfile::tempdir().unwrap();
    let entries = (0..3000).map(|i| PortableEntry { uuid: Some(format!("u{i}")), position: i, title: format!("Entry {i}"), ..Default::default() }).collect();
    let journal = PortableJournal::new(Default::default(), entries);
    let t = std::time::Instant::now();
    write_markdown(&journal, dir.path()).unwrap();
    eprintln!("write {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let b = read(dir.path(), Format::Markdown).unwrap();
    eprintln!("read {:?} {}", t.elapsed(), b.entries.len());
    eprintln!("tmpdir {:?}", dir.path());
}
