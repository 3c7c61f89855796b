#!/usr/bin/env bash
# Fuzz every importer in crates/jcc-formats for SECONDS each (default 60).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Targets: markdown_entry jrnl_json dayone_json dayone_zip jcc_json (all by default).
# Only a stable toolchain is available, and cargo-fuzz passes nightly-only -Z flags
# (sanitizer, coverage passes); RUSTC_BOOTSTRAP=1 makes stable rustc accept them.
# Crashes land in fuzz/artifacts/<target>/; reproduce one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run <target> fuzz/artifacts/<target>/<file>   (from fuzz/)
# The growing corpus is kept in fuzz/corpus/<target>/ (git-ignored); fuzz/seeds/ is committed.
set -euo pipefail

seconds="${1:-60}"
shift || true
case "$seconds" in
  '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(markdown_entry jrnl_json dayone_json dayone_zip jcc_json)
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/fuzz"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is missing; installing it (a few minutes)..." >&2
  cargo install cargo-fuzz --locked
fi

export RUSTC_BOOTSTRAP=1
cargo fuzz build

failed=()
for target in "${targets[@]}"; do
  case "$target" in
    markdown_entry) dict=dicts/markdown.dict ;;
    *) dict=dicts/json.dict ;;
  esac
  mkdir -p "corpus/$target"
  echo "=== $target: ${seconds}s ===" >&2
  # corpus/ first: libFuzzer writes new inputs to the first folder and only reads seeds/.
  if ! cargo fuzz run "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -dict="$dict" -max_len=65536 -rss_limit_mb=2048 \
    -timeout=10 -print_final_stats=1; then
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found crashes in: ${failed[*]} (see fuzz/artifacts/)" >&2
  exit 1
fi
echo "fuzzing finished without crashes: ${targets[*]}" >&2
