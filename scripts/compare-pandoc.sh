#!/usr/bin/env bash
# Times jcc's EPUB export against pandoc on the same 365-entry, ~150,000-word diary:
# jcc exports the diary to Markdown (`jcc export --format md`), pandoc turns those
# files into an EPUB, and jcc writes its own EPUB from the library. Prints both times
# (medians), the ratio, both sizes and epubcheck's verdict on each.
#
#   scripts/compare-pandoc.sh            RUNS=5 by default
#
# pandoc and epubcheck come from Debian (installed when missing). Everything lives in a
# temp dir removed at the end; your own library is never touched.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
need_rust
runs="${RUNS:-5}"
case "$runs" in *[!0-9]*|"") echo "RUNS must be a number" >&2; exit 2 ;; esac

apt_install pandoc epubcheck default-jre-headless
say "building release jcc and the book benchmark"
cargo build --release --locked -p jcc-cli
cargo build --release --locked -p jcc-book --example bench
jcc="${CARGO_TARGET_DIR:-$ROOT/target}/release/jcc"

work="$(mktemp -d -t jcc-vs-pandoc.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export JCC_DATA_DIR="$work/data" JCC_CONFIG_DIR="$work/config"

say "generating the diary and importing it"
"${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/bench" --write-diary-json "$work/diary.json"
"$jcc" import "$work/diary.json" --journal Diary --format json >/dev/null
"$jcc" export Diary --format md -o "$work/md" >/dev/null
words=$(cat "$work"/md/*.md | wc -w)

# Median wall time in seconds of running "$@" $runs times.
median() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    times+=("$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$end")")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

pandoc_epub() {
  (cd "$work/md" && pandoc --from markdown --to epub3 --toc --metadata title="A Year by the Harbour" \
    --metadata lang=en -o "$work/pandoc.epub" [0-9]*.md)
}
jcc_epub() { "$jcc" export Diary --format epub -o "$work/jcc.epub"; }

say "timing $runs runs each"
t_pandoc=$(median pandoc_epub)
t_jcc=$(median jcc_epub)

check() {
  java -jar /usr/share/java/epubcheck.jar "$1" 2>&1 | grep '^Messages:' || echo "epubcheck: no verdict"
}
size() { python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1]) / 1024:.0f} KB')" "$1"; }

echo
echo "Diary: 365 entries, $words words of Markdown (pandoc $(pandoc --version | head -1 | cut -d' ' -f2))"
printf '%-8s %10s %10s  %s\n' tool "time (s)" size epubcheck
printf '%-8s %10.3f %10s  %s\n' pandoc "$t_pandoc" "$(size "$work/pandoc.epub")" "$(check "$work/pandoc.epub")"
printf '%-8s %10.3f %10s  %s\n' jcc "$t_jcc" "$(size "$work/jcc.epub")" "$(check "$work/jcc.epub")"
python3 -c "import sys; p, j = map(float, sys.argv[1:]); print(f'pandoc / jcc = {p / j:.1f}x')" "$t_pandoc" "$t_jcc"
