"""HWPX (OWPML) documents: a zip of XML parts, Hangul's newer default format.

Sections are read in the order the package manifest (Contents/content.hpf)
gives, falling back to Contents/sectionN.xml in numeric order. Paragraphs
are `hp:p` > `hp:run` > `hp:t`; tables `hp:tbl` > `hp:tr` > `hp:tc` with
`hp:cellAddr` and `hp:cellSpan`; text boxes and shapes keep their text in
`hp:subList`s. Headers, footers and notes are kept out of the body.

The package and its XML are untrusted: the zip is checked by `safezip`
before any member is read, and XML is parsed by lxml with entity
resolution, DTD loading and network access off; a part that carries a DTD
at all (HWPX never does) is refused, so no entity is ever expanded and no
external reference followed.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from parsers.errors import CardexError
from parsers.hangul.body import MAX_DEPTH, BodyReader
from parsers.hangul.clickhere import is_blank, untouched_guide
from parsers.hangul.numbering import Heads, Level, Numbering
from parsers.hangul.safezip import SafeZip
from parsers.model import Block, Cell, Document, Provenance, Table, check_extent, check_size, iter_paragraphs
from parsers.numbers import MAX_STRUCTURAL_DIGITS, numeric_order, read_int, read_structural
from parsers.symbols import FORM_MARKS, from_private_use

FURNITURE = {"header", "footer", "footNote", "endNote", "memo"}
SECTION = re.compile(r"Contents/section(\d+)\.xml")


def read(path: Path) -> Document:
    with SafeZip(path) as package:
        return _Reader(package).document()


_LOCAL_NAMES: dict[str, str] = {}  # a document uses a few dozen tags, met hundreds of thousands of times
_MAX_LOCAL_NAMES = 10_000  # a hostile file's made-up tags are not remembered past this


def local(tag: object) -> str:
    """The tag's name without its namespace (`{http://…/paragraph}t` -> `t`); comments and
    processing instructions, whose tag is no string, have none."""
    if not isinstance(tag, str):
        return ""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rsplit("}", 1)[-1]
        if len(_LOCAL_NAMES) < _MAX_LOCAL_NAMES:
            _LOCAL_NAMES[tag] = name
    return name


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False, remove_pis=True
)
Element = etree._Element


def parse_xml(data: bytes, name: str) -> Element:
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise CardexError("corrupt", f"The part {name} is not well-formed XML ({exc}); the file is damaged.") from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype or docinfo.system_url:
        raise CardexError(
            "corrupt",
            f"The part {name} declares a DTD or entities, which HWPX never does; it was refused as hostile.",
        )
    return root


class _Reader(BodyReader):
    def __init__(self, package: SafeZip) -> None:
        super().__init__()
        self.package = package
        self.indent: dict[str, float] = {}
        self.heading: dict[str, tuple[str, int, int]] = {}  # paraPr id -> (kind, numbering/bullet id, level)

    def document(self) -> Document:
        if "META-INF/manifest.xml" in self.package.names:
            manifest = self.package.read("META-INF/manifest.xml")
            if b"encryption-data" in manifest or b"encrypt" in manifest.lower():
                raise CardexError(
                    "encrypted",
                    "The HWPX document is protected by a password; open it in Hangul, remove the password "
                    "and save a copy without one.",
                )
        sections = self._sections()
        if not sections:
            raise CardexError("corrupt", "The package holds no Contents/section*.xml; it is not a valid HWPX document.")
        if "Contents/header.xml" in self.package.names:
            self._para_shapes(parse_xml(self.package.read("Contents/header.xml"), "Contents/header.xml"))
        blocks: list[Block] = []
        for number, name in enumerate(sections, start=1):
            root = parse_xml(self.package.read(name), name)
            self.outline = _outline_ref(root)
            where = Provenance(page=number)
            for p in root:
                if local(p.tag) == "p":
                    blocks.extend(self._paragraph(p, where, 0))
        return Document(
            blocks=blocks, format="hwpx", pages=len(sections), warnings=self.warnings, furniture=self.furniture
        )

    def _sections(self) -> list[str]:
        ordered: list[str] = []
        if "Contents/content.hpf" in self.package.names:
            opf = parse_xml(self.package.read("Contents/content.hpf"), "Contents/content.hpf")
            href = {}
            for el in opf.iter():
                if local(el.tag) == "item" and el.get("id") and el.get("href"):
                    href[el.get("id")] = el.get("href").lstrip("./")
            for el in opf.iter():
                if local(el.tag) == "itemref":
                    target = href.get(el.get("idref", ""), "")
                    if SECTION.fullmatch(target) and target in self.package.names and target not in ordered:
                        ordered.append(target)
        if not ordered:
            found = [n for n in self.package.names if SECTION.fullmatch(n)]
            ordered = sorted(found, key=lambda n: numeric_order(SECTION.fullmatch(n)[1]))
        return ordered

    def _para_shapes(self, header: Element) -> None:
        numberings: dict[int, Numbering] = {}
        bullets: dict[int, str] = {}
        for el in header.iter("{*}numbering", "{*}bullet"):  # lxml picks them out (any namespace)
            name = local(el.tag)
            if name == "numbering" and el.get("id") is not None:
                numbering = numberings.setdefault(_int(el.get("id")), Numbering())
                for head in el:
                    if local(head.tag) == "paraHead":
                        level = _int(head.get("level"))
                        numbering.levels[level] = Level(
                            head.text or "", head.get("numFormat", "DIGIT"), _int(head.get("start"), 1)
                        )
            elif name == "bullet" and el.get("id") is not None and el.get("char"):
                bullets[_int(el.get("id"))] = el.get("char", "")[:1]
        self.heads = Heads(numberings, bullets)
        for shape in header.iter("{*}paraPr"):
            if shape.get("id") is None:
                continue
            left = intent = None
            for el in shape.iter("{*}left", "{*}intent", "{*}heading"):
                name = local(el.tag)
                if name == "left" and left is None:
                    left = _number(el.get("value"))
                elif name == "intent" and intent is None:
                    intent = _number(el.get("value"))
                elif name == "heading" and el.get("type") in _HEADING_KINDS:
                    kind = _HEADING_KINDS[el.get("type", "")]
                    self.heading[shape.get("id")] = (kind, _int(el.get("idRef")), _int(el.get("level")))
            self.indent[shape.get("id")] = ((left or 0) + (intent or 0)) / 100  # where the first line starts

    # -- paragraphs

    def _paragraph(self, p: Element, where: Provenance, depth: int) -> list[Block]:
        texts: list[str] = []
        extra: list[Block] = []
        blank: tuple[int, str | None, str | None] | None = None  # an open click-here field: start, id, guide
        for run in p:
            if local(run.tag) != "run":
                continue
            for child in run:
                name = local(child.tag)
                if name == "t":
                    texts.append(_t_text(child))
                elif name == "tbl":
                    extra.extend(self._table(child, where, depth + 1))
                elif name == "ctrl":
                    for control in child:
                        kind = local(control.tag)
                        if kind in FURNITURE:
                            self.furniture.extend(iter_paragraphs(self._sublists(control, where, depth + 1)))
                        elif kind == "fieldBegin" and control.get("type") == "CLICK_HERE":
                            blank = (len(texts), control.get("id"), _untouched_guide(control))
                        elif kind == "fieldEnd" and blank is not None and control.get("beginIDRef") == blank[1]:
                            if is_blank("".join(texts[blank[0] :]), blank[2]):
                                del texts[blank[0] :]
                            blank = None
                elif name in ("checkBtn", "radioBtn"):  # a form control prints its state and caption
                    mark = FORM_MARKS[(name, child.get("value") == "CHECKED")]
                    texts.append(f"{mark} {child.get('caption') or ''}".rstrip())
                elif name == "dutmal":
                    texts.extend((el.text or "") for el in child if local(el.tag) == "mainText")
                elif name not in ("secPr", "linesegarray"):
                    extra.extend(self._sublists(child, where, depth + 1))  # text boxes, shapes, captions
        base = self.indent.get(p.get("paraPrIDRef", ""), 0.0)
        text = "".join(texts)
        text = self.heads.headed(text, self.heading.get(p.get("paraPrIDRef", "")), self.outline)
        blocks: list[Block] = [*self.paragraphs(text, base, where)]
        return blocks + extra

    def _sublists(self, element: Element, where: Provenance, depth: int) -> list[Block]:
        """Paragraphs (and tables) of every text list under a shape or control."""
        if depth >= MAX_DEPTH:
            self.warnings.append(f"objects nested deeper than {MAX_DEPTH} levels were not read")
            return []
        blocks: list[Block] = []
        for child in element:
            name = local(child.tag)
            if name == "p":
                blocks.extend(self._paragraph(child, where, depth))
            elif name == "tbl":
                blocks.extend(self._table(child, where, depth + 1))
            elif name == "switch":  # alternative renderings of one object: read the first only
                branch = next(iter(child), None)
                if branch is not None:
                    blocks.extend(self._sublists(branch, where, depth + 1))
            else:
                blocks.extend(self._sublists(child, where, depth + 1))
        return blocks

    def _table(self, tbl: Element, where: Provenance, depth: int) -> list[Block]:
        index = self.n_tables
        self.n_tables += 1
        caption: list[Block] = []
        cells: list[Cell] = []
        for child in tbl:
            name = local(child.tag)
            if name == "caption":
                caption.extend(self._sublists(child, where, depth + 1))
            elif name == "tr":
                for tc in child:
                    if local(tc.tag) == "tc":
                        cells.append(self._cell(tc, index, where, depth))
        n_rows = max([_int(tbl.get("rowCnt"))] + [c.row + c.row_span for c in cells])
        n_cols = max([_int(tbl.get("colCnt"))] + [c.col + c.col_span for c in cells])
        table = check_extent(
            Table(cells=cells, n_rows=n_rows, n_cols=n_cols, prov=Provenance(page=where.page, table=index))
        )
        self.n_cells += len(cells)
        check_size(caption, self.n_cells)
        return [*caption, table]

    def _cell(self, tc: Element, index: int, where: Provenance, depth: int) -> Cell:
        row = col = 0
        row_span = col_span = 1
        content: list[Element] = []
        for child in tc:
            name = local(child.tag)
            if name == "cellAddr":
                row, col = _int(child.get("rowAddr")), _int(child.get("colAddr"))
            elif name == "cellSpan":
                row_span, col_span = max(_int(child.get("rowSpan"), 1), 1), max(_int(child.get("colSpan"), 1), 1)
            elif name == "subList":
                content.append(child)
        prov = Provenance(page=where.page, table=index, row=row, col=col)
        cell = Cell(row=row, col=col, row_span=row_span, col_span=col_span, prov=prov)
        for sub in content:
            cell.blocks.extend(self._sublists(sub, prov, depth + 1))
        return cell


_HEADING_KINDS = {"NUMBER": "number", "OUTLINE": "outline", "BULLET": "bullet"}


def _outline_ref(section: Element) -> int:
    """The numbering a section's outline paragraphs use (its secPr's outlineShapeIDRef)."""
    for el in section.iter():
        if local(el.tag) == "secPr":
            return _int(el.get("outlineShapeIDRef"), 1) or 1
    return 1


def _untouched_guide(field: Element) -> str | None:
    """A click-here field's guide text while nobody has typed in it (`dirty` not set)."""
    for param in field.iter():
        if local(param.tag) == "stringParam" and param.get("name") == "Command":
            return untouched_guide(field.get("dirty") == "1", param.text or "")
    return None


def _t_text(t: Element) -> str:
    parts = [t.text or ""]
    for child in t:
        name = local(child.tag)
        if name == "tab":
            parts.append("\t")
        elif name == "lineBreak":
            parts.append("\n")
        elif name in ("nbSpace", "fwSpace"):
            parts.append(" ")
        elif name == "hyphen":
            parts.append("-")
        parts.append(child.tail or "")
    return from_private_use("".join(parts))


def _int(value: str | None, default: int = 0) -> int:
    return read_structural(value, default)


def _number(value: str | None) -> float | None:
    """A shape measure (HWPUNIT): a short signed integer, anything else ignored."""
    if value is None:
        return None
    try:
        return float(read_int(value, max_digits=MAX_STRUCTURAL_DIGITS))
    except ValueError:
        return None
