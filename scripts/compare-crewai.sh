#!/usr/bin/env bash
# Runs the same crew shape with jcc's crew engine and with CrewAI against ONE instant
# OpenAI-compatible server, and prints per-run and per-step times side by side with the
# ratio (CrewAI / jcc). Writes the table to <target dir>/bench/compare-crewai.md.
#
#   scripts/compare-crewai.sh [STEPS]        (default 10)
#
# Environment: RUNS (timed runs per side, default 20), WARMUP (default 2),
# CREWAI_VERSION (default 1.15.30).
#
# CrewAI is installed from PyPI into a venv outside the repo,
# ${XDG_CACHE_HOME:-$HOME/.cache}/jcc/crewai-venv (kept for the next run). Its telemetry
# and tracing are off, and its app data (task-output SQLite files) goes to a temp dir
# that is removed at the end. The server is a small threaded Python http.server in
# compare_crewai.py that answers every chat completion at once; jcc is the release
# build of crates/jcc-crew/examples/overhead.rs pointed at it with --server.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
need_rust

steps="${1:-10}"
runs="${RUNS:-20}"
warmup="${WARMUP:-2}"
crewai_version="${CREWAI_VERSION:-1.15.30}"
case "$steps$runs$warmup" in
  *[!0-9]*) echo "usage: scripts/compare-crewai.sh [STEPS]  (RUNS and WARMUP are numbers)" >&2; exit 2 ;;
esac

venv="${XDG_CACHE_HOME:-$HOME/.cache}/jcc/crewai-venv"
installed="$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("crewai"))' 2>/dev/null || true)"
if [ "$installed" != "$crewai_version" ]; then
  say "installing crewai $crewai_version into $venv"
  command -v python3 >/dev/null || apt_install python3 python3-venv
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))' || {
    echo "CrewAI needs Python 3.10 or newer; python3 is $(python3 --version 2>&1)" >&2
    exit 1
  }
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv" || { apt_install python3-venv && python3 -m venv "$venv"; }
  "$venv/bin/pip" install --quiet --disable-pip-version-check "crewai==$crewai_version"
fi
say "using crewai $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("crewai"))')"

say "building the release overhead example"
# Ask cargo where the binary is, so CARGO_TARGET_DIR (or a configured target dir) is honoured.
overhead="$(cargo build --release -p jcc-crew --example overhead --message-format=json-render-diagnostics |
  python3 -c '
import json, sys
exe = ""
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == "overhead" and m.get("executable"):
        exe = m["executable"]
print(exe)')"
[ -x "$overhead" ] || { echo "cargo did not report the overhead example's binary" >&2; exit 1; }
target_dir="$(dirname "$(dirname "$(dirname "$overhead")")")"

work="$(mktemp -d -t jcc-vs-crewai.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# Telemetry and tracing off; CrewAI's app data goes into the temp dir (appdirs follows
# XDG_DATA_HOME), never into the user's own data dir.
export CREWAI_DISABLE_TELEMETRY=true OTEL_SDK_DISABLED=true CREWAI_DISABLE_TRACKING=true
export CREWAI_TRACING_ENABLED=false CREWAI_STORAGE_DIR=jcc-compare XDG_DATA_HOME="$work/data"

mkdir -p "$target_dir/bench"
say "running $steps steps x $runs runs on each side (after $warmup warm-up runs)"
"$venv/bin/python" "$ROOT/scripts/compare_crewai.py" --jcc "$overhead" \
  --steps "$steps" --runs "$runs" --warmup "$warmup" --markdown "$target_dir/bench/compare-crewai.md"
say "table written to $target_dir/bench/compare-crewai.md"
