#!/usr/bin/env python3
"""Times commands alternately and prints wall-time statistics as JSON.

    bench/timeit.py --reps R [--warmup W] NAME=COMMAND [NAME=COMMAND ...]

Each COMMAND is run through `sh -c` with stdout sent to /dev/null. After W
untimed warm-up rounds, R rounds run every command once, in the given order,
so the commands share whatever the (noisy) machine is doing at the time and
their ratio stays meaningful. A command that exits non-zero or writes to
stderr fails the whole run (exit 1), since its timing would not be the
normal path.

Output: {"reps": R, "results": {NAME: {"command", "median", "min", "max",
"mean", "stdev", "times"}}} with times in seconds.
"""

import argparse
import json
import statistics
import subprocess
import sys
import time


def run_once(command: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run(["sh", "-c", command], stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0 or proc.stderr:
        sys.stderr.write(f"timeit: `{command}` exited {proc.returncode}\n")
        sys.stderr.write(proc.stderr.decode(errors="replace")[:4000])
        sys.exit(1)
    return elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("commands", nargs="+", metavar="NAME=COMMAND")
    args = ap.parse_args()
    if args.reps < 1:
        ap.error("--reps must be at least 1")

    cmds = []
    for spec in args.commands:
        name, sep, command = spec.partition("=")
        if not sep or not name or not command:
            ap.error(f"expected NAME=COMMAND, got {spec!r}")
        cmds.append((name, command))

    for _ in range(args.warmup):
        for _, command in cmds:
            run_once(command)
    times = {name: [] for name, _ in cmds}
    for _ in range(args.reps):
        for name, command in cmds:
            times[name].append(run_once(command))

    results = {}
    for name, command in cmds:
        t = times[name]
        results[name] = {
            "command": command,
            "median": statistics.median(t),
            "min": min(t),
            "max": max(t),
            "mean": statistics.fmean(t),
            "stdev": statistics.stdev(t) if len(t) > 1 else 0.0,
            "times": t,
        }
    json.dump({"reps": args.reps, "warmup": args.warmup, "results": results}, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
