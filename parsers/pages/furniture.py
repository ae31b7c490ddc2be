"""Page furniture: running headers, footers and page numbers, kept out of a document's body.

Readers that read page by page (PDF, scans) put each page's lines within
MARGIN_BAND of its top or bottom aside as margin lines; here those that
repeat on several pages at the same height, or that are page numbers, are
furniture, and the rest go back to the body. On a scanned page the same
height is within SCAN_SLACK: the sheet sits a little higher or lower on the
scanner each time.
"""

from __future__ import annotations

import re
from collections import Counter

from parsers.model import Paragraph, Provenance
from parsers.pages.assemble import PageBlocks
from parsers.pages.lines import Line

MARGIN_BAND = 0.08  # share of the page height at top and bottom searched for headers/footers
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
        page.blocks.sort(key=lambda item: item[0])


def _shape(where: str, line: Line) -> tuple[str, str, int]:
    return where, re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)), round(line.top / 2)
