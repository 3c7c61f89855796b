#!/usr/bin/env python3
"""Times jrnl and jcc side by side on the same generated diary; used by compare-jrnl.sh.

Both tools must already be set up: a jcc library (JCC_DATA_DIR/JCC_CONFIG_DIR) holding
corpus.json, and a jrnl config pointing at jrnl.txt. This script checks that both really
find the same entries, times each operation (hyperfine when installed, else a timing
loop) and prints a Markdown table: operation | jrnl median | jcc median | ratio.
"""

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd, env, capture=True):
    return subprocess.run(
        cmd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )


def must(cmd, env):
    out = run(cmd, env)
    if out.returncode != 0:
        sys.exit(f"failed ({out.returncode}): {shlex.join(cmd)}\n{out.stderr}")
    return out.stdout


def jrnl_count(jrnl, args, env):
    """Entries jrnl selects for `args`, read from its JSON output."""
    doc = json.loads(must(jrnl + args + ["--format", "json"], env))
    return len(doc["entries"])


def jcc_count(jcc, args, env):
    """(hits printed, total matches) of a `jcc search`, read from its JSON page."""
    page = json.loads(must([jcc, "--json"] + args, env))
    if isinstance(page, list):  # a jcc from before paging: a bare array, no total
        return len(page), len(page)
    return len(page["hits"]), page["total"]


def peak_mib(cmd, env):
    """Peak resident memory of one run of `cmd`, in MiB (Linux: /usr/bin/time -f %M)."""
    if not os.path.exists("/usr/bin/time"):
        return None
    out = run(["/usr/bin/time", "-f", "%M"] + cmd, env)
    if out.returncode != 0:
        sys.exit(f"failed: {shlex.join(cmd)}\n{out.stderr}")
    return int(out.stderr.strip().splitlines()[-1]) / 1024


def time_loop(commands, env, runs, warmup):
    """Median wall time in seconds of each command, run in turn `runs` times."""
    samples = {name: [] for name, _ in commands}
    for _ in range(warmup):
        for _, cmd in commands:
            run(cmd, env, capture=False)
    for _ in range(runs):
        for name, cmd in commands:
            start = time.perf_counter()
            out = run(cmd, env, capture=False)
            samples[name].append(time.perf_counter() - start)
            if out.returncode != 0:
                sys.exit(f"failed: {shlex.join(cmd)}\n{out.stderr}")
    return {name: statistics.median(s) for name, s in samples.items()}


def time_hyperfine(commands, env, runs, warmup, workdir):
    """Median wall time in seconds of each command, measured by hyperfine."""
    export = os.path.join(workdir, "hyperfine.json")
    cmd = [
        "hyperfine", "--shell=none", "--style=basic", "--runs", str(runs),
        "--warmup", str(warmup), "--export-json", export,
    ]
    for name, c in commands:
        cmd += ["--command-name", name, shlex.join(c)]
    out = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, stdout=sys.stderr, check=False)
    if out.returncode != 0:
        sys.exit("hyperfine failed")
    with open(export, encoding="utf-8") as f:
        results = json.load(f)["results"]
    return {r["command"]: r["median"] for r in results}


def fmt(seconds):
    ms = seconds * 1000
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.1f} ms"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jrnl", required=True, help="the jrnl executable")
    ap.add_argument("--jrnl-config", required=True)
    ap.add_argument("--jcc", required=True, help="the release jcc executable")
    ap.add_argument("--words", required=True, help="words.json from jcc-bench corpus")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--timer", choices=["auto", "hyperfine", "loop"], default="auto")
    ap.add_argument("--workdir", default=None, help="scratch space for exports")
    a = ap.parse_args()

    probes = json.load(open(a.words, encoding="utf-8"))
    word, tag, journal = probes["word"], probes["tag"], probes["journal"]
    expected_word = probes["words"][0]["entries"]
    expected_tag = probes["tags"][0]["entries"]
    env = dict(os.environ)
    for var in ("JCC_DATA_DIR", "JCC_CONFIG_DIR"):
        if not env.get(var):
            sys.exit(f"{var} must point at the jcc bench library")
    env.pop("JCC_LOG", None)
    env["NO_COLOR"] = "1"
    workdir = a.workdir or tempfile.mkdtemp(prefix="jcc-vs-jrnl-")
    jrnl = [a.jrnl, "--config-file", a.jrnl_config]
    jcc = a.jcc

    # Both tools must find the same entries, or the timing compares nothing.
    many = ["--limit", "0"]
    counts = {
        "word": (jrnl_count(jrnl, ["-contains", word], env),
                 jcc_count(jcc, ["search", word], env),
                 jcc_count(jcc, ["search", word] + many, env), expected_word),
        "tag": (jrnl_count(jrnl, ["@" + tag], env),
                jcc_count(jcc, ["search", f"tag:{tag}"], env),
                jcc_count(jcc, ["search", f"tag:{tag}"] + many, env), expected_tag),
    }
    jrnl_out = os.path.join(workdir, "jrnl-export.json")
    jcc_out = os.path.join(workdir, "jcc-export.json")
    jrnl_md = os.path.join(workdir, "jrnl-export.md")
    jcc_md = os.path.join(workdir, "jcc-export-md")
    must(jrnl + ["--format", "json", "--file", jrnl_out], env)
    must([jcc, "export", journal, "--format", "json", "-o", jcc_out], env)
    exported = (
        len(json.load(open(jrnl_out, encoding="utf-8"))["entries"]),
        len(json.load(open(jcc_out, encoding="utf-8"))["entries"]),
        probes["entries"],
    )

    ops = [
        ("word search", [
            ("jrnl -contains", jrnl + ["-contains", word]),
            ("jrnl -contains --short", jrnl + ["-contains", word, "--short"]),
            ("jcc search (top 20)", [jcc, "search", word]),
            ("jcc search --limit 0", [jcc, "search", word] + many),
        ]),
        ("tag filter", [
            ("jrnl @tag", jrnl + ["@" + tag]),
            ("jrnl @tag --short", jrnl + ["@" + tag, "--short"]),
            ("jcc search tag: (top 20)", [jcc, "search", f"tag:{tag}"]),
            ("jcc search tag: --limit 0", [jcc, "search", f"tag:{tag}"] + many),
        ]),
        ("export json", [
            ("jrnl --format json --file", jrnl + ["--format", "json", "--file", jrnl_out]),
            ("jcc export --format json -o", [jcc, "export", journal, "--format", "json", "-o", jcc_out]),
        ]),
        ("export markdown", [
            ("jrnl --format markdown --file", jrnl + ["--format", "markdown", "--file", jrnl_md]),
            ("jcc export --format md -o", [jcc, "export", journal, "--format", "md", "-o", jcc_md]),
        ]),
        ("tag list", [
            ("jrnl --tags", jrnl + ["--tags"]),
            ("jcc tag list", [jcc, "tag", "list"]),
        ]),
    ]
    md_files = None
    timer = a.timer
    if timer == "auto":
        timer = "hyperfine" if shutil.which("hyperfine") else "loop"
    medians = {}
    for op, commands in ops:
        print(f"timing {op} ({timer}, {a.runs} runs)…", file=sys.stderr)
        if timer == "hyperfine":
            medians.update(time_hyperfine(commands, env, a.runs, a.warmup, workdir))
        else:
            medians.update(time_loop(commands, env, a.runs, a.warmup))

    md_files = sum(1 for n in os.listdir(jcc_md) if n.endswith(".md"))
    mems = {
        "jrnl json": peak_mib(jrnl + ["--format", "json", "--file", jrnl_out], env),
        "jcc json": peak_mib([jcc, "export", journal, "--format", "json", "-o", jcc_out], env),
        "jrnl md": peak_mib(jrnl + ["--format", "markdown", "--file", jrnl_md], env),
        "jcc md": peak_mib([jcc, "export", journal, "--format", "md", "-o", jcc_md], env),
    }
    mem = {k: ("not measured" if v is None else f"{v:.0f} MiB") for k, v in mems.items()}

    def row(op, j, c, found):
        ratio = medians[j] / medians[c]
        return f"| {op} | {fmt(medians[j])} | {fmt(medians[c])} | {ratio:.1f}× | {found} |"

    w, t = counts["word"], counts["tag"]
    lines = [
        f"## jrnl vs jcc: {probes['entries']} entries (seed {probes['seed']}), "
        f"median of {a.runs} runs ({timer})",
        "",
        "| operation | jrnl median | jcc median | ratio (jrnl/jcc) | entries found (jrnl / jcc / expected) |",
        "|---|---|---|---|---|",
        row(f"word search `{word}`: jrnl prints all, jcc top 20",
            "jrnl -contains", "jcc search (top 20)", f"{w[0]} / {w[1][0]} of {w[1][1]} / {w[3]}"),
        row(f"word search `{word}`: jrnl prints all, jcc --limit 0",
            "jrnl -contains", "jcc search --limit 0", f"{w[0]} / {w[2][0]} / {w[3]}"),
        row(f"word search `{word}`: jrnl --short (titles), jcc --limit 0",
            "jrnl -contains --short", "jcc search --limit 0", f"{w[0]} / {w[2][0]} / {w[3]}"),
        row(f"tag filter `@{tag}` / `tag:{tag}`: jcc top 20",
            "jrnl @tag", "jcc search tag: (top 20)", f"{t[0]} / {t[1][0]} of {t[1][1]} / {t[3]}"),
        row(f"tag filter `@{tag}` / `tag:{tag}`: jcc --limit 0",
            "jrnl @tag", "jcc search tag: --limit 0", f"{t[0]} / {t[2][0]} / {t[3]}"),
        row(f"tag filter: jrnl --short (titles), jcc --limit 0",
            "jrnl @tag --short", "jcc search tag: --limit 0", f"{t[0]} / {t[2][0]} / {t[3]}"),
        row("export the whole journal as JSON to a file",
            "jrnl --format json --file", "jcc export --format json -o",
            f"{exported[0]} / {exported[1]} / {exported[2]}"),
        row("export as Markdown: jrnl one file, jcc a folder (a file per entry)",
            "jrnl --format markdown --file", "jcc export --format md -o",
            f"— / {md_files} files / {probes['entries']}"),
        row("list every tag with its count", "jrnl --tags", "jcc tag list", "—"),
        "",
        f"Peak memory (one run each): JSON export jrnl {mem['jrnl json']}, jcc {mem['jcc json']}; "
        f"Markdown export jrnl {mem['jrnl md']}, jcc {mem['jcc md']}.",
        "",
        "Notes: jrnl re-reads and parses its whole text file on every command and prints every "
        "matching entry in full; jcc reads an indexed SQLite library and prints a ranked list "
        "(title, date, tags, one snippet), 20 by default with the total; --limit 0 prints every hit. "
        "Word probes are chosen so that jrnl's substring match and jcc's word match select the "
        "same entries.",
    ]
    mismatches = []
    for name, (j, (c20, total20), (call, total), exp) in counts.items():
        if j != exp or call != exp or c20 != min(exp, 20) or total20 != exp or total != exp:
            mismatches.append(
                f"{name}: jrnl {j}, jcc {c20} of {total20} (top 20) / {call} of {total} (all), expected {exp}")
    if md_files != exported[2]:
        mismatches.append(f"markdown export: jcc wrote {md_files} entry files, expected {exported[2]}")
    if exported[0] != exported[2] or exported[1] != exported[2]:
        mismatches.append(f"export: jrnl {exported[0]}, jcc {exported[1]}, expected {exported[2]}")
    if mismatches:
        lines += ["", "**Result counts differ:** " + "; ".join(mismatches)]
    print("\n".join(lines))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
