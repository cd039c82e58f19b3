#!/usr/bin/env bash
# README's second command (and CI's): installs what the tests need, builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
swift build --build-tests
swift test --skip-build
# The report as a person sees it: headless Chromium (installed from Debian if missing, ~30 s), ~10 s to run.
if [ "${CI:-}" = "true" ] || [ "${REX_BROWSER_TESTS:-}" = "1" ]; then
    REX="$(swift build --show-bin-path)/rex" bash scripts/report/check.sh
else
    echo "report browser check skipped: set REX_BROWSER_TESTS=1 (CI sets CI=true) to run scripts/report/check.sh"
fi
