#!/usr/bin/env bash
# Installs the Debian packages rex needs to build and test, if they are missing.
# Swift itself (6.x, with its package manager) must already be on PATH.
set -euo pipefail
packages=(libicu-dev libxml2-dev libsqlite3-dev pkg-config python3 gzip)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "swift is not on PATH: install the Swift 6 toolchain first (swift.org)" >&2; exit 1; }
