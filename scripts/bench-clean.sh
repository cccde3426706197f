#!/usr/bin/env bash
# Cleaning speed on the dev pages, one thread:
#  1. in process (decode + segment + clean, the shipped models), `presslens-train-clean bench`;
#  2. end to end through `presslens clean` (JSON in and out included).
# Each prints MB of input text per second of wall time; the CPU seconds are printed too, since
# on a shared machine wall time also counts other people's jobs.
#   usage: scripts/bench-clean.sh [REPS] [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-20}
shared=${2:-../shared}
cases=$shared/data/extraction-dev/cases.jsonl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet --bin presslens --bin presslens-train-clean
for mode in text html; do
  r=$reps; [ "$mode" = html ] && r=$(( (reps + 4) / 5 ))
  /usr/bin/time -f "  (%U s CPU, %e s wall)" target/release/presslens-train-clean bench --mode "$mode" --reps "$r" --cases "$cases"
done
python3 "$shared/eval/make_inputs.py" pasted "$cases" > "$tmp/one.jsonl"
for _ in $(seq "$reps"); do cat "$tmp/one.jsonl"; done > "$tmp/in.jsonl"
bytes=$(python3 -c "
import json,sys
print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1])))" "$tmp/in.jsonl")
/usr/bin/time -f "%U %e" -o "$tmp/t" target/release/presslens clean < "$tmp/in.jsonl" > /dev/null
read -r cpu wall < "$tmp/t"
python3 -c "
b=$bytes; print(f'presslens clean (CLI, pasted): {b/1e6:.1f} MB in {$wall:.2f} s wall = {b/1e6/$wall:.1f} MB/s ({b/1e6/max($cpu,0.01):.1f} MB per CPU second)')"
