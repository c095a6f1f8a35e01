#!/usr/bin/env bash
# Scores `rasoat check` on the judged documents: precision, kept TRUE findings, error precision,
# missed mistakes now found, FALSE findings still reported and findings still to judge.
#
#   scripts/score-labels.sh [--unlabeled FILE]
#
# Two judged sets, scored apart:
# - corpus: the 120 documents of ../shared/corpus, with the shared labels (../shared/labels) and
#   the project's own (tests/labels/corpus);
# - dataset: 300 documents of ../shared/dataset chosen by scripts/select-dataset-sample.py
#   (tests/labels/dataset; the archive is extracted to target/dataset).
# With --unlabeled FILE the findings without a label are written as findings.tsv rows to judge
# (FILE for the corpus, FILE with -dataset before .tsv for the dataset).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
if [[ ! -d $shared/labels || ! -d $shared/corpus ]]; then
  echo "score-labels: $shared/labels and $shared/corpus are needed (not shipped with the project)" >&2
  exit 2
fi
unlabeled=""
if [[ ${1:-} == --unlabeled ]]; then unlabeled=${2:?--unlabeled needs a file}; fi
cargo build --release --quiet --example score
score=target/release/examples/score

echo "== corpus: ../shared/corpus"
"$score" --labels "$shared/labels" --labels tests/labels/corpus --documents "$shared/corpus" \
  ${unlabeled:+--unlabeled "$unlabeled"}

if [[ -f $shared/dataset/documents.tar.xz ]]; then
  if [[ ! -d target/dataset/documents ]]; then
    mkdir -p target/dataset && tar xJf "$shared/dataset/documents.tar.xz" -C target/dataset
  fi
  echo
  echo "== dataset: $(wc -l < tests/labels/dataset/documents.txt) documents of ../shared/dataset"
  "$score" --labels tests/labels/dataset --documents target/dataset/documents \
    ${unlabeled:+--unlabeled "${unlabeled%.tsv}-dataset.tsv"}
fi
