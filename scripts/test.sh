#!/usr/bin/env bash
# The whole test suite, with all set-up, on a fresh Debian/Ubuntu machine.
# Usage: scripts/test.sh      (CI runs exactly this through .ci/run)
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
base_setup

say "format"
cargo fmt --all -- --check
say "lint"
cargo clippy --workspace --all-targets --locked -- -D warnings
say "tests"
if command -v cargo-nextest >/dev/null 2>&1; then
  cargo nextest run --workspace --locked --no-fail-fast
  cargo test --workspace --locked --doc
else
  cargo test --workspace --locked --no-fail-fast
fi
say "all green"
