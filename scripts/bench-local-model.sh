#!/usr/bin/env bash
# The on-device model against llama.cpp's own server, same GGUF (SmolLM2-135M-Instruct
# Q4_1), same threads and context: decode tokens/s, first-token latency and peak RSS
# (examples/bench.rs in jcc-llm-local), then the 6-day lead magnet through each
# (wall time, first-try schema validity, the run's quality score, peak RSS of jcc), and
# the 30-day journal too with BENCH_30DAY=1 (about 25 minutes each). Not part of the tests.
#
#   scripts/bench-local-model.sh [THREADS]        default 1
#   BENCH_PART=speed|crew (default both halves)   BENCH_30DAY=1 (the 30-day runs too)
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
need_rust
THREADS="${1:-1}"
PART="${BENCH_PART:-all}"
MODEL="$("$ROOT/scripts/llm-server.sh" --print-model)"
"$ROOT/scripts/llm-server.sh" --setup-only

say "building jcc and the bench example (debug Rust; llama.cpp itself is always optimised)"
cargo build -p jcc-cli -p jcc-llm-local --example bench
JCC="$ROOT/target/debug/jcc"

read -r PORT PID < <(JCC_LLM_THREADS="$THREADS" "$ROOT/scripts/llm-server.sh")
trap 'kill -TERM -- -"$PID" 2>/dev/null || true' EXIT
if [[ "$PART" != crew ]]; then
  say "tokens/s, first-token latency, peak RSS ($THREADS thread(s))"
  cargo run -q -p jcc-llm-local --example bench -- "$MODEL" "$THREADS" "http://127.0.0.1:$PORT/v1" "$PID"
fi
[[ "$PART" == speed ]] && exit 0

crew() { # crew NAME LENGTH-FLAGS PROFILE-ARGS...
  local dir; dir="$(mktemp -d)"
  local name="$1" length="$2"; shift 2
  export JCC_DATA_DIR="$dir/data" JCC_CONFIG_DIR="$dir/config"
  "$JCC" llm add p "$@" >/dev/null
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$dir/rss" "$JCC" --json crew run --theme "Gratitude for new parents" \
    --title-style encouraging --voice "a warm, plain-spoken coach" --depth light $length \
    --profile p --yes >/dev/null 2>"$dir/err" || { cat "$dir/err" >&2; return 1; }
  end=$(date +%s.%N)
  "$JCC" --json crew status 1 >"$dir/status.json"
  python3 - "$name" "$dir/data/library.sqlite3" "$start" "$end" "$(cat "$dir/rss")" "$dir/status.json" <<'PY'
import json, sqlite3, sys
name, db, start, end, rss = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
q = json.load(open(sys.argv[6]))["summary"]["quality"]
c = sqlite3.connect(db)
# Of every model step's first attempt (an editor pass skipped later for its words included).
steps = c.execute("""SELECT count(*) FROM crew_steps, json_each(crew_steps.attempt_log) a
  WHERE task NOT IN ('media','layout') AND json_extract(a.value,'$.attempt') = 1""").fetchone()[0]
first = c.execute("""SELECT count(*) FROM crew_steps, json_each(crew_steps.attempt_log) a
  WHERE task NOT IN ('media','layout') AND json_extract(a.value,'$.attempt') = 1
  AND json_extract(a.value,'$.schema_valid') = 1""").fetchone()[0]
tin, tout = c.execute("SELECT sum(tokens_in), sum(tokens_out) FROM crew_steps").fetchone()
score = f"{q['score']*100:.0f}% ({q['passed_first']}/{q['fields']})" if q.get("score") is not None else "-"
print(f"| {name} | {end-start:.0f} s | {tin} / {tout} | {first}/{steps} | {score} | {rss/1024:.0f} MB |")
PY
  rm -rf "$dir"
}
LENGTHS=("6-day:--lead-magnet")
[[ "${BENCH_30DAY:-}" == 1 ]] && LENGTHS+=("30-day:")
echo "| run | wall time | tokens in / out | schema-valid 1st try | quality score | peak RSS of jcc |"
echo "|---|---|---|---|---|---|"
for l in "${LENGTHS[@]}"; do
  crew "${l%%:*}, llama.cpp server (json_object), jcc's client" "${l#*:}" \
    --base-url "http://127.0.0.1:$PORT/v1" --model smollm2 --structured-output json_object --timeout 300
  say "load after the server run: $(uptime)"
done
kill -TERM -- -"$PID" 2>/dev/null || true
for l in "${LENGTHS[@]}"; do
  crew "${l%%:*}, embedded, no server" "${l#*:}" --model-file "$MODEL" --context 2048 --threads "$THREADS"
  say "load after the embedded run: $(uptime)"
done
