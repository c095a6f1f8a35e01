#!/usr/bin/env python3
"""Mines doubled syllables (`các các`) from the dataset: the evidence behind SPELL-DOUBLED-WORD.

    scripts/mine-doubled-words.py [DOCUMENTS_DIR]   (default target/dataset/documents, as
                                                      scripts/score-labels.sh extracts it)

For each syllable seen doubled it prints: the documents holding the syllable, the documents
holding it doubled, and the share of doubled occurrences that look like slips: where the text
with one copy removed (`a w b` for `a w w b`) is common elsewhere (3 documents or more) while
`a w w b` itself is rare (2 documents at most). Syllables whose doubling is often right
(`hành vi vi phạm`, `tiếp theo theo quy định`, `dần dần`) show a low share; the rule checks only
function words with a high share, read through by hand (rules/spelling/SPELL-DOUBLED-WORD.toml).
"""
import collections
import os
import re
import sys

folder = sys.argv[1] if len(sys.argv) > 1 else "target/dataset/documents"
if not os.path.isdir(folder):
    sys.exit(f"mine-doubled-words: {folder} not found (run scripts/score-labels.sh first)")
token = re.compile(r"[^\W\d_]+|[^\w\s]|\d+")
word = re.compile(r"[^\W\d_]+")
texts, occurrences = {}, []
four = collections.defaultdict(set)
df = collections.Counter()
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
        low = [t.lower() for t in token.findall(f.read())]
    texts[name] = low
    df.update({t for t in low if word.fullmatch(t)})
    for i in range(1, len(low) - 2):
        if low[i] == low[i + 1] and low[i].isalpha():
            a, w, b = low[i - 1], low[i], low[i + 2]
            occurrences.append((name, a, w, b))
            four[(a, w, w, b)].add(name)
needed = {(a, w, b) for (_, a, w, b) in occurrences}
three = collections.defaultdict(set)
for name, low in texts.items():
    for i in range(len(low) - 2):
        k = (low[i], low[i + 1], low[i + 2])
        if k in needed:
            three[k].add(name)
stats = collections.defaultdict(lambda: [0, 0, set()])
for name, a, w, b in occurrences:
    s = stats[w]
    s[0] += 1
    s[2].add(name)
    if len(three[(a, w, b)] - {name}) >= 3 and len(four[(a, w, w, b)]) <= 2:
        s[1] += 1
print("syllable\tdocuments\tdoubled_in\tslip_share")
for w, (n, slips, names) in sorted(stats.items(), key=lambda kv: -df[kv[0]]):
    if n >= 3:
        print(f"{w}\t{df[w]}\t{len(names)}\t{slips / n:.2f}")
