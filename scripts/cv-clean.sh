#!/usr/bin/env bash
# Cross-validated cleaning scores. K folds by site: a page is always cleaned by a model trained
# without any page of its site (and without the other view of its own page). Each seed is
# another honest split of the sites into folds; the mean over seeds is the number to quote.
# Scored by ../shared/eval/score_clean.py (mean per-document bag-of-words F1), all pages and
# English only.
#   usage: scripts/cv-clean.sh [text|html|both] [FOLDS] [SEEDS] [SHARED_DIR]
#   e.g.   scripts/cv-clean.sh both 5 "0 1 2"
#   CV_ARGS="--trees 60 --depth 4" scripts/cv-clean.sh ...   passes training options through
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-both}
folds=${2:-5}
seeds=${3:-0 1 2}
shared=${4:-../shared}
cases=$shared/data/extraction-dev/cases.jsonl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nice -n 10 cargo build --release --quiet --bin presslens-train-clean
bin=${CARGO_TARGET_DIR:-target}/release
modes=(text html)
[ "$which" = both ] || modes=("$which")
for mode in "${modes[@]}"; do
  scores=()
  for seed in $seeds; do
    nice -n 10 "$bin"/presslens-train-clean cv --mode "$mode" --folds "$folds" --seed "$seed" \
      --cases "$cases" ${CV_ARGS:-} > "$tmp/cv.jsonl" 2> "$tmp/cv.log"
    all=$(python3 "$shared/eval/score_clean.py" "$cases" "$tmp/cv.jsonl" | tail -1 | cut -d' ' -f2)
    en=$(python3 "$shared/eval/score_clean.py" "$cases" "$tmp/cv.jsonl" --lang en | tail -1 | cut -d' ' -f2)
    echo "$mode seed $seed: all F1 $all | en F1 $en"
    scores+=("$all $en")
  done
  printf '%s\n' "${scores[@]}" | awk -v m="$mode" -v k="$folds" \
    '{a+=$1; e+=$2; n++} END {printf "%s (%d-fold CV by site, mean of %d splits): all F1 %.4f | en F1 %.4f\n", m, k, n, a/n, e/n}'
done
