#!/usr/bin/env bash
# Builds and opens the Journal Craft Crew desktop app on your library (the same one `jcc`
# uses), installing what it needs on Debian/Ubuntu. Usage: scripts/app.sh [--dev]
#   --dev   a debug build (quicker to build; keeps its own library, "journal-craft-crew-dev")
# JCC_DATA_DIR / JCC_CONFIG_DIR point it at another library.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
desktop_setup
ui_build
if [ "${1:-}" = "--dev" ]; then
  say "building the app (debug)"
  cargo build --locked -p jcc-desktop
  APP="${CARGO_TARGET_DIR:-$ROOT/target}/debug/journal-craft-crew"
else
  say "building the app (release; the first build takes a while)"
  cargo build --release --locked -p jcc-desktop
  APP="${CARGO_TARGET_DIR:-$ROOT/target}/release/journal-craft-crew"
fi
say "opening Journal Craft Crew"
exec "$APP"
