#!/usr/bin/env python3
"""Runs the same crew shape with CrewAI and with jcc's crew engine against ONE instant
OpenAI-compatible server, and prints per-run and per-step times side by side with the
ratio (CrewAI / jcc). scripts/compare-crewai.sh sets up the venv and calls this.

The crew: N sequential tasks; each gets the previous task's output as context and must
answer with JSON {"text": "..."} (jcc: a JSON Schema per task; CrewAI: output_pydantic).

The server is this file started with --serve, in its own process (so it never competes
with CrewAI for the GIL): a threaded http.server, HTTP/1.1 keep-alive, that answers every
chat completion at once with schema-valid JSON and a usage block.

Each side is also measured against a plain-HTTP baseline in its own language: the request
bodies one run sent, replayed one after another over one keep-alive connection (jcc:
reqwest, inside the Rust example; CrewAI: http.client, here). Overhead per step =
(run - baseline) / steps.

Usage (normally through the shell script):
    compare_crewai.py --jcc PATH/TO/overhead [--steps N] [--runs R] [--warmup W]
    compare_crewai.py --serve [--port P] [--log-requests]   (only the instant server)
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REPLY_TEXT = "A short note that carries the thread on by one more sentence."
MODEL = "bench"
USAGE = {"prompt_tokens": 60, "completion_tokens": 16, "total_tokens": 76}

# --------------------------------------------------------------------------- server


class ServerState:
    """What the server saw: requests per client, and the bodies while recording."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: dict[str, int] = {}
        self.recording = False
        self.recorded: list[str] = []


def client_of(user_agent: str) -> str:
    ua = user_agent.lower()
    if ua.startswith("journal-craft-crew"):
        return "jcc"
    if ua.startswith("openai/python"):
        return "crewai"
    if "baseline" in ua:
        return "baselines"
    return ua or "unknown"


def reply_content(request: dict) -> str:
    """Schema-valid JSON for every bench task. Both tools ask for it with response_format
    (json_schema) and get the bare object; a request without response_format (a ReAct
    agent prompt) gets it after the 'Final Answer:' label such prompts expect."""
    obj = json.dumps({"text": REPLY_TEXT})
    if request.get("response_format"):
        return obj
    return f"Thought: I can answer now.\nFinal Answer: {obj}"


def completion(request: dict) -> dict:
    return {
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": request.get("model") or MODEL,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply_content(request)},
                "finish_reason": "stop",
            }
        ],
        "usage": USAGE,
    }


def stream_body(request: dict) -> bytes:
    """The same completion as server-sent events (one delta, the finish, then usage)."""
    base = {"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1_700_000_000,
            "model": request.get("model") or MODEL}
    events = [
        dict(base, choices=[{"index": 0, "delta": {"role": "assistant", "content": reply_content(request)},
                             "finish_reason": None}]),
        dict(base, choices=[{"index": 0, "delta": {}, "finish_reason": "stop"}]),
        dict(base, choices=[], usage=USAGE),
    ]
    return ("".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n").encode()


def make_handler(state: ServerState, log: bool):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive; every reply has a Content-Length
        # Status line, headers and body leave in one send (the buffer is flushed after each
        # request), with Nagle off: a reply split in two small writes would otherwise wait
        # for the client's delayed ACK, some 40 ms, and swamp what is being measured.
        wbufsize = 64 * 1024
        disable_nagle_algorithm = True

        def log_message(self, fmt: str, *args) -> None:  # quiet unless asked
            if log:
                sys.stderr.write("server: " + (fmt % args) + "\n")

        def send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def send_json(self, status: int, value) -> None:
            self.send(status, json.dumps(value).encode())

        def route(self) -> str:
            return self.path.split("?")[0].rstrip("/")

        def do_GET(self) -> None:
            path = self.route()
            if path.endswith("/models"):
                self.send_json(200, {"object": "list", "data": [{"id": MODEL, "object": "model"}]})
            elif path == "/bench/recorded":  # the bodies recorded since /bench/record; stops recording
                with state.lock:
                    state.recording = False
                    bodies, state.recorded = state.recorded, []
                self.send_json(200, bodies)
            elif path == "/bench/counts":
                with state.lock:
                    self.send_json(200, dict(state.counts))
            else:
                self.send_json(404, {"error": {"message": f"no route for GET {self.path}"}})

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            path = self.route()
            if path == "/bench/record":
                with state.lock:
                    state.recording, state.recorded = True, []
                self.send_json(200, {"recording": True})
                return
            if not path.endswith("/chat/completions"):
                self.send_json(404, {"error": {"message": f"no route for POST {self.path}"}})
                return
            try:
                request = json.loads(raw or b"{}")
            except ValueError:
                self.send_json(400, {"error": {"message": "the body is not JSON"}})
                return
            if log:
                sys.stderr.write(f"server: request {json.dumps(request)[:2000]}\n")
            if request.get("stream"):
                self.send(200, stream_body(request), "text/event-stream")
            else:
                self.send_json(200, completion(request))
            with state.lock:
                who = client_of(self.headers.get("User-Agent", ""))
                state.counts[who] = state.counts.get(who, 0) + 1
                if state.recording:
                    state.recorded.append(raw.decode("utf-8", "replace"))

    return Handler


def serve(port: int, log: bool) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(ServerState(), log))
    server.daemon_threads = True
    print(f"http://127.0.0.1:{server.server_address[1]}/v1", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


class ServerProcess:
    """The instant server in a child process; control calls go over HTTP."""

    def __init__(self, log: bool) -> None:
        cmd = [sys.executable, os.path.abspath(__file__), "--serve"] + (["--log-requests"] if log else [])
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip() if self.proc.stdout else ""
        if not line.startswith("http://"):
            self.proc.kill()
            raise SystemExit("the instant server did not start")
        self.url = line
        self.root = line[: -len("/v1")]

    def call(self, method: str, path: str):
        req = urllib.request.Request(self.root + path, method=method, data=b"" if method == "POST" else None)
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read())

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# --------------------------------------------------------------------------- stats


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile (the Rust example uses the same rule)."""
    s = sorted(values)
    rank = max(1, -(-len(s) * p // 100))
    return s[int(min(rank, len(s))) - 1]


# --------------------------------------------------------------------------- jcc


def run_jcc(binary: str, url: str, steps: int, runs: int, warmup: int) -> dict:
    cmd = [binary, "--server", url, "--model", MODEL, "--steps", str(steps), "--runs", str(runs),
           "--warmup", str(warmup)]
    print("$ " + " ".join(cmd), flush=True)
    out = subprocess.run(cmd, check=False, capture_output=True, text=True)
    sys.stdout.write(out.stdout)
    sys.stderr.write(out.stderr)
    if out.returncode != 0:
        raise SystemExit(f"the jcc example failed (exit {out.returncode})")
    line = next((l for l in out.stdout.splitlines() if l.startswith("OVERHEAD ")), None)
    if line is None:
        raise SystemExit("the jcc example printed no OVERHEAD line")
    return {k: float(v) if k.endswith("_ms_p50") or k.endswith("_ms_p95") else v
            for k, v in (kv.split("=", 1) for kv in line.split()[1:])}


# --------------------------------------------------------------------------- CrewAI


def crewai_llm(base_url: str):
    from crewai import LLM

    return LLM(model=f"openai/{MODEL}", base_url=base_url, api_key="sk-none", temperature=0.4, max_tokens=64)


def build_crew(steps: int, llm):
    from crewai import Agent, Crew, Process, Task
    from pydantic import BaseModel

    class Note(BaseModel):
        text: str

    agent = Agent(
        role="Note writer",
        goal="Continue a short note by one sentence.",
        backstory="You write short, plain notes.",
        llm=llm,
        allow_delegation=False,
        verbose=False,
    )
    tasks: list = []
    for i in range(1, steps + 1):
        tasks.append(
            Task(
                description=("Write the first sentence of a note about {theme}." if i == 1
                             else "Continue this note about {theme} with one sentence."),
                expected_output="A JSON object with the sentence as text.",
                agent=agent,
                context=[tasks[-1]] if tasks else [],
                output_pydantic=Note,
            )
        )
    return Crew(agents=[agent], tasks=tasks, process=Process.sequential, verbose=False), Note


def crewai_run(steps: int, llm) -> tuple[float, float]:
    """One run: build the crew, kick it off. Returns (build, kickoff) seconds."""
    started = time.perf_counter()
    crew, note = build_crew(steps, llm)
    kicked = time.perf_counter()
    result = crew.kickoff(inputs={"theme": "Evening walks"})
    done = time.perf_counter()
    outputs = result.tasks_output
    if len(outputs) != steps or not all(isinstance(o.pydantic, note) for o in outputs):
        raise SystemExit(f"CrewAI finished {len(outputs)} tasks, not {steps} schema-valid ones: {result.raw!r}")
    return kicked - started, done - kicked


def http_baseline(base_url: str, bodies: list[bytes]) -> float:
    """The recorded bodies replayed with http.client over one keep-alive connection."""
    u = urllib.parse.urlsplit(base_url)
    path = u.path.rstrip("/") + "/chat/completions"
    conn = http.client.HTTPConnection(u.hostname, u.port)
    conn.connect()
    try:
        started = time.perf_counter()
        for body in bodies:
            conn.request("POST", path, body=body,
                         headers={"Content-Type": "application/json", "User-Agent": "python-baseline"})
            reply = json.loads(conn.getresponse().read())
            if not isinstance(reply["choices"][0]["message"]["content"], str):
                raise SystemExit("the server's reply has no message content")
        return time.perf_counter() - started
    finally:
        conn.close()


def run_crewai(server: ServerProcess, steps: int, runs: int, warmup: int) -> dict:
    import crewai

    # CrewAI logs a warning per request about estimating tokens for an unknown model;
    # jcc logs nothing per step, so both are kept quiet alike.
    logging.getLogger("crewai.llms.base_llm").setLevel(logging.ERROR)
    # One LLM (one HTTP client and connection pool) for all runs, as jcc keeps one client.
    llm = crewai_llm(server.url)

    # One recorded run: how many requests CrewAI sends, and their bodies for the baseline.
    server.call("POST", "/bench/record")
    crewai_run(steps, llm)
    bodies = [b.encode() for b in server.call("GET", "/bench/recorded")]
    for _ in range(warmup):
        crewai_run(steps, llm)
        http_baseline(server.url, bodies)
    builds, kickoffs, baselines, per_step = [], [], [], []
    for i in range(runs):
        # Alternate the order so neither side always goes first.
        if i % 2 == 0:
            base = http_baseline(server.url, bodies)
            build, kick = crewai_run(steps, llm)
        else:
            build, kick = crewai_run(steps, llm)
            base = http_baseline(server.url, bodies)
        builds.append(build * 1000)
        kickoffs.append(kick * 1000)
        baselines.append(base * 1000)
        # Conservative for CrewAI: building the Crew/Agent/Task objects is left out.
        per_step.append((kick - base) * 1000 / steps)
    return {
        "version": crewai.__version__,
        "requests_per_run": len(bodies),
        "run_ms_p50": pct(kickoffs, 50), "run_ms_p95": pct(kickoffs, 95),
        "build_ms_p50": pct(builds, 50),
        "baseline_ms_p50": pct(baselines, 50),
        "per_step_ms_p50": pct(per_step, 50), "per_step_ms_p95": pct(per_step, 95),
    }


# --------------------------------------------------------------------------- main


def ratio(a: float, b: float, digits: int = 1) -> str:
    return f"{a / b:.{digits}f}x" if b > 0 else "n/a"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jcc", help="the built overhead example (target/release/examples/overhead)")
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--serve", action="store_true", help="only run the instant server (prints its URL)")
    ap.add_argument("--port", type=int, default=0, help="with --serve: the port (default: any free one)")
    ap.add_argument("--log-requests", action="store_true")
    ap.add_argument("--markdown", help="also write the comparison table to this file")
    args = ap.parse_args()
    if args.serve:
        serve(args.port, args.log_requests)
        return
    if not args.jcc:
        ap.error("--jcc is required (or --serve)")
    if min(args.steps, args.runs) < 1 or args.warmup < 0:
        ap.error("--steps and --runs must be at least 1, --warmup at least 0")
    for flag in ("CREWAI_DISABLE_TELEMETRY", "OTEL_SDK_DISABLED"):
        if os.environ.get(flag, "").lower() not in ("1", "true"):
            raise SystemExit(f"set {flag}=true (scripts/compare-crewai.sh does)")

    server = ServerProcess(args.log_requests)
    try:
        print(f"instant server: {server.url} (Python http.server in its own process, HTTP/1.1 keep-alive)\n",
              flush=True)
        jcc = run_jcc(args.jcc, server.url, args.steps, args.runs, args.warmup)
        print("\nrunning CrewAI ...", flush=True)
        crew = run_crewai(server, args.steps, args.runs, args.warmup)
        counts = server.call("GET", "/bench/counts")
    finally:
        server.stop()

    n = args.steps
    j_run, c_run = jcc["run_ms_p50"], crew["run_ms_p50"]
    j_step, c_step = float(jcc["per_step_ms_p50"]), crew["per_step_ms_p50"]
    j_step95 = float(jcc["per_step_ms_p95"])
    rows = [
        ("LLM requests per run", f"{n}", f"{crew['requests_per_run']}", ""),
        ("run, p50 (ms)", f"{j_run:.2f}", f"{c_run:.2f}", ratio(c_run, j_run)),
        ("run, p95 (ms)", f"{jcc['run_ms_p95']:.2f}", f"{crew['run_ms_p95']:.2f}",
         ratio(crew["run_ms_p95"], jcc["run_ms_p95"])),
        ("wall time per step, p50 (ms)", f"{j_run / n:.3f}", f"{c_run / n:.3f}", ratio(c_run, j_run)),
        ("plain-HTTP baseline per run, p50 (ms)", f"{jcc['baseline_ms_p50']:.2f}",
         f"{crew['baseline_ms_p50']:.2f}", ""),
        ("overhead per step, p50 (ms)", f"{j_step:.3f}", f"{c_step:.3f}", ratio(c_step, j_step, 0)),
        ("overhead per step, p95 (ms)", f"{j_step95:.3f}", f"{crew['per_step_ms_p95']:.3f}",
         ratio(crew["per_step_ms_p95"], j_step95, 0)),
        ("not in the runs above: building the crew objects, p50 (ms)", "-", f"{crew['build_ms_p50']:.2f}", ""),
    ]
    table = [
        f"{n} sequential tasks (previous output as context, JSON-structured replies), "
        f"{args.runs} timed runs after {args.warmup} warm-up, one instant server.",
        "jcc: crew engine, release build, create + run, a durable SQLite commit per step. "
        f"CrewAI {crew['version']}: Crew.kickoff, telemetry off.",
        "Baselines: the same request bodies replayed over one keep-alive connection with no framework "
        "(jcc: reqwest; CrewAI: http.client). Overhead per step = (run - baseline) / steps.",
        "",
        "| | jcc | CrewAI | CrewAI / jcc |",
        "| --- | ---: | ---: | ---: |",
    ] + [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    print()
    print("\n".join(table))
    print(
        f"\nCOMPARE steps={n} runs={args.runs} jcc_run_ms_p50={j_run:.3f} crewai_run_ms_p50={c_run:.3f} "
        f"ratio_run={c_run / j_run:.2f} jcc_per_step_ms_p50={j_step:.4f} crewai_per_step_ms_p50={c_step:.4f} "
        f"ratio_overhead_per_step={(c_step / j_step) if j_step > 0 else float('nan'):.1f} "
        f"crewai_build_ms_p50={crew['build_ms_p50']:.3f} crewai_requests_per_run={crew['requests_per_run']} "
        f"server_requests={json.dumps(counts, separators=(',', ':'))}"
    )
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write("\n".join(table) + "\n")


if __name__ == "__main__":
    main()
