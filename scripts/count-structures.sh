#!/usr/bin/env bash
# Reads the 13,921 documents of ../shared/dataset with rasoat's outline: every one must parse
# without an error or a panic; prints how many attachments (by kind), quotations, amending
# instructions and footnotes the outline finds (README, "Measured on the dataset").
#
#   scripts/count-structures.sh [--jobs N]
#
# The archive is extracted to target/dataset (once). Skips, with a message and exit code 0, when
# ../shared/dataset is not there (it is not shipped with the project). Exit code 1 when a
# document fails to parse.
set -euo pipefail
cd "$(dirname "$0")/.."
archive=../shared/dataset/documents.tar.xz
if [[ ! -f $archive ]]; then
  echo "count-structures: skipped: $archive is not there (../shared is not shipped with the project)" >&2
  exit 0
fi
if [[ ! -d target/dataset/documents ]]; then
  mkdir -p target/dataset && tar xJf "$archive" -C target/dataset
fi
cargo build --release --quiet --example count_structures
echo "== $(git rev-parse --short HEAD 2>/dev/null || echo '?') $(date -u +%Y-%m-%d): target/dataset/documents"
target/release/examples/count_structures "$@" target/dataset/documents
