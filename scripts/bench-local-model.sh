#!/usr/bin/env bash
# The on-device model against llama.cpp's own server, same GGUF (SmolLM2-135M-Instruct
# Q4_1), same threads and context: decode tokens/s, first-token latency and peak RSS
# (examples/bench.rs in jcc-llm-local), then the 6-day lead magnet through each
# (wall time, first-try schema validity, peak RSS of jcc). Not part of the tests.
#
#   scripts/bench-local-model.sh [THREADS]        default 1
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
need_rust
THREADS="${1:-1}"
MODEL="$("$ROOT/scripts/llm-server.sh" --print-model)"
"$ROOT/scripts/llm-server.sh" --setup-only

say "building jcc and the bench example (debug Rust; llama.cpp itself is always optimised)"
cargo build -p jcc-cli -p jcc-llm-local --example bench
JCC="$ROOT/target/debug/jcc"

read -r PORT PID < <(JCC_LLM_THREADS="$THREADS" "$ROOT/scripts/llm-server.sh")
trap 'kill -TERM -- -"$PID" 2>/dev/null || true' EXIT
say "tokens/s, first-token latency, peak RSS ($THREADS thread(s))"
cargo run -q -p jcc-llm-local --example bench -- "$MODEL" "$THREADS" "http://127.0.0.1:$PORT/v1" "$PID"

crew() { # crew NAME PROFILE-ARGS...
  local dir; dir="$(mktemp -d)"
  local name="$1"; shift
  export JCC_DATA_DIR="$dir/data" JCC_CONFIG_DIR="$dir/config"
  "$JCC" llm add p "$@" >/dev/null
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$dir/rss" "$JCC" --json crew run --theme "Gratitude for new parents" \
    --title-style encouraging --voice "a warm, plain-spoken coach" --depth light --lead-magnet \
    --profile p --yes >/dev/null 2>"$dir/err" || { cat "$dir/err" >&2; return 1; }
  end=$(date +%s.%N)
  python3 - "$name" "$dir/data/library.sqlite3" "$start" "$end" "$(cat "$dir/rss")" <<'PY'
import sqlite3, sys
name, db, start, end, rss = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
c = sqlite3.connect(db)
steps = c.execute("SELECT count(*) FROM crew_steps WHERE task NOT IN ('media','layout') AND status != 'skipped'").fetchone()[0]
first = c.execute("""SELECT count(*) FROM crew_steps, json_each(crew_steps.attempt_log) a
  WHERE task NOT IN ('media','layout') AND json_extract(a.value,'$.attempt') = 1
  AND json_extract(a.value,'$.schema_valid') = 1""").fetchone()[0]
tin, tout = c.execute("SELECT sum(tokens_in), sum(tokens_out) FROM crew_steps").fetchone()
print(f"| {name} | {end-start:.0f} s | {tin} / {tout} | {first}/{steps} | {rss/1024:.0f} MB |")
PY
  rm -rf "$dir"
}
say "the 6-day lead magnet through each"
echo "| 6-day lead magnet | wall time | tokens in / out | schema-valid 1st try | peak RSS of jcc |"
echo "|---|---|---|---|---|"
crew "llama.cpp server (json_object), jcc's client" --base-url "http://127.0.0.1:$PORT/v1" \
  --model smollm2 --structured-output json_object --timeout 300
kill -TERM -- -"$PID" 2>/dev/null || true
crew "embedded, no server" --model-file "$MODEL" --context 2048 --threads "$THREADS"
