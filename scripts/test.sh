#!/usr/bin/env bash
# The whole test suite, with all set-up, on a fresh Debian/Ubuntu machine.
# Usage: scripts/test.sh      (CI runs exactly this through .ci/run)
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
# The desktop app: Tauri's system libraries, Node.js and the UI's packages; the window's
# end-to-end tests need Xvfb, WebKitWebDriver and tauri-driver.
desktop_setup
apt_install xvfb xauth xdotool webkit2gtk-driver
cargo_tool tauri-driver tauri-driver
# The book export's print and ebook checks read PDFs and EPUBs with these tools.
apt_install poppler-utils qpdf epubcheck fonts-dejavu-core default-jre-headless \
  fonts-wqy-microhei fonts-noto-color-emoji
# The crew: a real Secret Service for the keyring test, and a real local model
# (llama.cpp server + SmolLM2, cached in ~/.cache/jcc; only the first run builds it).
apt_install gnome-keyring dbus dbus-x11 libsecret-tools python3-venv
"$ROOT/scripts/llm-server.sh" --setup-only
# Sync sign-in: a real OpenID provider (npm oidc-provider on Node.js, scripts/oidc).
oidc_install
# The sync server's tests: Debian's PostgreSQL (each test starts a throwaway cluster), and
# openssl to make a private CA for the TLS-to-the-database test.
apt_install postgresql openssl
# The test runner: the same on every machine (each test in its own process).
cargo_tool cargo-nextest cargo-nextest
# Every test that needs one of the tools above fails here rather than skipping
# (crates/jcc-testkit; the full-disk test mounts a tmpfs in a private namespace, as root).
export JCC_REQUIRE_LLM=1 JCC_REQUIRE_SECRET_SERVICE=1 JCC_REQUIRE_PRINT_TOOLS=1 \
  JCC_REQUIRE_DISK_FULL=1 JCC_REQUIRE_SYNC_STACK=1 JCC_REQUIRE_POSTGRES=1

say "format"
cargo fmt --all -- --check
say "the UI: types, lint, unit tests, build"
(cd ui && npm run typecheck && npm run lint && npm test && npm run build)
say "lint"
cargo clippy --workspace --all-targets --locked -- -D warnings
say "tests"
cargo nextest run --workspace --locked --no-fail-fast -E 'not binary(crew_real_llm) and not binary(crew_local_model) and not package(jcc-e2e)'
cargo test --workspace --locked --doc
# Again with every transaction SERIALIZABLE, as on CockroachDB: the 40001 retry path.
say "the sync server under default_transaction_isolation=serializable"
JCC_SYNC_TEST_SERIALIZABLE=1 cargo nextest run --locked --no-fail-fast -p jcc-sync-server
# Alone, so the model server has the machine's cores to itself.
say "the crew against a real local model (SmolLM2 on llama.cpp's server)"
cargo nextest run --workspace --locked --no-capture -E 'binary(crew_real_llm)'
say "the model inside the app from jcc: llm test, then the crew through jcc llm serve (the window runs it with no server in the e2e)"
cargo nextest run --workspace --locked --no-capture -j 1 -E 'binary(crew_local_model)'
say "the desktop app end to end (real window, Xvfb, WebDriver)"
"$ROOT/scripts/e2e.sh"
say "all green"
