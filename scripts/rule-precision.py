#!/usr/bin/env python3
"""Writes each rule's measured precision into its rule file (`precision = "…"`).

    scripts/score-labels.sh > /tmp/score.txt && scripts/rule-precision.py /tmp/score.txt

Reads the per-rule tables of the scorer's report (rule, TRUE, FALSE, DEBATABLE, unlabelled,
precision, kept), sums them over the judged sets (the corpus and the dataset) and sets, in
rules/*/*.toml, the line after `severity = …`.
"""
import pathlib
import re
import sys

DOCS = 420  # 120 corpus documents and 300 of the dataset


def table(report: str) -> dict:
    rows = {}
    lines = report.splitlines()
    starts = [i for i, l in enumerate(lines) if l.startswith("rule\tTRUE")]
    for start in starts:
        for line in lines[start + 1:]:
            if not line.strip() or "\t" not in line:
                break
            rule, t, f, d, u, _p, _k = line.split("\t")
            old = rows.get(rule, (0, 0, 0, 0))
            rows[rule] = tuple(a + int(b) for a, b in zip(old, (t, f, d, u)))
    return rows


def text(counts) -> str:
    if counts is None:
        return f"chưa đo: không có phát hiện nào trên {DOCS} văn bản đã chấm"
    t, f, d, u = counts
    pending = f", {u} phát hiện chưa chấm" if u else ""
    if t + f == 0:
        return f"chưa đo: {d} còn bàn{pending} ({DOCS} văn bản đã chấm)"
    value = f"{t / (t + f):.2f}".replace(".", ",")
    return f"{value} — {t} đúng, {f} sai, {d} còn bàn{pending} ({DOCS} văn bản đã chấm)"


def main() -> None:
    rows = table(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
    for path in sorted(pathlib.Path("rules").glob("*/*.toml")):
        source = path.read_text(encoding="utf-8")
        rule = re.search(r'^id = "([^"]+)"', source, re.M).group(1)
        line = f'precision = "{text(rows.get(rule))}"'
        source = re.sub(r'^precision = ".*"\n', "", source, flags=re.M)
        source = re.sub(r'^(severity = "[a-z]+"\n)', lambda m: m.group(1) + line + "\n",
                        source, count=1, flags=re.M)
        path.write_text(source, encoding="utf-8")


if __name__ == "__main__":
    main()
