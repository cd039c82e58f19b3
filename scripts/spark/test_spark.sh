#!/usr/bin/env bash
# The Spark recipe's test: runs scripts/spark/rex_pipe.py with PySpark in local mode over Corpus/raw and
# Corpus/html (as JSON Lines) and checks that every document equals what `rex annotate` writes for the same
# file (all fields but source.path, which a JSON Lines record has not), in the same order, and equals
# `rex annotate --stdin-jsonl` of the same lines exactly.
#
# PySpark comes from PyPI into a virtual environment (.build/spark-venv, reused; ~90 s and ~320 MB the first
# time); Java 17 must be installed. Fails loudly when either is missing. REX names the rex binary (default:
# the debug build).
set -euo pipefail
cd "$(dirname "$0")/../.."
REX="${REX:-$(swift build --show-bin-path)/rex}"
[ -x "$REX" ] || { echo "test_spark: no rex binary at $REX (swift build first, or set REX)" >&2; exit 1; }
command -v java >/dev/null || { echo "test_spark: java is not installed (PySpark needs Java 17: apt-get install openjdk-17-jre-headless)" >&2; exit 1; }
VENV="${REX_SPARK_VENV:-.build/spark-venv}"
if ! "$VENV/bin/python" -c "import pyspark" 2>/dev/null; then
    echo "test_spark: installing pyspark from PyPI into $VENV" >&2
    python3 -m venv "$VENV" || { echo "test_spark: cannot create a Python virtual environment in $VENV" >&2; exit 1; }
    "$VENV/bin/pip" install --quiet pyspark || { echo "test_spark: pip install pyspark failed" >&2; exit 1; }
fi
PY="$VENV/bin/python"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The corpus as JSON Lines: id = file name without extension, "text" or "html" by extension.
"$PY" - "$work/docs.jsonl" Corpus/raw Corpus/html <<'EOF'
import json, os, sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for folder in sys.argv[2:]:
        for name in sorted(os.listdir(folder)):
            stem, ext = os.path.splitext(name)
            key = {".txt": "text", ".html": "html"}.get(ext)
            if key:
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    out.write(json.dumps({"id": stem, key: f.read()}, ensure_ascii=False) + "\n")
EOF

start=$(date +%s)
PYSPARK_PYTHON="$PY" "$PY" scripts/spark/rex_pipe.py "$work/docs.jsonl" "$work/spark-out" \
    --rex "$REX" --data Gazetteers --master 'local[2]' --partitions 3 2> "$work/spark.log" \
    || { tail -n 60 "$work/spark.log" >&2; echo "test_spark: the Spark run failed" >&2; exit 1; }
echo "test_spark: Spark local run took $(( $(date +%s) - start )) s" >&2
cat "$work"/spark-out/part-* > "$work/spark.jsonl"
"$REX" annotate --quiet Corpus/raw Corpus/html > "$work/files.jsonl"
"$REX" annotate --quiet --stdin-jsonl < "$work/docs.jsonl" > "$work/stdin.jsonl"

"$PY" - "$work/spark.jsonl" "$work/files.jsonl" "$work/stdin.jsonl" <<'EOF'
import json, sys
def load(path, drop_path):
    docs = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        if drop_path:
            d.get("source", {}).pop("path", None)
        docs.append(d)
    return docs
spark, files, stdin = load(sys.argv[1], False), load(sys.argv[2], True), load(sys.argv[3], False)
if not files:
    sys.exit("test_spark: rex annotate wrote nothing")
if [d["id"] for d in spark] != [d["id"] for d in files]:
    sys.exit(f"test_spark: Spark wrote {[d['id'] for d in spark]}, rex annotate {[d['id'] for d in files]}")
for s, f, i in zip(spark, files, stdin):
    if s != i:
        sys.exit(f"test_spark: {s['id']}: Spark's document differs from rex annotate --stdin-jsonl's")
    if s != f:
        keys = sorted(k for k in set(s) | set(f) if s.get(k) != f.get(k))
        sys.exit(f"test_spark: {s['id']}: Spark's document differs from rex annotate's in {keys}")
print(f"test_spark: {len(spark)} documents from Spark equal rex annotate's")
EOF
