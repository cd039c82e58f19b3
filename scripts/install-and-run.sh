#!/usr/bin/env bash
# README's first command: installs what rex needs, builds it, and annotates the bundled corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
swift build -c release --product rex
mkdir -p out
# Every bundled report (the seeds and the HTML pages): one document/1 JSON line each, kept whole in
# out/corpus.jsonl and printed cut to the terminal's width (a line holds the whole annotated document).
.build/release/rex annotate Corpus/raw Corpus/html | tee out/corpus.jsonl | cut -c1-"${COLUMNS:-160}"
echo "wrote out/corpus.jsonl: $(wc -l < out/corpus.jsonl) annotated documents" >&2
