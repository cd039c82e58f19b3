#!/usr/bin/env bash
# README's second command (and CI's): installs what the tests need, builds, starts a throwaway PostgreSQL
# server for the database tests (unless REX_TEST_POSTGRES_URL names one already), and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
swift build --build-tests
if [ -z "${REX_TEST_POSTGRES_URL:-}" ]; then
    pg_env="$(bash scripts/postgres-test-server.sh start)" || { echo "could not start the test PostgreSQL server" >&2; exit 1; }
    eval "$pg_env"
    trap 'bash scripts/postgres-test-server.sh stop "$REX_TEST_POSTGRES_DIR"' EXIT
fi
export REX_TEST_POSTGRES_URL
swift test --skip-build
# The Spark recipe: PySpark from PyPI into .build/spark-venv (~90 s the first time), then ~20 s in local mode.
REX="$(swift build --show-bin-path)/rex" bash scripts/spark/test_spark.sh
# The report as a person sees it: headless Chromium (installed from Debian if missing, ~30 s), ~10 s to run.
if [ "${CI:-}" = "true" ] || [ "${REX_BROWSER_TESTS:-}" = "1" ]; then
    REX="$(swift build --show-bin-path)/rex" bash scripts/report/check.sh
else
    echo "report browser check skipped: set REX_BROWSER_TESTS=1 (CI sets CI=true) to run scripts/report/check.sh"
fi
