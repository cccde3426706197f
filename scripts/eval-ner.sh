#!/usr/bin/env bash
# Reproduces every number reported for the entity tagger (issue 5), with the GUIDE §4 commands:
# CoNLL dev F1 (natural and tokenized text, 4 labels, exact, per label), model size, tagging
# speed and model load time, and the seed articles' entity check.
#
# Usage: scripts/eval-ner.sh            (from anywhere; builds the release binaries first)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
cargo build --release --bins --quiet
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for split in dev.detok dev; do
  gold="$shared/data/conll2003/$split.jsonl"
  python3 "$shared/eval/make_inputs.py" ner "$gold" > "$tmp/in.jsonl"
  target/release/presslens ner < "$tmp/in.jsonl" > "$tmp/pred.jsonl"
  echo "== $split.jsonl (PER,ORG,LOC,MISC, exact)"
  python3 "$shared/eval/score_ner.py" "$gold" "$tmp/pred.jsonl" --labels PER,ORG,LOC,MISC | grep -v '^note'
done

echo "== model size"
raw=$(wc -c < models/ner.model)
gz=$(gzip -9 -c models/ner.model | wc -c)
echo "models/ner.model: $raw bytes raw, $gz bytes gzipped"

echo "== speed (one core) and load time"
target/release/presslens-train bench "$shared/data/conll2003/dev.detok.jsonl"

echo "== seeds (entity line; canonical names are partly the resolve stage's job)"
target/release/presslens analyze "$shared"/seeds/*.txt > "$tmp/seeds.json"
python3 "$shared/eval/check_seeds.py" "$shared/fixtures/seeds-gold.json" "$tmp/seeds.json" | grep -E '^(meta|SCORE)' || true
