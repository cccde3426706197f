#!/usr/bin/env bash
# Trains the cleaner's two block classifiers on all 91 dev pages and writes the shipped models,
# models/clean-text.model and models/clean-html.model: one deterministic command (no sampling, no
# seeds; a rerun writes the same bytes), about a minute on 2 cores. Then rebuilds, since the
# models are embedded with include_str!. Cross-validated scores: scripts/cv-clean.sh.
#   usage: scripts/train-clean.sh [SHARED_DIR]   (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
cases=$shared/data/extraction-dev/cases.jsonl
nice -n 10 cargo build --release --quiet --bin presslens-train-clean
bin=${CARGO_TARGET_DIR:-target}/release
nice -n 10 "$bin"/presslens-train-clean train --mode text --cases "$cases" &
pid=$!
nice -n 10 "$bin"/presslens-train-clean train --mode html --cases "$cases"
wait "$pid"
nice -n 10 cargo build --release --quiet --bins
sha256sum models/clean-text.model models/clean-html.model
