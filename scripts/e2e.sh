#!/usr/bin/env bash
# End-to-end tests of the desktop app: builds the UI and the app, then drives the real
# window with tauri-driver + WebKitWebDriver under Xvfb (a D-Bus session for the keyring
# and single-instance). The crew test talks to a real local model (llm-server.sh); the
# exported books are checked with poppler, qpdf and epubcheck.
# Usage: scripts/e2e.sh [test filter]    (scripts/test.sh runs it)
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
desktop_setup
apt_install xvfb xauth xdotool webkit2gtk-driver dbus dbus-x11 gnome-keyring e2fsprogs
cargo_tool tauri-driver tauri-driver
apt_install poppler-utils qpdf epubcheck default-jre-headless
# Sync in the window: PostgreSQL, the OpenID provider, a Secret Service, and xdg-open
# (which hands the sign-in page to $BROWSER: the test's stand-in browser).
apt_install postgresql libsecret-tools xdg-utils
oidc_install
ui_build
say "building the app, jcc, the sync server and the stand-in browser (debug)"
# jcc too: tests run it as a second writer beside the open window, and as a second device.
cargo build --locked -p jcc-desktop -p jcc-cli -p jcc-sync-server -p jcc-sync-testkit --bins
"$ROOT/scripts/llm-server.sh" --setup-only
# A missing tool fails a test here instead of skipping it (crates/jcc-testkit).
export JCC_REQUIRE_E2E=1 JCC_REQUIRE_LLM="${JCC_REQUIRE_LLM:-1}" JCC_REQUIRE_PRINT_TOOLS=1 \
  JCC_REQUIRE_POSTGRES=1 JCC_REQUIRE_SYNC_STACK=1 JCC_REQUIRE_SECRET_SERVICE=1
say "end-to-end tests in the real window"
# One app at a time: each test launches its own window on a library of its own.
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  cargo test --locked -p jcc-e2e -- --test-threads=1 --nocapture "$@"
