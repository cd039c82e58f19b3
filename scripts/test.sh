#!/usr/bin/env bash
# README's second command (and CI's): installs what the tests need, builds, starts a throwaway PostgreSQL
# server for the database tests (unless REX_TEST_POSTGRES_URL names one already), and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
swift build --build-tests
if [ -z "${REX_TEST_POSTGRES_URL:-}" ]; then
    eval "$(bash scripts/postgres-test-server.sh start)"
    trap 'bash scripts/postgres-test-server.sh stop "$REX_TEST_POSTGRES_DIR"' EXIT
fi
export REX_TEST_POSTGRES_URL
swift test --skip-build
