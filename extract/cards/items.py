"""Items of the numbered sections: one row per non-empty line.

Levels come from an outline stack rather than a fixed marker hierarchy,
because every template ranks its markers differently: a line whose marker
style and indentation match an open ancestor closes everything under it
and becomes its sibling; a dedent closes deeper entries; anything else
opens one level deeper. The same rule works on leading spaces (text) and
points (PDF, HWP, HWPX), since only order within a document matters.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.cards.budget import is_note
from extract.cards.bullets import marker_class, split_marker
from extract.cards.money import find_unit
from extract.cards.split import Section
from extract.vocabulary import squash, vocabulary
from parsers.model import Paragraph, Table


@dataclass(slots=True)
class Item:
    section_no: int
    section_title: str
    item_no: int
    level: int
    marker: str
    text: str
    parent_item_no: int | None


@dataclass
class _Open:
    key: str
    indent: float
    item_no: int
    leaf: bool = False  # a note (※): closes as soon as a different marker follows


def _budget_furniture(text: str) -> bool:
    """The unit line and the 비예산 note of a budget section: part of the matrix, not items."""
    return find_unit(text) is not None or any(w in squash(text) for w in vocabulary().words("budget", "non_budget"))


def _lines(section: Section, matrix_tables: set[int]) -> list[tuple[str, float]]:
    lines: list[tuple[str, float]] = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            for text in block.text.splitlines():
                if text.strip() and not (section.is_budget and _budget_furniture(text)):
                    lines.append((text, block.indent))
        elif isinstance(block, Table):
            for row in block.rows():
                texts = [c.text.replace("\n", " ").strip() for c in row]
                filled = [t for t in texts if t]
                if id(block) in matrix_tables or section.is_budget:
                    # The matrix is the budget table; only a note row under it (`※ 기타: …`) is an item.
                    if len(filled) == 1 and is_note(filled[0]):
                        lines.append((filled[0], 0.0))
                    continue
                # A table inside a section is read row by row, cells joined by " | ".
                joined = " | ".join(filled)
                if joined:
                    lines.append((joined, 0.0))
    return lines


# A scan's indents jitter by a pixel or two, and OCR misreads or drops the small
# bullet marks (`○` read as `0ㅇ`, `(`, `(2)`), so in a card read by OCR the
# indent alone decides: lines within this many points of an open entry's indent
# are its siblings, whatever mark they carry.
OCR_INDENT_TOLERANCE = 4.0


def read_items(
    sections: list[Section], matrix_tables: set[int] = frozenset(), tolerance: float = 0.5, ocr: bool = False
) -> list[Item]:
    if ocr:
        tolerance = OCR_INDENT_TOLERANCE
    items: list[Item] = []
    leaves = set(vocabulary().written("items", "leaf_markers"))
    for section in sections:
        stack: list[_Open] = []
        for text, indent in _lines(section, matrix_tables):
            markers, rest = split_marker(text)
            key = " ".join(marker_class(m) for m in markers)
            while stack and (indent < stack[-1].indent - tolerance or (stack[-1].leaf and stack[-1].key != key)):
                stack.pop()
            match = next(
                (
                    i
                    for i in range(len(stack) - 1, -1, -1)
                    if (ocr or stack[i].key == key) and abs(stack[i].indent - indent) <= tolerance
                ),
                None,
            )
            if match is not None:
                del stack[match:]
            item_no = len(items) + 1
            items.append(
                Item(
                    section_no=section.no,
                    section_title=section.title,
                    item_no=item_no,
                    level=len(stack),
                    marker=" ".join(markers),
                    text=rest.strip(),
                    parent_item_no=stack[-1].item_no if stack else None,
                )
            )
            stack.append(_Open(key=key, indent=indent, item_no=item_no, leaf=bool(markers) and markers[-1] in leaves))
    return items
