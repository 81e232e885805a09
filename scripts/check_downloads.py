#!/usr/bin/env python3
"""Checks the site's downloads: every NN-slug.ipynb is a valid notebook (nbformat), and every
NN-slug.py, run with this Python, prints its lesson's outputs (the notebook's verified outputs,
in order; a line that is exactly `...` matches any run of lines, as in the lessons).

    .venv/bin/python scripts/check_downloads.py site
"""
import glob
import json
import os
import subprocess
import sys

import nbformat


def lines(text):
    """Lines compared as the runner compares them: trailing spaces and blank lines at the end ignored."""
    out = [line.rstrip() for line in text.split("\n")]
    while out and out[-1] == "":
        out.pop()
    return out


def matches(expected, actual):
    """Glob matching with `...` as the star, as OutputMatcher does."""
    p, t, star, resume = 0, 0, None, 0
    while t < len(actual):
        if p < len(expected) and expected[p] == "...":
            star, resume, p = p, t, p + 1
        elif p < len(expected) and expected[p] == actual[t]:
            p, t = p + 1, t + 1
        elif star is not None:
            resume += 1
            p, t = star + 1, resume
        else:
            return False
    while p < len(expected) and expected[p] == "...":
        p += 1
    return p == len(expected)


def main(site):
    failures, checked = 0, 0
    for notebook_path in sorted(glob.glob(os.path.join(site, "*.ipynb"))):
        checked += 1
        name = os.path.basename(notebook_path)
        notebook = nbformat.read(notebook_path, as_version=4)
        try:
            nbformat.validate(notebook)
        except nbformat.ValidationError as error:
            print(f"FAIL {name}: not a valid notebook: {error.message}")
            failures += 1
            continue
        expected = "".join("".join(o.get("text", "")) for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
        script = notebook_path[:-len(".ipynb")] + ".py"
        run = subprocess.run([sys.executable, script], capture_output=True, text=True, timeout=600,
                             env={**os.environ, "PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1"})
        if run.returncode != 0 or not matches(lines(expected), lines(run.stdout)):
            print(f"FAIL {os.path.basename(script)}: exit {run.returncode}; its output is not the lesson's")
            print(run.stderr[-2000:])
            failures += 1
        else:
            print(f"PASS {name} (valid) and {os.path.basename(script)} (prints the lesson's outputs)")
    print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "site"))
