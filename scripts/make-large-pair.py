#!/usr/bin/env python3
"""Builds the large benchmark pair: one ~5 MB document made of the corpus fixtures' bodies, and a
second round of it with 1 % of its paragraphs edited (a word replaced, deleted or inserted).

Deterministic (fixed seed), so that benchmark numbers are comparable between runs.
Usage: scripts/make-large-pair.py OUT_DIR [TARGET_MB]
"""
import pathlib
import random
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root / "target" / "bench-data")
target = int(float(sys.argv[2] if len(sys.argv) > 2 else 5) * 1024 * 1024)
out.mkdir(parents=True, exist_ok=True)

header = """ỦY BAN NHÂN DÂN
TỈNH THỬ NGHIỆM

Số: /KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Thử Nghiệm, ngày tháng năm 2025

DỰ THẢO

KẾ HOẠCH

Tổng hợp văn bản để đo hiệu năng

"""
# Lines that would start a new document or a header are left out: the pair is one document.
# So are the closing blocks (Nơi nhận, signature) that would end the body early.
skip = re.compile(
    r"CỘNG|CHỦ NGHĨA VIỆT NAM|^\W*Số[:.]?\s*$|^\W*Số[:.]|Độc lập|Nơi nhận|Kính gửi|^\W*-?\s*Lưu"
    r"|^\W*(TM|KT|TL|TUQ|Q)\.|^\W*[A-ZĐÀ-Ỹ ]+$"
)
paragraphs = []
for path in sorted((root / "tests" / "fixtures" / "corpus").glob("*.md")):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not skip.search(line):
            paragraphs.append(line)

body, size, section = [], len(header.encode()), 0
while size < target:
    for p in paragraphs:
        if size >= target:
            break
        if len(body) % 40 == 0:
            section += 1
            heading = f"{section}. Nhóm nội dung số {section}"
            body.append(heading)
            size += len(heading.encode()) + 2
        body.append(p)
        size += len(p.encode()) + 2

rng = random.Random(2023)
edited = list(body)
for i in rng.sample(range(len(body)), max(1, len(body) // 100)):
    words = edited[i].split(" ")
    k = rng.randrange(len(words))
    action = rng.choice(["replace", "delete", "insert"])
    if action == "replace":
        words[k] = "sửa đổi"
    elif action == "delete" and len(words) > 1:
        del words[k]
    else:
        words.insert(k, "bổ sung")
    edited[i] = " ".join(words)

(out / "large-old.txt").write_text(header + "\n\n".join(body) + "\n", encoding="utf-8")
(out / "large-new.txt").write_text(header + "\n\n".join(edited) + "\n", encoding="utf-8")
print(f"{out}/large-old.txt {size / 1024 / 1024:.1f} MB, {len(body)} paragraphs, {len(body) // 100} edited")
