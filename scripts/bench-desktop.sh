#!/usr/bin/env bash
# Speed figures of the desktop app on a release build under Xvfb: launch to an
# interactive library, input-to-paint in a 50,000-word entry, idle memory (app + WebKit)
# with a 10,000-entry library, opening and scrolling its list. Usage: scripts/bench-desktop.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
desktop_setup
apt_install xvfb xauth webkit2gtk-driver dbus dbus-x11
cargo_tool tauri-driver tauri-driver
ui_build
say "building the app (release)"
cargo build --release --locked -p jcc-desktop
export JCC_E2E_APP="${CARGO_TARGET_DIR:-$ROOT/target}/release/journal-craft-crew" JCC_REQUIRE_E2E=1
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  cargo test --release --locked -p jcc-e2e --test speed -- --ignored --nocapture
