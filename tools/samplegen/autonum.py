"""The same cards typed with Hangul's automatic numbering and bullets (HWPX).

Takes a generated HWPX sample (hwp-converter-ai's writer) and rewrites it as
Hangul stores a document whose paragraph heads are automatic: the typed
`1.`, `가.`, `1)`, `①`, `○`, `-` are removed from the text, and each such
paragraph points (paraPrIDRef) at a paragraph shape whose `hh:heading`
names a numbering (`hh:numbering`, one `hh:paraHead` per level) or a bullet
(`hh:bullet`). A head is made automatic only where Hangul's counting would
show exactly what was typed (a level counts on from its start and restarts
under a higher level); any other head stays typed.

The result is read back with zipfile + ElementTree (not cardex's reader):
no converted paragraph may keep its head in its text, and every one must
reference a shape whose heading is defined in the header.

    python -m tools.samplegen.autonum
"""

from __future__ import annotations

import copy
import json
import re
import zipfile
from pathlib import Path

from lxml import etree

from tools.paths import GOLDEN, ROOT

HWPX = ROOT / "samples" / "hwpx"
GENERATED = GOLDEN / "generated"
DOCS = ["gu-single-1", "vb-single", "vd-single"]
HH = "http://www.hancom.co.kr/hwpml/2011/head"
HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"

# typed head -> (numbering template, style, how to read the typed counter)
NUMBERS = [
    (re.compile(r"^(\d{1,2})\. "), "^N.", "DIGIT", int),
    (re.compile(r"^([가-하])\. "), "^N.", "HANGUL_SYLLABLE", lambda s: "가나다라마바사아자차카타파하".index(s) + 1),
    (re.compile(r"^(\d{1,2})\) "), "^N)", "DIGIT", int),
    (re.compile(r"^\((\d{1,2})\) "), "(^N)", "DIGIT", int),
    (re.compile(r"^([①-⑳]) "), "^N", "CIRCLED_DIGIT", lambda s: ord(s) - 0x2460 + 1),
]
BULLETS = re.compile(r"^([○\-▸ㅇ·□◦•]) ")


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _first_t(p):
    for t in p.iter(_q(HP, "t")):
        if t.text:
            return t
    return None


def convert(source: Path, target: Path) -> int:
    with zipfile.ZipFile(source) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
        infos = package.infolist()
    header = etree.fromstring(parts["Contents/header.xml"])
    section = etree.fromstring(parts["Contents/section0.xml"])

    levels: list[tuple[str, str]] = []  # (template, style) in order of first appearance = outline level
    counts: list[int] = []
    plan: list[tuple[object, object, str, int]] = []  # (paragraph, t, kind, ref/level)
    bullets: list[str] = []
    for p in section:
        if p.tag != _q(HP, "p") or p.find(f".//{{{HP}}}tbl") is not None:
            continue
        t = _first_t(p)
        if t is None:
            continue
        for pattern, template, style, value in NUMBERS:
            m = pattern.match(t.text)
            if not m:
                continue
            key = (template, style)
            if key not in levels:
                levels.append(key)
                counts.append(0)
            level = levels.index(key)
            expected = counts[level] + 1
            if value(m[1]) == expected:  # Hangul would show what was typed
                counts[level] = expected
                for deeper in range(level + 1, len(counts)):
                    counts[deeper] = 0
                plan.append((p, t, "NUMBER", level))
                t.text = t.text[m.end() :]
            break
        else:
            m = BULLETS.match(t.text)
            if m:
                if m[1] not in bullets:
                    bullets.append(m[1])
                plan.append((p, t, "BULLET", bullets.index(m[1])))
                t.text = t.text[m.end() :]

    ref = header.find(f".//{{{HH}}}numberings")
    numbering_id = str(len(ref) + 1)
    numbering = etree.SubElement(ref, _q(HH, "numbering"), id=numbering_id, start="0")
    for i, (template, style) in enumerate(levels, start=1):
        head = etree.SubElement(numbering, _q(HH, "paraHead"), start="1", level=str(i), numFormat=style)
        head.set("align", "LEFT")
        head.text = template.replace("N", str(i))
    ref.set("itemCnt", str(len(ref)))
    lists = header.find(f".//{{{HH}}}bullets")
    if lists is None:
        lists = etree.Element(_q(HH, "bullets"))
        ref.addnext(lists)
    for i, char in enumerate(bullets, start=1):
        bullet = etree.SubElement(lists, _q(HH, "bullet"), id=str(i), char=char, useImage="0")
        etree.SubElement(bullet, _q(HH, "paraHead"), level="0", align="LEFT")
    lists.set("itemCnt", str(len(lists)))

    shapes = header.find(f".//{{{HH}}}paraProperties")
    base = next(s for s in shapes if s.get("id") == "0")
    made: dict[tuple[str, int], str] = {}
    for p, _t, kind, index in plan:
        key = (kind, index)
        if key not in made:
            shape = copy.deepcopy(base)
            shape.set("id", str(len(shapes)))
            heading = shape.find(_q(HH, "heading"))
            if kind == "NUMBER":
                heading.attrib.update({"type": "NUMBER", "idRef": numbering_id, "level": str(index)})
            else:
                heading.attrib.update({"type": "BULLET", "idRef": str(index + 1), "level": "0"})
            shapes.append(shape)
            made[key] = shape.get("id")
        p.set("paraPrIDRef", made[key])
    shapes.set("itemCnt", str(len(shapes)))

    parts["Contents/header.xml"] = etree.tostring(header, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["Contents/section0.xml"] = etree.tostring(section, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(target, "w") as out:
        for info in infos:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 6, 30, 0, 0, 0))
            fixed.compress_type = info.compress_type
            out.writestr(fixed, parts[info.filename])
    return len(plan)


def read_back(path: Path) -> tuple[int, int]:
    """(paragraphs with an automatic head, of them any still typed): plain ElementTree."""
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(path) as package:
        header = ET.fromstring(package.read("Contents/header.xml"))
        section = ET.fromstring(package.read("Contents/section0.xml"))
    headed = {}
    for shape in header.iter(_q(HH, "paraPr")):
        heading = shape.find(_q(HH, "heading"))
        if heading is not None and heading.get("type") in ("NUMBER", "BULLET"):
            headed[shape.get("id")] = heading
    numberings = {n.get("id") for n in header.iter(_q(HH, "numbering"))}
    bullets = {b.get("id") for b in header.iter(_q(HH, "bullet"))}
    automatic = still_typed = 0
    for p in section.iter(_q(HP, "p")):
        heading = headed.get(p.get("paraPrIDRef"))
        if heading is None:
            continue
        automatic += 1
        assert heading.get("idRef") in (numberings if heading.get("type") == "NUMBER" else bullets)
        text = "".join(t.text or "" for t in p.iter(_q(HP, "t")))
        still_typed += bool(any(pattern.match(text) for pattern, *_ in NUMBERS) or BULLETS.match(text))
    return automatic, still_typed


def main() -> None:
    for doc in DOCS:
        target = HWPX / f"{doc}-autonum.hwpx"
        converted = convert(HWPX / f"{doc}.hwpx", target)
        automatic, typed = read_back(target)
        assert automatic == converted and typed == 0, (doc, automatic, converted, typed)
        truth_path = GENERATED / f"{doc}.json"
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        truth["renderings"]["hwpx-autonum"] = {"file": f"hwpx/{target.name}", "encoding": None, "format": "hwpx"}
        truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{target.name}: {automatic} paragraph heads made automatic; read back, none typed")


if __name__ == "__main__":
    main()
