#!/usr/bin/env python3
"""What the PyTorch twins cost: a cold `freezelab check --no-cache` with twins (`--pytorch require`)
against the same check without them (`--pytorch skip`).

    python3 scripts/bench_twins.py [--runs 5] [--freezelab .build/release/freezelab] [LESSON ...]

The two commands run in turn (A B A B …) after one warm-up run of each, so a drift in the machine's
speed hits both alike; it prints each one's wall time as median and min–max, and the ratio A/B
pair by pair. Wall time is measured from outside, for the whole command, children included.
Quote the medians: these machines are shared and noisy.
"""
import argparse
import statistics
import subprocess
import sys
import time


def wall(command):
    """Seconds the command took, start to end; stops at the first command that fails."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} exited with {done.returncode}:\n{done.stderr.decode()[-2000:]}")
    return seconds


def spread(values, digits=2):
    return f"median {statistics.median(values):.{digits}f}  (min {min(values):.{digits}f}, max {max(values):.{digits}f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="counted runs of each command (default 5)")
    parser.add_argument("--freezelab", default=".build/debug/freezelab", help="the freezelab binary to time")
    parser.add_argument("lessons", nargs="*", help="lessons to check (default: every lesson)")
    args = parser.parse_args()

    base = [args.freezelab, "check", "--no-cache", *args.lessons]
    twins, alone = base + ["--pytorch", "require"], base + ["--pytorch", "skip"]
    wall(twins), wall(alone)  # warm-up: file caches, the interpreter's first import
    a, b = [], []
    for _ in range(args.runs):
        a.append(wall(twins))
        b.append(wall(alone))
    print(f"A = {' '.join(twins)}")
    print(f"B = {' '.join(alone)}")
    print(f"{args.runs} runs each, in turn, after one warm-up run each")
    print(f"A wall s   {spread(a)}")
    print(f"B wall s   {spread(b)}")
    print(f"A/B        {spread([x / y for x, y in zip(a, b)])}")


if __name__ == "__main__":
    main()
