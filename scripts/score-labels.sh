#!/usr/bin/env bash
# Scores `rasoat check` on the judged corpus: precision, kept TRUE findings, error precision,
# missed mistakes now found, FALSE findings still reported and findings still to judge.
#
#   scripts/score-labels.sh [--unlabeled FILE]
#
# Reads the shared labels (../shared/labels, for development and CI) and the project's own
# (tests/labels/corpus); documents come from ../shared/corpus. With --unlabeled FILE the findings
# without a label are written there as findings.tsv rows to judge.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
if [[ ! -d $shared/labels || ! -d $shared/corpus ]]; then
  echo "score-labels: $shared/labels and $shared/corpus are needed (not shipped with the project)" >&2
  exit 2
fi
cargo build --release --quiet --example score
exec target/release/examples/score \
  --labels "$shared/labels" --labels tests/labels/corpus \
  --documents "$shared/corpus" "$@"
