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
