#!/usr/bin/env bash
# README's first command: installs what rex needs, builds it, and annotates the bundled corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
swift build -c release --product rex
mkdir -p out
.build/release/rex annotate Corpus/raw --out out/corpus.jsonl
echo "wrote out/corpus.jsonl: $(wc -l < out/corpus.jsonl) annotated documents" >&2
head -c 600 out/corpus.jsonl; echo
