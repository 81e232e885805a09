#!/usr/bin/env python3
"""What the PyTorch twins cost: a cold `freezelab check --no-cache` with twins (`--pytorch require`)
against the same check without them (`--pytorch skip`).

    python3 scripts/bench_twins.py [--runs 5] [--freezelab .build/release/freezelab] [LESSON ...]

Three commands run in turn (A1 A2 B A1 A2 B …) after one warm-up run of each, so a drift in the
machine's speed hits all alike:

- A1: with twins, and no PyTorch server running: the check starts one and pays for `import torch`
  (the first check after a while, or on a fresh machine). The script stops servers by removing
  their sockets from the servers' folder ($TMPDIR/freezelab-UID), which ends them.
- A2: with twins, the server A1 left still running (every later check within its idle time).
- B: without twins.

It prints each one's wall time as median and min–max, and the ratios to B run by run. Wall time is
measured from outside, for the whole command, children included. Quote the medians: these machines
are shared and noisy.
"""
import argparse
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time


def wall(command):
    """Seconds the command took, start to end; stops at the first command that fails."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} exited with {done.returncode}:\n{done.stderr.decode()[-2000:]}")
    return seconds


def stop_servers(folder):
    """Removes the PyTorch servers' sockets: each server sees its name gone and ends within a
    second; wait for that, so the next check really starts cold."""
    sockets = glob.glob(os.path.join(folder, "*.sock"))
    for path in sockets:
        os.unlink(path)
    if sockets:
        time.sleep(1.5)


def spread(values, digits=2):
    return f"median {statistics.median(values):.{digits}f}  (min {min(values):.{digits}f}, max {max(values):.{digits}f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="counted runs of each command (default 5)")
    parser.add_argument("--freezelab", default=".build/debug/freezelab", help="the freezelab binary to time")
    parser.add_argument("--servers", default=os.path.join(tempfile.gettempdir(), f"freezelab-{os.getuid()}"),
                        help="the PyTorch servers' folder (default: $TMPDIR/freezelab-UID)")
    parser.add_argument("lessons", nargs="*", help="lessons to check (default: every lesson)")
    args = parser.parse_args()

    base = [args.freezelab, "check", "--no-cache", *args.lessons]
    twins, alone = base + ["--pytorch", "require"], base + ["--pytorch", "skip"]
    wall(twins), wall(alone)  # warm-up: file caches, the engine, the interpreter's first import
    cold, warm, b = [], [], []
    for _ in range(args.runs):
        stop_servers(args.servers)
        cold.append(wall(twins))
        warm.append(wall(twins))
        b.append(wall(alone))
    print(f"A1 = {' '.join(twins)}   (no PyTorch server running: it starts one)")
    print(f"A2 = {' '.join(twins)}   (the server A1 started still running)")
    print(f"B  = {' '.join(alone)}")
    print(f"{args.runs} runs each, in turn, after one warm-up run each")
    print(f"A1 wall s   {spread(cold)}")
    print(f"A2 wall s   {spread(warm)}")
    print(f"B  wall s   {spread(b)}")
    print(f"A1/B        {spread([x / y for x, y in zip(cold, b)])}")
    print(f"A2/B        {spread([x / y for x, y in zip(warm, b)])}")


if __name__ == "__main__":
    main()
