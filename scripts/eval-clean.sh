#!/usr/bin/env bash
# Scores `presslens clean` on the dev pages (GUIDE §4), pasted text and HTML, with the shipped
# models, and checks the seeds. The models were trained on these very pages, so these numbers
# are in-sample; scripts/cv-clean.sh gives the cross-validated ones.
#   usage: scripts/eval-clean.sh [SHARED_DIR]   (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
cases=$shared/data/extraction-dev/cases.jsonl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nice -n 10 cargo build --release --quiet --bin presslens
for mode in pasted html; do
  python3 "$shared/eval/make_inputs.py" "$mode" "$cases" > "$tmp/in-$mode.jsonl"
  target/release/presslens clean < "$tmp/in-$mode.jsonl" > "$tmp/pred-$mode.jsonl"
  all=$(python3 "$shared/eval/score_clean.py" "$cases" "$tmp/pred-$mode.jsonl" | tail -1)
  en=$(python3 "$shared/eval/score_clean.py" "$cases" "$tmp/pred-$mode.jsonl" --lang en | tail -1)
  echo "$mode (shipped model, in-sample): all $all | en $en"
done
target/release/presslens analyze "$shared"/seeds/*.txt > "$tmp/seeds.json"
python3 "$shared/eval/check_seeds.py" "$shared/fixtures/seeds-gold.json" "$tmp/seeds.json" \
  | grep -vE '^FAIL [^ ]+ (entity|quote) ' | grep -E '^(FAIL|meta )' | sed -E 's/ entity .*//'
