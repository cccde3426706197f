#!/usr/bin/env bash
# Trains the entity tagger from scratch and re-embeds it: one deterministic command (seed 1;
# a rerun writes the same bytes), 9–15 minutes on 2 cores (by load), most of it Brown clustering of the
# unlabeled newswire; the two perceptron passes (with 5-fold first-pass tags) take ~30 s.
#
#   scripts/train.sh                     # word classes, training, models/ner.model
#   scripts/train.sh --reuse-clusters    # skip clustering when target/presslens-train/ has it
#
# Reads ../shared/data (CoNLL-2003, Reuters-21578: research-use, never committed) and
# models/gazetteers.txt (scripts/build-gazetteers.sh). Extra arguments go to presslens-train
# (see `target/release/presslens-train --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin presslens-train --quiet
time nice -n 10 target/release/presslens-train "$@"
# The model is embedded with include_bytes!: rebuild so the binaries carry the new one.
cargo build --release --bins --quiet
