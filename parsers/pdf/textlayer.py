"""The PDF reader's check of its own text layer, and the second path it reads a page by.

PDFium's text page is fast and usually right, but two classes of file defeat it:
  - glyphs drawn but left out of the text page: PDFium skips a text object whose box
    is narrower than 0.01 unit in its own space, and a writer that draws the page
    inside a form XObject scaled down to a unit square (rhwp) makes every digit,
    hyphen and bracket that narrow, so `5-02-1` reads as an empty string;
  - glyphs with no usable character map: a Korean font re-encoded as a simple font
    without a ToUnicode map (a PDF printed through PostScript and distilled again)
    decodes to ASCII punctuation and U+FFFD.
`objects.read_page` counts both per page (`dropped`, `garbled`); `verdict` decides
what the reader does with the page: read it again with pdfminer (which places every
glyph of every text object), read it as an image by OCR, or keep it. `glyphs`
is pdfminer's reading of a page in the glyph shape `objects` produces.
"""

from __future__ import annotations

from enum import Enum

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager

from parsers.numbers import finite
from parsers.pdf.objects import mostly_overlap
from parsers.pdf.safety import MAX_COORDINATE, clean_text

GARBLED_SHARE = 0.2  # of a page's glyphs from fonts that map them to noise: below, a stray symbol font
MAX_GLYPHS = 200_000  # glyphs taken from one page by the second path


class Verdict(Enum):
    KEEP = "keep"  # PDFium's text page holds everything the page draws
    REREAD = "reread"  # text objects are drawn that the text page lacks: read the page by pdfminer
    OCR = "ocr"  # the fonts map the glyphs to noise: only the pixels say what is written


def verdict(dropped: int, garbled: int, letters: int) -> Verdict:
    if letters and garbled >= GARBLED_SHARE * letters:
        return Verdict.OCR
    if dropped:
        return Verdict.REREAD
    return Verdict.KEEP


def glyphs(page_obj) -> tuple[list[dict], int]:
    """pdfminer's glyphs of one page (displayed-page points, y down), and how many of them
    it could map to no character (`(cid:N)`, read as U+FFFD)."""
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=None)
    PDFPageInterpreter(resources, device).process_page(page_obj)
    layout = device.get_result()
    left, page_top = layout.x0, layout.y1
    out: list[dict] = []
    unmapped = 0
    stack = [layout]
    while stack and len(out) < MAX_GLYPHS:
        for item in stack.pop():
            if isinstance(item, LTChar):
                values = (item.x0, item.x1, item.y0, item.y1, item.size)
                if not all(finite(v, MAX_COORDINATE) for v in values) or item.size <= 0:
                    continue
                text = item.get_text()
                if text.startswith("(cid:"):
                    text = "\ufffd"
                    unmapped += 1
                text = clean_text(text) or "\ufffd"
                if text.isspace():
                    text = " "
                out.append(
                    {
                        "text": text,
                        "x0": item.x0 - left,
                        "x1": item.x1 - left,
                        "top": page_top - item.y1,
                        "bottom": page_top - item.y0,
                        "size": item.size,
                        "upright": bool(item.upright),
                    }
                )
            elif isinstance(item, LTContainer):
                stack.append(item)
    return _without_overprints(out), unmapped


def _without_overprints(glyph_list: list[dict]) -> list[dict]:
    """One glyph where a writer drew the same character again over itself (a fake bold, a dot
    leader of overlapping dots): a later copy mostly overlapping an earlier one is dropped, as
    PDFium's text page does."""
    cell = 24.0
    kept: list[dict] = []
    index: dict[tuple[str, int, int], list[dict]] = {}
    for g in glyph_list:
        key = (g["text"], int(g["x0"] // cell), int(g["top"] // cell))
        near = [
            other
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in index.get((key[0], key[1] + dx, key[2] + dy), ())
        ]
        if g["text"] != " " and any(mostly_overlap(_box(g), _box(other)) for other in near):
            continue
        kept.append(g)
        index.setdefault(key, []).append(g)
    return kept


def _box(glyph: dict) -> tuple[float, float, float, float]:
    return glyph["x0"], glyph["top"], glyph["x1"], glyph["bottom"]


MAX_BLANK_BOXES = 256  # missing boxes looked into for spaces; past that, all are taken as text


def blank(boxes: list[tuple[float, float, float, float]], glyph_list: list[dict]) -> int:
    """How many of the boxes PDFium's text page left out hold only spaces in the second reading.
    Hangul draws an underlined blank (`(          )` to fill in) as space glyphs with a trace
    of ink, which PDFium leaves out of its text page: no text is missing there."""
    if len(boxes) > MAX_BLANK_BOXES:
        return 0
    count = 0
    for x0, top, x1, bottom in boxes:
        over = [
            g["text"] for g in glyph_list if g["x0"] < x1 and g["x1"] > x0 and g["top"] < bottom and g["bottom"] > top
        ]
        count += bool(over) and all(text == " " for text in over)
    return count


def inked(glyph_list: list[dict]) -> int:
    return sum(1 for g in glyph_list if g["text"] != " ")
