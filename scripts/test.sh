#!/usr/bin/env bash
# README's second command (and CI's): installs what the tests need, builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
swift build --build-tests
swift test --skip-build
