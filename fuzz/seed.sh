#!/usr/bin/env bash
# Builds fuzz/seeds/TARGET/ from the samples and fixtures (regenerated on every run, not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf fuzz/seeds
for t in load_text outline compare rules rule_file docx numbering documents; do mkdir -p "fuzz/seeds/$t"; done
texts=(samples/*.txt tests/fixtures/corpus/*.md)
for f in "${texts[@]}"; do
    n=$(basename "$f")
    for t in load_text outline rules; do cp "$f" "fuzz/seeds/$t/$n"; done
done
# Pairs for compare: OLD, a NUL byte, NEW.
pair() { { cat "$1"; printf '\0'; cat "$2"; } >"fuzz/seeds/compare/$3"; }
pair samples/seed-2-draft-round1.txt samples/seed-3-draft-round2.txt seed
pair samples/quyet-dinh-v1.txt samples/quyet-dinh-v2.txt quyet-dinh
pair samples/cong-van-v1.txt samples/cong-van-v2.txt cong-van
cp rules/*/*.toml fuzz/seeds/rule_file/
cp samples/*.docx tests/fixtures/docx/*.docx fuzz/seeds/docx/
# The XML parts of the samples, as the docx target reads text input: document NUL numbering NUL
# styles NUL footnotes NUL endnotes.
python3 - <<'PY'
import zipfile, glob, os
for path in glob.glob("samples/*.docx") + glob.glob("tests/fixtures/docx/footnotes*.docx"):
    z = zipfile.ZipFile(path)
    names = set(z.namelist())
    parts = [z.read(n) if n in names else b"" for n in ("word/document.xml", "word/numbering.xml", "word/styles.xml", "word/footnotes.xml", "word/endnotes.xml")]
    open(os.path.join("fuzz/seeds/docx", os.path.basename(path) + ".xml"), "wb").write(b"\0".join(parts))
PY
# numbering and documents read their input as a stream of choices (see src/fuzzing.rs): the
# inputs kept in tests/fixtures/fuzz/ and the samples' bytes are as good seeds as any.
for t in numbering documents; do
    cp tests/fixtures/fuzz/$t/* "fuzz/seeds/$t/"
    for f in samples/*.txt; do head -c 2048 "$f" >"fuzz/seeds/$t/$(basename "$f")"; done
done
