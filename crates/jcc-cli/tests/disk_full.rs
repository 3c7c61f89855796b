//! A full disk: the save that doesn't fit fails with a clear message and exit code 7, and
//! every earlier save is intact. Runs `jcc` on a 1 MiB tmpfs inside a private mount
//! namespace (needs root or user namespaces, as CI has; elsewhere a loud skip, and a
//! failure under `JCC_REQUIRE_DISK_FULL=1`).

use std::process::Command;

#[test]
fn a_full_disk_loses_nothing_already_saved() {
    if !jcc_testkit::mount_namespace() {
        return;
    }
    let jcc = assert_cmd::cargo::cargo_bin("jcc");
    let script = r#"
        set -u
        mnt=$(mktemp -d)
        err=$(mktemp)
        mount -t tmpfs -o size=1m tmpfs "$mnt" || exit 90
        export JCC_DATA_DIR="$mnt/data" JCC_CONFIG_DIR="$mnt/config" NO_COLOR=1
        "$JCC" journal new Diary >/dev/null || exit 91
        big=$(head -c 60000 /dev/zero | tr '\0' 'x')
        saved=0
        for i in $(seq 1 200); do
          if "$JCC" entry add --journal Diary --body "entry $i $big" >/dev/null 2>"$err"; then
            saved=$i
          else
            code=$?
            break
          fi
        done
        echo "saved=$saved code=${code:-none}"
        cat "$err"
        # Free some space the way a writer would (not the library), then check everything.
        rm -rf "$mnt/data/backups" "$mnt/data/logs"
        "$JCC" entry list --journal Diary --json | grep -c '"body": "entry ' | sed 's/^/listed=/'
        "$JCC" doctor >/dev/null && echo doctor=ok
    "#;
    let out = Command::new("unshare")
        .args(["-m", "--propagation", "private", "sh", "-c", script])
        .env("JCC", jcc)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let field = |name: &str| -> String {
        text.split_whitespace()
            .find_map(|w| w.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("no {name} in: {text}"))
            .to_string()
    };
    let saved: usize = field("saved").parse().unwrap();
    assert!(saved > 0, "some entries fit: {text}");
    assert_eq!(field("code"), "7", "a full disk is exit code 7: {text}");
    assert!(
        text.contains("disk is full"),
        "the message says what happened: {text}"
    );
    assert_eq!(
        field("listed").parse::<usize>().unwrap(),
        saved,
        "every acknowledged save is there: {text}"
    );
    assert_eq!(field("doctor"), "ok", "{text}");
}
