#!/usr/bin/env bash
# The sample articles against their gold (GUIDE §4): prints each failed check and `SCORE p/t`.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
target/release/presslens analyze ../shared/seeds/*.txt > "$out"
python3 ../shared/eval/check_seeds.py ../shared/fixtures/seeds-gold.json "$out"
rm -f "$out"
