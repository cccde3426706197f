#!/usr/bin/env bash
# Cleaning speed: the dev pages' pasted text (or HTML), repeated REPS times, through
# `presslens clean` (JSON in and out included), in MB of input text per second.
#   usage: scripts/bench-clean.sh [pasted|html] [REPS] [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-pasted}
reps=${2:-20}
shared=${3:-../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet --bin presslens
python3 "$shared/eval/make_inputs.py" "$mode" "$shared/data/extraction-dev/cases.jsonl" > "$tmp/one.jsonl"
for _ in $(seq "$reps"); do cat "$tmp/one.jsonl"; done > "$tmp/in.jsonl"
bytes=$(python3 -c "
import json,sys
print(sum(len((json.loads(l).get('text') or json.loads(l).get('html')).encode()) for l in open(sys.argv[1])))" "$tmp/in.jsonl")
start=$(date +%s.%N)
target/release/presslens clean < "$tmp/in.jsonl" > /dev/null
end=$(date +%s.%N)
python3 -c "
b=$bytes; t=$end-$start
print(f'$mode: {b/1e6:.1f} MB of input text in {t:.2f} s = {b/1e6/t:.1f} MB/s (one thread, JSON in and out included)')"
