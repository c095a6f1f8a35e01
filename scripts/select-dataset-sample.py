#!/usr/bin/env python3
"""Chooses the dataset documents the project labels (tests/labels/dataset/documents.txt).

The shared dataset (../shared/dataset/documents.tar.xz, extracted to target/dataset) holds a few
hundred administrative documents among many thousands of web articles. The sample is every
administrative document that is not already in the shared corpus (a Quốc hiệu or the Đảng header
and a "Số:" line), plus 30 other texts spread evenly over the rest, so that the labels also show
what rasoat reports on a text that is not an administrative document. Deterministic: the same
dataset gives the same list.

    scripts/select-dataset-sample.py > tests/labels/dataset/documents.txt
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
TARGET = os.path.join(ROOT, "target", "dataset")
OTHER_TEXTS = 30

HEADER = re.compile(r"CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM")
NUMBER_LINE = re.compile(r"(?m)^\W*Số:\s*\S")


def extract():
    docs = os.path.join(TARGET, "documents")
    if not os.path.isdir(docs):
        os.makedirs(TARGET, exist_ok=True)
        archive = os.path.join(SHARED, "dataset", "documents.tar.xz")
        subprocess.run(["tar", "xJf", archive, "-C", TARGET], check=True)
    return docs


def is_administrative(text):
    flat = re.sub(r"[\s*|]+", " ", text)
    return bool(HEADER.search(flat)) and bool(NUMBER_LINE.search(text))


def main():
    docs = extract()
    corpus = set(os.listdir(os.path.join(SHARED, "corpus")))
    admin, other = [], []
    for name in sorted(os.listdir(docs)):
        if name in corpus:
            continue
        with open(os.path.join(docs, name), encoding="utf-8") as f:
            (admin if is_administrative(f.read()) else other).append(name)
    step = max(1, len(other) // OTHER_TEXTS)
    chosen = admin + other[::step][:OTHER_TEXTS]
    sys.stdout.write("".join(n + "\n" for n in sorted(chosen)))
    print(f"{len(admin)} administrative documents, {min(OTHER_TEXTS, len(other))} other texts",
          file=sys.stderr)


if __name__ == "__main__":
    main()
