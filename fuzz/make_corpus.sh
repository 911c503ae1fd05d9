#!/usr/bin/env bash
# Writes the seed corpus for the fuzz targets from the documentation samples (not committed):
#   fuzz/make_corpus.sh [SAMPLES_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
samples="${1:-$here/../../shared/doc-samples}"
for target in read_envelope read_any_element stream_response; do
  mkdir -p "$here/corpus/$target"
  for f in "$samples"/*.xml; do
    # The documentation's https envelope-namespace typo would stop every read at the root.
    sed 's#https://schemas.xmlsoap.org/soap/envelope/#http://schemas.xmlsoap.org/soap/envelope/#' "$f" \
      > "$here/corpus/$target/$(basename "$f")"
  done
done
echo "seed corpus: $(ls "$here/corpus/read_envelope" | wc -l) files per target"
