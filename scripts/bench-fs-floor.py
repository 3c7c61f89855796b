#!/usr/bin/env python3
"""The file system's floor for a Markdown export: create and write N files of 1.5 KiB in a
new folder, then remove them, three times (what replacing an N-entry export costs before
any of jcc's own work).

    python3 scripts/bench-fs-floor.py DIR [N]      e.g. /dev/shm 10000 (tmpfs) vs /tmp

Prints wall and system time for each step; DIR is left as it was.
"""
import os
import shutil
import sys
import time

base = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
data = b"x" * 1500
for run in range(3):
    d = os.path.join(base, f".jcc-fs-floor-{os.getpid()}-{run}")
    os.makedirs(d)
    t0, c0 = time.perf_counter(), os.times()
    for i in range(n):
        path = os.path.join(d, f"{i:05d}-2024-01-01-some-title.md")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.write(fd, data)
        os.close(fd)
    t1, c1 = time.perf_counter(), os.times()
    shutil.rmtree(d)
    t2, c2 = time.perf_counter(), os.times()
    print(
        f"{base}: create {n} files {1000 * (t1 - t0):.0f} ms "
        f"(system {1000 * (c1.system - c0.system):.0f} ms), "
        f"remove {1000 * (t2 - t1):.0f} ms (system {1000 * (c2.system - c1.system):.0f} ms)"
    )
