#!/usr/bin/env bash
# Builds jcc and walks through a short demo on a demo library: create a journal, write,
# search, see history, export (Markdown, JSON, a print-ready PDF, an EPUB). Usage: scripts/demo.sh
# The demo library lives in ./demo-library (set JCC_DATA_DIR to put it elsewhere), so your
# real library is never touched.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
base_setup
say "building jcc (release)"
cargo build --release --locked -p jcc-cli
JCC="${CARGO_TARGET_DIR:-$ROOT/target}/release/jcc"
export JCC_DATA_DIR="${JCC_DATA_DIR:-$ROOT/demo-library}" JCC_CONFIG_DIR="${JCC_CONFIG_DIR:-$ROOT/demo-library/config}"
rm -rf "$JCC_DATA_DIR"
run() { printf '\n\033[36m$ jcc %s\033[0m\n' "$*"; "$JCC" "$@"; }

run journal new "Morning Pages" --subtitle "Three pages before coffee"
run entry add --journal "Morning Pages" --date 2026-03-01 --title "Harbour light" --tag walk --tag morning \
  --body "Morning light over the harbour. A quiet walk to the café, where I finally finished the résumé."
run entry add --journal "Morning Pages" --date 2026-03-02 --title "Rain" --tag walk --star \
  --body "Rain all day. Walked anyway and came home soaked and strangely happy."
echo "Wrote this from a pipe: what I want from this spring is more time outside." |
  "$JCC" entry add --journal "Morning Pages" --date 2026-03-03 --tag plans >/dev/null
run template use "Gratitude" --journal "Morning Pages" --date 2026-03-04
run entry list --journal "Morning Pages"
run search cafe resume
run search '"strangely happy"'
run search tag:walk after:2026-02-28 -rain
run entry edit 1 --body "Evening light over the harbour now."
run entry history 1
run entry revert 1 1
run stats --journal "Morning Pages" --days 5
run export "Morning Pages" --format md -o "$JCC_DATA_DIR/export-md"
run export "Morning Pages" --format json -o "$JCC_DATA_DIR/export.json"
run author set --name "Ada Writer" --year 2026
run export "Morning Pages" --format pdf --trim 5x8 -o "$JCC_DATA_DIR/morning-pages.pdf"
run export "Morning Pages" --format epub -o "$JCC_DATA_DIR/morning-pages.epub"
run import "$JCC_DATA_DIR/export.json" --journal "Morning Pages (copy)"
run crew themes
run llm list     # your endpoints, or the local model servers (Ollama, llama.cpp) it finds
run journal list
run doctor
printf '\nDemo library: %s\nUse it:  JCC_DATA_DIR=%s %s --help\nInstall: cargo install --locked --path crates/jcc-cli\n' \
  "$JCC_DATA_DIR" "$JCC_DATA_DIR" "$JCC"
