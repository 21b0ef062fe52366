#!/usr/bin/env python3
"""herd benchmarks: each section measures herd against the peers its issue names, in the same run,
and the results are written to docs/BENCHMARKS.md as figures and ratios. Never a timed unit test."""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERD = os.environ.get("HERD_BIN", os.path.join(ROOT, ".build/release/herd"))


def run(args, env=None, check=True):
    return subprocess.run(args, env=env, check=check, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL)


def timed(args, env=None, repeat=15):
    """Median wall time (ms) of running args `repeat` times."""
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        run(args, env=env)
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def roster_section():
    """Roster operations on a 300-host roster (issue 2 names no peers; these are absolute figures)."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HERD_HOME=home)
        hosts = [{"name": f"n{i:03d}", "ssh": f"u@10.0.{i // 250}.{i % 250}", "tags": ["gpu"] if i % 4 == 0 else []}
                 for i in range(300)]
        with open(os.path.join(home, "hosts.json"), "w") as f:
            json.dump({"hosts": hosts}, f)
        ls_ms = timed([HERD, "ls", "--fast"], env)
        ls_json_ms = timed([HERD, "ls", "--fast", "--json", "n[000-299]", "--exclude", "@gpu"], env)
        add_samples = []
        for i in range(15):
            t = time.perf_counter()
            run([HERD, "host", "add", f"x{i:02d}", f"u@x{i}"], env=env)
            add_samples.append((time.perf_counter() - t) * 1000)
        help_ms = timed([HERD, "--help"], env)
    return [
        "## Roster (issue 2)",
        "",
        "300-host roster, release build, median of 15 runs.",
        "",
        "| operation | median |",
        "| --- | --- |",
        f"| `herd --help` (process start) | {help_ms:.1f} ms |",
        f"| `herd ls --fast` | {ls_ms:.1f} ms |",
        f"| `herd ls --fast --json 'n[000-299]' --exclude @gpu` | {ls_json_ms:.1f} ms |",
        f"| `herd host add` (lock, read, atomic write of 300+ hosts) | {statistics.median(add_samples):.1f} ms |",
        "",
    ]


SECTIONS = {"roster": roster_section}


def main():
    wanted = sys.argv[1:] or list(SECTIONS)
    if not os.path.exists(HERD):
        sys.exit(f"bench: {HERD} is missing; run `swift build -c release` first")
    out = ["# Benchmarks", "", f"Measured by `make bench` on {time.strftime('%Y-%m-%d')}, "
           f"{os.cpu_count()} cores. Ratios compare tools measured in the same run.", ""]
    for name in wanted:
        print(f"bench: {name}", file=sys.stderr)
        out += SECTIONS[name]()
    path = os.path.join(ROOT, "docs/BENCHMARKS.md")
    with open(path, "w") as f:
        f.write("\n".join(out))
    print("\n".join(out))


if __name__ == "__main__":
    main()
