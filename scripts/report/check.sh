#!/usr/bin/env bash
# Renders the report of the gold corpus in headless Chromium and checks it as a person would: no console
# error, a map with outlines and dots, keyboard-operable sorting, filtering and chain highlighting, WCAG AA
# colour contrast (see check.py). Screenshots: out/report-shots/*.png.
#
# Usage: bash scripts/report/check.sh [WORK_DIR]      (default out/report-check)
#        REX=/path/to/rex bash scripts/report/check.sh   (use a built rex instead of building one)
#        REPORT_DB=corpus.sqlite bash scripts/report/check.sh   (check the report of a database instead:
#                                                         a SQLite file or a postgres:// URL, as rex report --db)
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null; then
    echo "installing chromium (Debian package)" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

REX="${REX:-}"
if [ -z "$REX" ] || [ ! -x "$REX" ]; then
    swift build --product rex >/dev/null
    REX="$(swift build --show-bin-path)/rex"
fi

work="${1:-out/report-check}"
rm -rf "$work"
mkdir -p "$work"
# The report's usual input: document/1 JSON Lines, here the gold documents joined.
python3 - Corpus/gold "$work/gold.jsonl" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as f:
    for name in sorted(n for n in os.listdir(src) if n.endswith(".json")):
        with open(os.path.join(src, name), encoding="utf-8") as g:
            f.write(json.dumps(json.load(g), ensure_ascii=False) + "\n")
PY
if [ -n "${REPORT_DB:-}" ]; then
    "$REX" report --db "$REPORT_DB" --html "$work/site"
else
    "$REX" report "$work/gold.jsonl" --html "$work/site"
fi
python3 scripts/report/check.py "$work/site" out/report-shots
