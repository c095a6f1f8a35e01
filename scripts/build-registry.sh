#!/usr/bin/env bash
# Rebuilds the built-in registry of documents, rules/registry/documents.tsv, from the 13,921
# published documents of ../shared/dataset: each document's own header and metadata block, and
# the dated citations of it in the others, voted on (`rasoat registry build`, see
# src/registry/builder.rs). The same documents give the same bytes.
#
#   scripts/build-registry.sh [--min-votes N]
#
# The archive is extracted to target/dataset (once). Skips, with a message and exit code 0, when
# ../shared/dataset is not there (it is not shipped with the project).
set -euo pipefail
cd "$(dirname "$0")/.."
archive=../shared/dataset/documents.tar.xz
if [[ ! -f $archive ]]; then
  echo "build-registry: skipped: $archive is not there (../shared is not shipped with the project)" >&2
  exit 0
fi
if [[ ! -d target/dataset/documents ]]; then
  mkdir -p target/dataset && tar xJf "$archive" -C target/dataset
fi
cargo build --release --quiet
target/release/rasoat registry build target/dataset/documents \
  --output rules/registry/documents.tsv --force "$@"
