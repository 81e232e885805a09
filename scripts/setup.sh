#!/usr/bin/env bash
# Installs the system packages FreezeLab needs (Debian/Ubuntu). Safe to run again: it installs only
# what is missing. Swift 6.3 itself must already be on PATH.
set -euo pipefail
need=()
for pkg in libcmark-dev libopenblas-dev pkg-config graphviz chromium chromium-driver; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# PyTorch (CPU), numpy and nbformat in the project's git-ignored .venv: the lessons' PyTorch cells,
# the trace recorder and the check of the site's notebooks use it. A CPU-only wheel the machine already carries (/opt/wheels) is preferred;
# otherwise PyPI's. FREEZELAB_PYTHON may name another interpreter that has torch.
venv="$(cd "$(dirname "$0")/.." && pwd)/.venv"
if [ -z "${FREEZELAB_PYTHON:-}" ] && ! "$venv/bin/python" -c "import torch, numpy, nbformat" >/dev/null 2>&1; then
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    wheel=$(ls /opt/wheels/torch-*+cpu-*.whl 2>/dev/null | sort -V | tail -n 1 || true)
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "${wheel:-torch}" numpy nbformat
fi

# axe-core, the accessibility rules the browser tests run on every page. Only its script is used
# (axe.min.js, axe-core 4.12.1 in this package): --no-deps keeps Playwright, which it would pull, out.
if [ -x "$venv/bin/python" ] && ! "$venv/bin/python" -c "import importlib.util as u; s = u.find_spec('axe_playwright_python'); assert s" >/dev/null 2>&1; then
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps axe-playwright-python==0.1.8
fi
