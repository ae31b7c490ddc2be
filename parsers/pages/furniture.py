"""Page furniture: running headers, footers and page numbers, kept out of a document's body.

Readers that read page by page (PDF, scans) put each page's lines within
MARGIN_BAND of its top or bottom aside as margin lines; here those that
repeat on several pages at the same height, or that are page numbers, are
furniture, and the rest go back to the body. On a scanned page the same
height is within SCAN_SLACK: the sheet sits a little higher or lower on the
scanner each time. Hangul draws its header and footer areas as boxes (it
clips their content like a table cell's) and others frame a page number, so
a reader also puts aside the tables of MARGIN_ROWS rows at most standing
outermost within BOX_BAND of a page's edge: those whose text repeats so with
a page number changing (or, one cell, at all), or is a page number, are
furniture paragraphs; the rest stay tables.
"""

from __future__ import annotations

import re
from collections import Counter

from parsers.model import Paragraph, Provenance, iter_paragraphs
from parsers.pages.assemble import PageBlocks
from parsers.pages.lines import Line

MARGIN_BAND = 0.08  # share of the page height at top and bottom searched for headers/footers
BOX_BAND = 0.2  # share of the page height at top and bottom a header's or footer's box stands within
MARGIN_ROWS = 2  # rows a running header or footer drawn as a table has at most
SCAN_SLACK = 8.0  # points: how far a running header moves between two scanned pages
_PAGE_NUMBER = re.compile(r"^[-–—\s(]*(?:page\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–—\s)]*$|^\d{1,4}\s*쪽$", re.I)


def mark_furniture(pages: list[PageBlocks]) -> None:
    """Margin lines repeated on several pages at the same height, or page numbers. On a
    scanned page the same height is within SCAN_SLACK: the sheet sits a little higher or
    lower on the scanner each time."""
    seen = Counter(_shape(where, line) for page in pages for where, line in page.margin_lines)
    scanned = [
        (page.number, where, _shape(where, line)[1], line.top)
        for page in pages
        if page.from_pixels
        for where, line in page.margin_lines
    ]
    for page in pages:
        for where, line in page.margin_lines:
            repeated = len(pages) > 1 and seen[_shape(where, line)] > 1
            if not repeated and page.from_pixels:
                text = _shape(where, line)[1]
                repeated = any(
                    n != page.number and w == where and t == text and abs(top - line.top) <= SCAN_SLACK
                    for n, w, t, top in scanned
                )
            role = "furniture" if _PAGE_NUMBER.match(line.text) or repeated else "body"
            paragraph = Paragraph(line.text, round(line.x0, 1), Provenance(page=page.number), role=role)
            page.blocks.append((line.top, paragraph))
    _mark_boxes(pages)
    for page in pages:
        page.blocks.sort(key=lambda item: item[0])


def _mark_boxes(pages: list[PageBlocks]) -> None:
    """A one-cell margin box recurring, or holding a page number, is furniture. A wider one
    recurring word for word is a table repeated on each page (a comparison's `현행 | 개정안`
    head); it is furniture where a number in it changes from page to page: a page number."""
    boxes = []
    for page in pages:
        for where, top, table in page.margin_boxes:
            text = "\n".join(p.text for p in iter_paragraphs([table]))
            boxes.append((page, top, table, text, _key(where, text, top)))
    seen = Counter(shape for *_, shape in boxes)
    texts: dict[tuple[str, str, int], set[str]] = {}
    for *_, text, shape in boxes:
        texts.setdefault(shape, set()).add(text)
    for page, top, table, text, shape in boxes:
        one_cell = len(table.cells) == 1
        running = seen[shape] > 1 and (one_cell or len(texts[shape]) > 1)
        if not running and not (one_cell and _PAGE_NUMBER.match(text)):
            page.blocks.append((top, table))
            continue
        for p in iter_paragraphs([table]):
            page.blocks.append((top, Paragraph(p.text, p.indent, Provenance(page=page.number), role="furniture")))
    for page in pages:
        page.margin_boxes = []


def _shape(where: str, line: Line) -> tuple[str, str, int]:
    return _key(where, line.text, line.top)


def _key(where: str, text: str, top: float) -> tuple[str, str, int]:
    """What recurs of a running header: its side, its text with any number alike, its height."""
    return where, re.sub(r"\d+", "#", re.sub(r"\s+", "", text)), round(top / 2)
