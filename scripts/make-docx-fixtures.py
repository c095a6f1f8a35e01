#!/usr/bin/env python3
"""Builds the .docx samples and test fixtures from the seed's text rounds.

    pip install python-docx && python3 scripts/make-docx-fixtures.py

Writes (all committed; CI never runs this script):
  samples/seed-round1.docx          round 1: header in a two-column table, automatic numbering
                                    (I., 1., a), -) from numbering.xml instead of typed markers
  samples/seed-round2.docx          round 2: header in a two-column table, typed markers
  samples/seed-tracked.docx         round 1 edited into round 2 with tracked changes (w:ins/w:del,
                                    inserted and deleted paragraph marks)
  tests/fixtures/docx/tcvn3.docx    a short letter typed in TCVN3 (.VnTime) characters
  tests/fixtures/docx/footnotes*.docx
                                    a short letter with two footnotes (word/footnotes.xml); the same
                                    with one footnote's text edited; with tracked changes in a
                                    footnote and an inserted third footnote; with mistakes in its
                                    footnotes; with a malformed footnotes part
  tests/fixtures/docx/*.docx        malformed and hostile archives

    python3 scripts/make-docx-fixtures.py footnotes

writes the footnote fixtures alone (the others as they are).

The text samples they come from stay the reference: the tests require the same outline and the
same comparison from the .docx files as from samples/seed-2-draft-round1.txt and
samples/seed-3-draft-round2.txt.
"""

import difflib
import io
import re
import sys
import zipfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures" / "docx"
DATE = "2023-08-15T09:00:00Z"


def blocks(path):
    """The paragraphs of a text sample: one per line, bold markers dropped, with lines that go
    on in lower case after a line without final punctuation (a hard wrap, or a paragraph split
    by a page break) joined again."""
    lines = [l.replace("**", "").strip() for l in path.read_text(encoding="utf-8").split("\n")]
    header_end = next(i for i, l in enumerate(lines) if ", ngày" in l)
    header = [l for l in lines[: header_end + 1] if l]
    joined = []
    for para in (l for l in lines[header_end + 1 :] if l):
        marker = re.match(r"([a-zđ]\)|[-+•] |\d+\.|[IVXL]+\.)", para)
        if joined and not marker and not re.search(r"[.;:!?”\")]$", joined[-1]) and para[:1].islower():
            joined[-1] += " " + para
        else:
            joined.append(para)
    split = next(i for i, l in enumerate(header) if l.upper().startswith("CỘNG HÒA"))
    return header[:split], header[split:], joined


def header_table(document, left, right):
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right)):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


# --- automatic numbering -------------------------------------------------------------------

LEVELS = [
    ("upperRoman", "%1.", r"^([IVXL]+)\. "),
    ("decimal", "%2.", r"^(\d+)\. "),
    ("lowerLetter", "%3)", r"^([a-z])\) "),
    ("bullet", "-", r"^- "),
    ("bullet", "+", r"^\+ "),
]


def roman(n):
    out = ""
    for value, digits in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]:
        while n >= value:
            out += digits
            n -= value
    return out


def add_numbering(document):
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "10")
    for ilvl, (fmt, text, _) in enumerate(LEVELS):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in [("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)]:
            e = OxmlElement(tag)
            e.set(qn("w:val"), value)
            lvl.append(e)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "10")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "10")
    num.append(ref)
    numbering.append(num)


def numbered(paragraph, ilvl):
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, value in [("w:ilvl", str(ilvl)), ("w:numId", "10")]:
        e = OxmlElement(tag)
        e.set(qn("w:val"), value)
        numpr.append(e)
    ppr.append(numpr)


def with_numbering(document, body):
    """Adds body paragraphs, replacing typed markers by automatic numbering wherever Word's
    counters give the same label (a typed `đ)` or a gap stays typed)."""
    add_numbering(document)
    counters = [0] * len(LEVELS)
    for text in body:
        level = next(
            (i for i, (_, _, pat) in enumerate(LEVELS) if re.match(pat, text)), None
        )
        if level is None:
            document.add_paragraph(text)
            continue
        expected = counters[level] + 1
        label = {
            0: lambda n: roman(n) + ".",
            1: lambda n: f"{n}.",
            2: lambda n: chr(ord("a") + n - 1) + ")",
            3: lambda n: "-",
            4: lambda n: "+",
        }[level](expected)
        if not text.startswith(label + " "):
            document.add_paragraph(text)
            continue
        counters[level] = expected
        for deeper in range(level + 1, len(LEVELS)):
            counters[deeper] = 0
        numbered(document.add_paragraph(text[len(label) + 1 :]), level)


# --- tracked changes -----------------------------------------------------------------------

REVISION = [0]


def revision(tag):
    REVISION[0] += 1
    e = OxmlElement(tag)
    e.set(qn("w:id"), str(REVISION[0]))
    e.set(qn("w:author"), "Sở Nội vụ")
    e.set(qn("w:date"), DATE)
    return e


def run(text, deleted=False):
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    r.append(t)
    return r


def tracked_paragraph(document, pieces, mark=None):
    """A paragraph from (op, text) pieces; `mark` inserts or deletes its paragraph mark."""
    p = document.add_paragraph()._p
    if mark:
        ppr = p.get_or_add_pPr()
        rpr = OxmlElement("w:rPr")
        rpr.append(revision("w:ins" if mark == "insert" else "w:del"))
        ppr.append(rpr)
    for op, text in pieces:
        if op == "equal":
            p.append(run(text))
        else:
            wrapper = revision("w:ins" if op == "insert" else "w:del")
            wrapper.append(run(text, deleted=op == "delete"))
            p.append(wrapper)


def words(text):
    return re.findall(r"\S+\s*|\s+", text)


def tracked(document, old, new):
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for text in old[i1:i2]:
                tracked_paragraph(document, [("equal", text)])
            continue
        olds, news = old[i1:i2], new[j1:j2]
        # Pair replaced paragraphs one to one and diff their words; the rest are whole
        # paragraphs inserted or deleted.
        for k in range(max(len(olds), len(news))):
            a = olds[k] if k < len(olds) else None
            b = news[k] if k < len(news) else None
            if a is not None and b is not None:
                wa, wb = words(a), words(b)
                pieces = []
                for wop, a1, a2, b1, b2 in difflib.SequenceMatcher(
                    a=wa, b=wb, autojunk=False
                ).get_opcodes():
                    if wop == "equal":
                        pieces.append(("equal", "".join(wa[a1:a2])))
                    else:
                        if a2 > a1:
                            pieces.append(("delete", "".join(wa[a1:a2])))
                        if b2 > b1:
                            pieces.append(("insert", "".join(wb[b1:b2])))
                tracked_paragraph(document, pieces)
            elif a is not None:
                tracked_paragraph(document, [("delete", a)], mark="delete")
            else:
                tracked_paragraph(document, [("insert", b)], mark="insert")


# --- hostile archives ----------------------------------------------------------------------


def write_hostile():
    FIXTURES.mkdir(parents=True, exist_ok=True)
    (FIXTURES / "not-a-zip.docx").write_bytes(b"This is plain text saved with a .docx name.\n")
    good = (SAMPLES / "seed-round2.docx").read_bytes()
    (FIXTURES / "truncated.docx").write_bytes(good[: len(good) // 2])
    # An OLE compound file: what Word writes for a password-protected document.
    (FIXTURES / "encrypted.docx").write_bytes(
        bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/styles.xml", "<w:styles/>")
    (FIXTURES / "no-document.docx").write_bytes(buf.getvalue())
    # 200 MB of spaces compress to about 200 KB: a zip bomb against the 4 × 64 MiB default
    # would need more, so the test lowers --max-file-size.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * (8 * 1024 * 1024))
    (FIXTURES / "bomb.docx").write_bytes(buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Số: 12</w:t></w:r></w:p>'
            "<w:p><w:r><w:t>unclosed</w:r></w:p></w:body></w:document>",
        )
    (FIXTURES / "malformed-xml.docx").write_bytes(buf.getvalue())
    # An entity declared by the document must never be expanded (XXE, billion laughs).
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">'
            '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Kính gửi: Sở Nội vụ &amp; Sở Tư pháp&x;&lol2;</w:t></w:r></w:p>"
            "</w:body></w:document>",
        )
    (FIXTURES / "entities.docx").write_bytes(buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for i in range(10_001):
            z.writestr(f"x/{i}", b"")
    (FIXTURES / "many-entries.docx").write_bytes(buf.getvalue())


def tcvn3():
    lines = [
        "UBND TØNH SãC TR¡NG",
        "Sè: 12/UBND-VX",
        "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
        "§éc lËp - Tù do - H¹nh phóc",
        "Sãc Tr¨ng, ngµy 15 th¸ng 8 n¨m 2023",
        "V/v triÓn khai thi hµnh LuËt Thùc hiÖn d©n chñ ë c¬ së",
        "KÝnh göi: Së Néi vô.",
        "Uû ban nh©n d©n tØnh ®Ò nghÞ c¸c së, ban, ngµnh triÓn khai thùc hiÖn.",
        "N¬i nhËn:",
        "- Nh­ trªn;",
        "- L­u: VT, VX.",
    ]
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line).runs[0].font.name = ".VnTime"
    document.save(FIXTURES / "tcvn3.docx")


# --- footnotes -----------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

LETTER_HEADER = [
    "ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG",
    "Số: 12/UBND-VX",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Sóc Trăng, ngày 15 tháng 8 năm 2023",
    "V/v triển khai thi hành Luật Thực hiện dân chủ ở cơ sở",
    "Kính gửi: Sở Nội vụ.",
]
LETTER_CLOSING = [
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT, VX.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Trần Văn Lâu",
]
NOTE_1 = "Luật số 10/2022/QH15 ngày 10 tháng 11 năm 2022 của Quốc hội."
NOTE_2_OLD = "quy định chi tiết một số điều"
NOTE_2_NEW = "quy định chi tiết và hướng dẫn thi hành một số điều"
NOTE_2 = "Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ {} của Luật Thực hiện dân chủ ở cơ sở."
NOTE_3 = "Kế hoạch số 45/KH-UBND ngày 20 tháng 7 năm 2023 của Ủy ban nhân dân tỉnh."


def reference_run(note_id):
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    rpr.append(align)
    r.append(rpr)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(note_id))
    r.append(ref)
    return r


def footnote_xml(note_id, runs):
    """A footnote: its own mark (`w:footnoteRef`), then `runs` (XML of runs, tracked or not)."""
    return (
        f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{runs}</w:p></w:footnote>'
    )


def text_run(text, deleted=False):
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def footnotes_part(notes):
    # Word's separator and continuation separator come first; they are layout, not notes.
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>" + "".join(notes) + "</w:footnotes>"
    )


def with_part(document_bytes, part_xml):
    """The .docx with word/footnotes.xml added (its relationship and content type too), every
    entry dated DATE so that the file is the same on every run."""
    source = zipfile.ZipFile(io.BytesIO(document_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        names = source.namelist()
        for name in names + ["word/footnotes.xml"]:
            data = part_xml.encode("utf-8") if name == "word/footnotes.xml" else source.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_TYPE}"/></Types>'.encode(),
                )
            elif name == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdFootnotes" Type="{FOOTNOTES_REL}" Target="footnotes.xml"/></Relationships>'.encode(),
                )
            info = zipfile.ZipInfo(name, date_time=(2023, 8, 15, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()


def letter(body_runs):
    """The letter with one body paragraph made of `body_runs`: text, a footnote id, or
    ("insert", text, id) for text and a reference inserted by a tracked change."""
    d = docx.Document()
    for line in LETTER_HEADER:
        d.add_paragraph(line)
    p = d.add_paragraph()._p
    for piece in body_runs:
        if isinstance(piece, str):
            p.append(run(piece))
        elif isinstance(piece, tuple):
            wrapper = revision("w:ins")
            wrapper.append(run(piece[1]))
            wrapper.append(reference_run(piece[2]))
            p.append(wrapper)
        else:
            p.append(reference_run(piece))
    for line in LETTER_CLOSING:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def footnotes():
    FIXTURES.mkdir(parents=True, exist_ok=True)
    body = [
        "Thực hiện Luật Thực hiện dân chủ ở cơ sở",
        1,
        " và Nghị định số 59/2023/NĐ-CP",
        2,
        ", Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành triển khai thực hiện.",
    ]
    plain = letter(body)
    note1 = footnote_xml(1, text_run(NOTE_1))
    for name, second in [("footnotes.docx", NOTE_2_OLD), ("footnotes-edited.docx", NOTE_2_NEW)]:
        part = footnotes_part([note1, footnote_xml(2, text_run(NOTE_2.format(second)))])
        (FIXTURES / name).write_bytes(with_part(plain, part))
    # Tracked changes: the words of footnote 2 edited, and a third footnote inserted.
    before, after = NOTE_2.split("{}")
    tracked_note = (
        text_run(before)
        + f'<w:del w:id="901" w:author="Sở Nội vụ" w:date="{DATE}">{text_run(NOTE_2_OLD, True)}</w:del>'
        + f'<w:ins w:id="902" w:author="Sở Nội vụ" w:date="{DATE}">{text_run(NOTE_2_NEW)}</w:ins>'
        + text_run(after)
    )
    tracked_body = body[:-1] + [("insert", " theo Kế hoạch của Ủy ban nhân dân tỉnh", 3), body[-1]]
    part = footnotes_part(
        [note1, footnote_xml(2, tracked_note), footnote_xml(3, text_run(NOTE_3))]
    )
    (FIXTURES / "footnotes-tracked.docx").write_bytes(with_part(letter(tracked_body), part))
    # Mistakes in footnotes, for the text rules: a doubled space, a wrongly capitalised name.
    part = footnotes_part(
        [
            footnote_xml(1, text_run(NOTE_1.replace(" của Quốc hội", "  của Quốc hội"))),
            footnote_xml(2, text_run(NOTE_3.replace("Ủy ban nhân dân", "Ủy Ban Nhân Dân"))),
        ]
    )
    (FIXTURES / "footnotes-mistakes.docx").write_bytes(with_part(plain, part))
    # A footnotes part cut short: a clear error naming the part.
    broken = footnotes_part([note1]).replace("</w:t></w:r></w:p></w:footnote></w:footnotes>", "</w:r>")
    (FIXTURES / "malformed-footnotes.docx").write_bytes(with_part(plain, broken))
    for name in ["footnotes.docx", "footnotes-edited.docx", "footnotes-tracked.docx", "footnotes-mistakes.docx"]:
        docx.Document(FIXTURES / name)


def main():
    if sys.argv[1:] == ["footnotes"]:
        footnotes()
        print("written:", *sorted(p.name for p in FIXTURES.glob("footnotes*.docx")), "malformed-footnotes.docx")
        return
    left1, right1, body1 = blocks(SAMPLES / "seed-2-draft-round1.txt")
    left2, right2, body2 = blocks(SAMPLES / "seed-3-draft-round2.txt")

    d = docx.Document()
    header_table(d, left1, right1)
    with_numbering(d, body1)
    d.save(SAMPLES / "seed-round1.docx")

    d = docx.Document()
    header_table(d, left2, right2)
    for text in body2:
        d.add_paragraph(text)
    d.save(SAMPLES / "seed-round2.docx")

    d = docx.Document()
    tracked(d, left1 + right1 + body1, left2 + right2 + body2)
    d.save(SAMPLES / "seed-tracked.docx")

    FIXTURES.mkdir(parents=True, exist_ok=True)
    tcvn3()
    footnotes()
    write_hostile()
    # python-docx must read back what it wrote.
    for path in [SAMPLES / "seed-round1.docx", SAMPLES / "seed-round2.docx"]:
        docx.Document(path)
    print("written:", *sorted(p.name for p in SAMPLES.glob("*.docx")), *sorted(p.name for p in FIXTURES.glob("*.docx")))


if __name__ == "__main__":
    sys.exit(main())
