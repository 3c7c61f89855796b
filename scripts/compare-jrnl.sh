#!/usr/bin/env bash
# Times jcc against jrnl (the plain-text journal CLI) on the same generated diary:
# a word search, a tag filter, a JSON and a Markdown export (time and peak memory) and the
# tag list. Prints a Markdown table and writes it to target/bench/compare-jrnl.md.
#
#   scripts/compare-jrnl.sh [ENTRIES]        (default 10000)
#
# Environment: RUNS (timed runs per command, default 10), SEED (default 1),
# JRNL_VERSION (default 4.6), TIMER (auto|hyperfine|loop; auto uses hyperfine if present),
# JCC_BIN and JCC_BENCH_BIN (time this jcc, with the corpus from this jcc-bench, instead
# of building both in release; e.g. an older build for a before/after comparison).
#
# jrnl is installed from PyPI into a venv outside the repo,
# ${XDG_CACHE_HOME:-$HOME/.cache}/jcc/jrnl-venv (kept for the next run). hyperfine comes
# from Debian (installed when missing and we are root); without it a Python timing loop
# takes the medians. Everything else lives in a temp dir that is removed at the end:
# the jcc library (JCC_DATA_DIR), jrnl's config (--config-file, no encryption) and its
# journal file. Your own jcc library and jrnl config are never touched.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
need_rust

entries="${1:-10000}"
runs="${RUNS:-10}"
seed="${SEED:-1}"
jrnl_version="${JRNL_VERSION:-4.6}"
case "$entries$runs$seed" in
  *[!0-9]*) echo "usage: scripts/compare-jrnl.sh [ENTRIES]  (RUNS and SEED are numbers)" >&2; exit 2 ;;
esac

venv="${XDG_CACHE_HOME:-$HOME/.cache}/jcc/jrnl-venv"
if [ ! -x "$venv/bin/jrnl" ]; then
  say "installing jrnl $jrnl_version into $venv"
  command -v python3 >/dev/null || apt_install python3 python3-venv
  python3 -m venv "$venv" || { apt_install python3-venv && python3 -m venv "$venv"; }
  "$venv/bin/pip" install --quiet --disable-pip-version-check "jrnl==$jrnl_version"
fi
jrnl_about="$("$venv/bin/jrnl" --version)"
say "using ${jrnl_about%%$'\n'*}"

if ! command -v hyperfine >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] && [ "${TIMER:-auto}" != loop ]; then
  apt_install hyperfine || say "hyperfine could not be installed; timing with a Python loop"
fi

if [ -n "${JCC_BIN:-}" ] && [ -n "${JCC_BENCH_BIN:-}" ]; then
  say "timing $JCC_BIN (corpus from $JCC_BENCH_BIN); nothing built"
else
  say "building release jcc and jcc-bench"
  cargo build --release -p jcc-cli -p jcc-bench
fi
jcc="${JCC_BIN:-$ROOT/target/release/jcc}"
bench="${JCC_BENCH_BIN:-$ROOT/target/release/jcc-bench}"

work="$(mktemp -d -t jcc-vs-jrnl.XXXXXX)"
trap 'rm -rf "$work"' EXIT

say "generating $entries entries (seed $seed)"
"$bench" corpus --entries "$entries" --seed "$seed" --out "$work/corpus"
journal="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["journal"])' "$work/corpus/words.json")"

export JCC_DATA_DIR="$work/jcc-data" JCC_CONFIG_DIR="$work/jcc-config"
say "importing corpus.json into a fresh jcc library"
start=$(date +%s.%N)
"$jcc" import "$work/corpus/corpus.json" --journal "$journal" --format json
say "jcc import took $(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f} s')" "$start" "$(date +%s.%N)")"

# jrnl reads the plain-text journal in place; its config says where, with no encryption.
# XDG dirs point into the temp dir too, so jrnl can't find or change a real config.
mkdir -p "$work/jrnl-xdg/config" "$work/jrnl-xdg/data"
export XDG_CONFIG_HOME="$work/jrnl-xdg/config" XDG_DATA_HOME="$work/jrnl-xdg/data"
jrnl_config="$work/jrnl-config.yaml"
cat >"$jrnl_config" <<EOF
version: "$jrnl_version"
journals:
  default:
    journal: $work/corpus/jrnl.txt
    encrypt: false
editor: ""
encrypt: false
template: false
default_hour: 9
default_minute: 0
timeformat: "%Y-%m-%d %H:%M"
tagsymbols: "@"
highlight: true
linewrap: 79
indent_character: "|"
colors:
  body: none
  date: none
  tags: none
  title: none
EOF

mkdir -p "$ROOT/target/bench"
before="$(sha256sum <"$work/corpus/jrnl.txt")"
status=0
python3 "$ROOT/scripts/compare_jrnl.py" \
  --jrnl "$venv/bin/jrnl" --jrnl-config "$jrnl_config" --jcc "$jcc" \
  --words "$work/corpus/words.json" --runs "$runs" --timer "${TIMER:-auto}" \
  --workdir "$work" | tee "$ROOT/target/bench/compare-jrnl.md" || status=$?
# jrnl only reads its journal here; had it rewritten it, the runs would not compare.
[ "$(sha256sum <"$work/corpus/jrnl.txt")" = "$before" ] || say "warning: jrnl rewrote its journal file during the run"
say "table written to target/bench/compare-jrnl.md"
exit "$status"
