//! Starting with the session (Tauri's autostart plugin) on a real disk: off at first; on, it
//! writes the session's autostart entry, which starts the app in the tray; off removes it.
//! On Linux the entry is `~/.config/autostart/<app>.desktop`, so this test (alone in its
//! binary, as it changes `HOME`) points `HOME` at a temporary folder.

use jcc_desktop::{autostart, run_app, Desktop};

#[test]
fn start_with_the_session_is_off_until_turned_on_and_then_starts_in_the_tray() {
    let home = tempfile::tempdir().unwrap();
    std::env::set_var("HOME", home.path());
    let desktop = Desktop::new(jcc_app::App::in_memory().unwrap());
    let context = tauri::test::mock_context(tauri::test::noop_assets());
    let builder = tauri::test::mock_builder().plugin(autostart::plugin());
    let app = run_app(builder, context, desktop).unwrap();
    let manager = autostart::manager(app.handle()).unwrap();
    let handle = &*manager;

    assert!(!autostart::is_on(handle).unwrap(), "off until turned on");
    assert!(autostart::set(handle, true).unwrap());
    assert!(autostart::is_on(handle).unwrap());
    let dir = home.path().join(".config/autostart");
    let entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let entry = std::fs::read_to_string(&entries[0]).unwrap();
    let exec = entry
        .lines()
        .find(|l| l.starts_with("Exec="))
        .unwrap_or_else(|| panic!("no Exec line in {entry}"));
    assert!(exec.contains("--in-tray"), "{exec}");

    assert!(!autostart::set(handle, false).unwrap());
    assert!(!autostart::is_on(handle).unwrap());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}
