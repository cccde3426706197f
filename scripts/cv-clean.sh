#!/usr/bin/env bash
# Cross-validated cleaning scores: K folds by site (a page is always cleaned by a model trained
# without any page of its site), for pasted text and HTML, all pages and English only.
#   usage: scripts/cv-clean.sh [text|html|both] [FOLDS] [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-both}
folds=${2:-5}
shared=${3:-../shared}
cases=$shared/data/extraction-dev/cases.jsonl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nice -n 10 cargo build --release --quiet --bin presslens-train-clean
modes=(text html)
[ "$which" = both ] || modes=("$which")
for mode in "${modes[@]}"; do
  nice -n 10 target/release/presslens-train-clean cv --mode "$mode" --folds "$folds" --cases "$cases" \
    > "$tmp/cv-$mode.jsonl" 2> "$tmp/cv-$mode.log"
  python3 "$shared/eval/score_clean.py" "$cases" "$tmp/cv-$mode.jsonl" --per-doc "${CV_PER_DOC:-/dev/null}" | sed -n '3,6p'
  all=$(python3 "$shared/eval/score_clean.py" "$cases" "$tmp/cv-$mode.jsonl" | tail -1)
  en=$(python3 "$shared/eval/score_clean.py" "$cases" "$tmp/cv-$mode.jsonl" --lang en | tail -1)
  echo "$mode ($folds-fold CV by site): all $all | en $en"
done
