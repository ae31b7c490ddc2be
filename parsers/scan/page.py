"""One page image into the page blocks the PDF reader makes: tables, then the text around them.

The page is prepared (`pixels`), its tables found from their ruling lines
(`grid`), the lines erased (cell text in many templates touches its
borders), each cell read on its own and the rest of the page line by line
(`recognise`). Lines are joined into paragraphs by the PDF reader's own rule
(`pages.lines`), so wrapped text reads the same from pixels as from a PDF,
and the pages are assembled by `pages.assemble` like a PDF's.
"""

from __future__ import annotations

import re

import numpy as np
from PIL import Image

from parsers.model import Paragraph, Provenance, Table
from parsers.ordinals import CIRCLED_DIGITS
from parsers.pages.assemble import Edges, PageBlocks
from parsers.pages.furniture import MARGIN_BAND
from parsers.pages.lines import Line
from parsers.pages.lines import paragraphs as join_lines
from parsers.scan.grid import Grid, find_grids
from parsers.scan.hints import NO_HINTS, TextHints
from parsers.scan.ocr import engine
from parsers.scan.pixels import Page, blank_boxes, erase, prepare
from parsers.scan.recognise import OcrLine, confidence_of, recognise


def page_blocks(image: Image.Image, dpi: float, number: int, first_table: int, hints: TextHints = NO_HINTS):
    """One page image as the PDF reader's page blocks (tables and paragraphs by their top)."""

    def paragraphs(lines: list[OcrLine], right: float):
        converted = [_as_line(line) for line in lines]
        joined = join_lines(converted, right)
        starts = [next(i for i, c in enumerate(converted) if c is first) for _, first in joined]
        ends = starts[1:] + [len(lines)]
        # the slips are put right in each line and again in the paragraph its lines make (a
        # phone's T. read as 1. where a narrow cell wrapped it onto a line of its own)
        return [
            (hints.repair(text), first, confidence_of(lines[a:b])) for (text, first), a, b in zip(joined, starts, ends)
        ]

    page = prepare(image, dpi)
    grids, rules, grid_notes = find_grids(page)
    erased = erase(page, rules)
    out = PageBlocks(number=number, height=page.grey.height * page.scale, from_pixels=True)
    out.warnings += [f"page {number}: {note}" for note in grid_notes]
    if page.washed is not None:  # what lay under a seal is unknown: said, not guessed at
        top = int(np.flatnonzero(page.washed.any(axis=1))[0])
        out.warnings.append(
            f"page {number}: a seal stamped {round(top / page.dpi * 25.4)} mm from the top was washed out; "
            "letters under it may read wrong"
        )
    tables = []
    for i, grid in enumerate(grids):
        table = table_of(erased, grid, number, first_table + i, paragraphs, hints)
        tables.append((table, Edges([x * page.scale for x in grid.xs], [y * page.scale for y in grid.ys])))
        out.blocks.append((grid.y0 * page.scale, table))
        out.body_bottom = max(out.body_bottom or 0.0, grid.y1 * page.scale)
    rest = blank_boxes(erased, [(g.x0, g.y0, g.x1, g.y1) for g in grids])
    lines = recognise(rest, (0, 0, rest.grey.width, rest.grey.height), "column", hints)
    band = MARGIN_BAND * out.height
    body = []
    for line in lines:
        if line.bottom <= band or line.top >= out.height - band:
            where = "top" if line.bottom <= band else "bottom"
            out.margin_lines.append((where, _as_line(line)))
        else:
            body.append(line)
            out.body_bottom = max(out.body_bottom or 0.0, line.bottom)
    body.sort(key=lambda line: line.top)
    left = min((line.x0 for line in body), default=0.0)
    right = max(page.grey.width * page.scale - left, max((line.x1 for line in body), default=0.0))
    for text, first, confidence in paragraphs(body, right):
        out.blocks.append(
            (first.top, Paragraph(text, round(first.x0, 1), Provenance(page=number), confidence=confidence))
        )
    out.blocks.sort(key=lambda item: item[0])
    return out, tables


def _as_line(line: OcrLine) -> Line:
    return Line(
        text=line.text, x0=line.x0, x1=line.x1, top=line.top, bottom=line.bottom,
        size=max(line.bottom - line.top, 1.0), trailing_space=False,
        # pixels show no space at a line's end, so whether a wrap stood on one is left
        # to the words (the PDF reader's rule where geometry cannot tell)
        space_width=float("inf"), first_word_x1=line.first_word_x1,
    )  # fmt: skip


def table_of(page: Page, grid: Grid, number: int, index: int, paragraphs, hints: TextHints = NO_HINTS) -> Table:
    """The grid's cells, each recognised on its own; `paragraphs` joins a cell's lines (the
    PDF reader's rule, so wrapped cell text reads the same from pixels as from a PDF)."""
    inset = 1
    table = Table.of_grid(grid.cells, len(grid.ys) - 1, len(grid.xs) - 1, number, index)
    for cell in table.cells:
        x0, x1 = grid.xs[cell.col] + inset, grid.xs[cell.col + cell.col_span] - inset
        y0, y1 = grid.ys[cell.row] + inset, grid.ys[cell.row + cell.row_span] - inset
        if _is_dash(page, (x0, y0, x1, y1)):
            # a lone dash (nothing to report) is too small for Tesseract, which makes up a letter
            cell.blocks.append(Paragraph("-", 0.0, cell.prov, confidence=90.0))
            continue
        one_line = (y1 - y0) < page.dpi * 0.3
        lines = recognise(page, (x0, y0, x1, y1), "line" if one_line else "block", hints)
        if not lines:
            # a number alone in its cell (`35`, `10`) is too short for the Korean model's line
            # finder, which returns nothing: the figures reader gets the cell's one line of ink
            lone = lone_figure(page, (x0, y0, x1, y1))
            if lone is not None:
                cell.blocks.append(Paragraph(lone[0], 0.0, cell.prov, confidence=lone[1]))
            continue
        # cell padding is symmetric in every writer met: the text's left inset gives the right one
        padding = max(min(line.x0 for line in lines) - x0 * page.scale, 0.0)
        for text, first, confidence in paragraphs(lines, x1 * page.scale - padding):
            cell.blocks.append(Paragraph(text, round(first.x0 - x0 * page.scale, 1), cell.prov, confidence=confidence))
        renumber_circled([b for b in cell.blocks if isinstance(b, Paragraph)])
    return table


def lone_figure(page: Page, box: tuple[int, int, int, int]) -> tuple[str, float] | None:
    """The figure a cell holds alone, read by the figures reader, where the cell's ink is one
    short line (not a stroke of a rule: `_is_dash` takes those); None otherwise."""
    inked = _ink_box(page, box)
    if inked is None or inked[3] - inked[1] > page.dpi * 0.3:
        return None
    left, top, right, bottom = inked
    pad = max(int(page.dpi * 0.05), 6)
    canvas = Image.new("L", (right - left + 2 * pad, bottom - top + 2 * pad), 255)
    canvas.paste(page.grey.crop(inked), (pad, pad))
    read = engine().read_figures(canvas)
    if read is None:
        return None
    text = " ".join(read[0].split())
    if not text or not any(c.isdigit() for c in text) or not re.fullmatch(r"[\d,.%~'()\- ]+", text):
        return None
    return text, max(read[1], 0.0)


def renumber_circled(paragraphs: list[Paragraph]) -> None:
    """A cell's list numbered ① ② ③ … whose one number OCR misread (`① ② ① ④`): where every
    other paragraph's number follows the count from the first, the odd one takes its place."""
    numbered = [p for p in paragraphs if p.text[:1] in CIRCLED_DIGITS]
    if not 2 <= len(numbered) == len(paragraphs) <= len(CIRCLED_DIGITS):
        return
    wrong = [k for k, p in enumerate(numbered) if p.text[0] != CIRCLED_DIGITS[k]]
    if len(wrong) == 1 and (len(numbered) >= 3 or wrong[0] > 0):
        k = wrong[0]
        numbered[k].text = CIRCLED_DIGITS[k] + numbered[k].text[1:]


def _ink_box(page: Page, box: tuple[int, int, int, int], faint: bool = False) -> tuple[int, int, int, int] | None:
    """The box around a cell's ink, what a rule leaves at the cell's edges not counted; with
    `faint`, faint marks count where the cell has no ink (a hairline comes out anti-aliased grey)."""
    edge = max(2, round(page.dpi / 100))
    x0, y0, x1, y1 = box[0] + edge, box[1] + edge, box[2] - edge, box[3] - edge
    if x1 <= x0 or y1 <= y0:
        return None
    ink = page.ink[y0:y1, x0:x1]
    if faint and not ink.any():
        ink = page.faint[y0:y1, x0:x1]
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return None
    return x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1


def _is_dash(page: Page, box: tuple[int, int, int, int]) -> bool:
    """Is the cell's only ink one short flat stroke (faint marks counted where it has no ink)?"""
    inked = _ink_box(page, box, faint=True)
    if inked is None:
        return False
    width, height = inked[2] - inked[0], inked[3] - inked[1]
    return height <= page.dpi * 0.035 and page.dpi * 0.02 <= width <= page.dpi * 0.2 and width >= 2 * height
