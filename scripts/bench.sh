#!/usr/bin/env bash
# The speed figures the README promises, measured by jcc-bench on a generated diary of
# 100,000 entries (import, search, open, save, start-up), each against its target.
#
#   scripts/bench.sh [jcc-bench run options]     e.g. --entries 20000 --iterations 100
#
# Builds jcc and jcc-bench in release, then writes the table to target/bench/results.md
# (and the raw numbers to target/bench/results.json). Exits 3 when a figure missed its
# target. Libraries are made in the system temp dir; pass --work-dir DIR to use another
# disk (not a tmpfs: there an fsync is free and the save figures mean nothing).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
need_rust

say "building release jcc and jcc-bench"
cargo build --release -p jcc-cli -p jcc-bench

mkdir -p target/bench
say "running jcc-bench run $*"
status=0
target/release/jcc-bench run --jcc target/release/jcc --json-out target/bench/results.json "$@" \
  >target/bench/results.md || status=$?
cat target/bench/results.md
case "$status" in
  0) say "all figures met their targets; table in target/bench/results.md" ;;
  3) say "some figures missed their target (FAIL above); table in target/bench/results.md" ;;
  *) exit "$status" ;;
esac
exit "$status"
