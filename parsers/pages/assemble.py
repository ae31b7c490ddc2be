"""Pages into one block sequence: a table that a page break cut is one table again.

Shared by the PDF reader and the scan reader, which both read page by page.
A table continues on the next page when it is the last body block of one
page, the next page opens with a table of the same outer width, and the
first part reached the bottom of the page's body. The two parts may show
different inner column lines (a merged cell on one page, not on the other):
the joined table takes the union of both parts' column edges.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from parsers.model import Block, Cell, Paragraph, Provenance, Table
from parsers.ordinals import ITEM_NUMBER
from parsers.pages.lines import runs_on

SNAP = 1.5  # points: grid edges this close are the same grid line


@dataclass
class Edges:
    """Where a table's grid lines stand on its page (points, top-down)."""

    xs: list[float]
    ys: list[float] = field(default_factory=list)


@dataclass
class PageBlocks:
    number: int
    height: float
    blocks: list[tuple[float, Block]] = field(default_factory=list)  # (top, block)
    margin_lines: list[tuple[str, Any]] = field(default_factory=list)  # ("top"|"bottom", a text line)
    # ("top"|"bottom", its top, a table of a row or two with nothing of the page above or below it)
    margin_boxes: list[tuple[str, float, Table]] = field(default_factory=list)
    body_bottom: float | None = None  # the lowest body content (table or line) on the page
    from_pixels: bool = False  # read by OCR from a page image, where positions shift a little
    warnings: list[str] = field(default_factory=list)  # what reading the page could not settle


def join_pages(pages: list[PageBlocks], edges: dict[int, Edges]) -> list[Block]:
    """Blocks in reading order, tables cut by page breaks joined (`edges`: each table's grid, by id)."""
    floor = _body_floor(pages)
    blocks: list[Block] = []
    last_body: Block | None = None
    last_page: PageBlocks | None = None
    for page in pages:
        first_on_page = True
        for _, block in page.blocks:
            if isinstance(block, Paragraph) and block.role == "furniture":
                blocks.append(block)
                continue
            if (
                first_on_page
                and isinstance(block, Table)
                and isinstance(last_body, Table)
                and last_page is not None
                and _continues(last_body, block, edges, floor.get(last_page.height))
            ):
                _append_rows(last_body, block, edges)
                first_on_page = False
                continue
            blocks.append(block)
            last_body, last_page = block, page
            first_on_page = False
    return blocks


def _body_floor(pages: list[PageBlocks]) -> dict[float, float]:
    """Per page height, how low body content reaches on the fullest page: where a page break cuts.
    Content drawn past the page's bottom edge (a table run off the page) shows nothing of where
    the writer breaks pages, and would make every other page look ended early."""
    floor: dict[float, float] = {}
    for page in pages:
        if page.body_bottom is not None and page.body_bottom <= page.height:
            floor[page.height] = max(floor.get(page.height, 0.0), page.body_bottom)
    return floor


def _continues(head: Table, tail: Table, edges: dict[int, Edges], floor: float | None) -> bool:
    """Whether `tail` (opening a page) is the rest of `head` (closing the page before)."""
    a, b = edges.get(id(head)), edges.get(id(tail))
    if a is None or b is None or len(a.xs) < 2 or len(b.xs) < 2:
        return False
    if abs(a.xs[0] - b.xs[0]) > 2 * SNAP or abs(a.xs[-1] - b.xs[-1]) > 2 * SNAP:
        return False
    if not _same_columns(a.xs, b.xs) and not _compatible(a, b):
        return False
    if floor is None or len(a.ys) < 2 or len(b.ys) < 2:
        return True
    # A row that does not fit moves whole to the next page, so the space left under the first part
    # is less than the tail's first body row (plus a line's slack); a table ending higher ended there.
    opening = max(low - high for high, low in itertools.pairwise(b.ys[:3]))  # first row, or a header's
    return floor - a.ys[-1] <= opening + 12.0


def _same_columns(xa: list[float], xb: list[float]) -> bool:
    return len(xa) == len(xb) and all(abs(p - q) <= 2 * SNAP for p, q in zip(xa, xb, strict=True))


def _compatible(a: Edges, b: Edges) -> bool:
    """Parts with different inner columns join only where each part's columns are mostly the other's:
    at least half the inner edges of each stand on an edge of the other."""

    def shared(xs: list[float], other: list[float]) -> int:
        return sum(1 for x in xs[1:-1] if any(abs(x - o) <= 2 * SNAP for o in other))

    inner_a, inner_b = len(a.xs) - 2, len(b.xs) - 2
    return shared(a.xs, b.xs) * 2 >= inner_a and shared(b.xs, a.xs) * 2 >= inner_b


def _union(xa: list[float], xb: list[float]) -> list[float]:
    merged: list[float] = []
    for x in sorted(xa + xb):
        if merged and x - merged[-1] <= 2 * SNAP:
            continue
        merged.append(x)
    return merged


def _regrid(table: Table, old: list[float], new: list[float]) -> None:
    """Renumber a table's columns onto a finer set of column edges."""

    def at(x: float) -> int:
        i = bisect.bisect_left(new, x - 2 * SNAP)
        return min(i, len(new) - 1)

    for cell in table.cells:
        start, end = at(old[cell.col]), at(old[min(cell.col + cell.col_span, len(old) - 1)])
        cell.col, cell.col_span = start, max(end - start, 1)
        cell.prov = Provenance(page=cell.prov.page, table=cell.prov.table, row=cell.row, col=cell.col)
        for paragraph in cell.paragraphs:
            paragraph.prov = cell.prov
    table.n_cols = len(new) - 1


def _repeated_header(head: Table, tail: Table) -> int:
    """How many rows open `tail` as a copy of `head`'s first rows: Hangul repeats a table's
    header rows (one or several) on every page it runs onto."""

    def row(table: Table, index: int) -> list[tuple[int, str]]:
        return sorted((c.col, c.text) for c in table.cells if c.row == index)

    count = 0
    while count < min(head.n_rows, tail.n_rows - 1) and row(tail, count) == row(head, count):
        if not any(text for _, text in row(tail, count)):
            break  # an empty row repeats nothing
        count += 1
    return count


def _append_rows(head: Table, tail: Table, edges: dict[int, Edges]) -> None:
    """Continue `head` with `tail`'s rows.

    Repeated header rows are dropped. A row that the page break cut in two
    (its remainder starts the tail with few cells, each under a filled cell
    of the same width) is sewn back onto the last row of `head`.
    """
    a, b = edges[id(head)], edges[id(tail)]
    if not _same_columns(a.xs, b.xs):
        merged = _union(a.xs, b.xs)
        _regrid(head, a.xs, merged)
        _regrid(tail, b.xs, merged)
        a.xs = merged

    skip = _repeated_header(head, tail)
    last_row = head.n_rows - 1
    covering = {c.col: c for c in head.cells if c.row <= last_row < c.row + c.row_span}
    remainder = [c for c in tail.cells if c.row == skip and c.text]
    filled_above = [c for c in covering.values() if c.text]
    # few: under half the cells above; or, where the text plainly runs on (a sentence cut mid-way
    # continues unmarked), fewer with the first column, where a new row has its label, empty
    runs_on_all = bool(remainder) and all(
        c.col in covering and _runs_on_text(covering[c.col].text, c.text) for c in remainder
    )
    few = len(remainder) * 2 < len(filled_above) or (
        runs_on_all
        and (
            (len(remainder) < len(filled_above) and all(c.col > 0 for c in remainder))
            # every cut cell a long paragraph broken mid-sentence: one row, however many cells
            or all(len(covering[c.col].paragraphs[-1].text) >= LONG_PARAGRAPH for c in remainder)
        )
    )
    if (
        tail.n_rows > skip
        and few
        and all(
            c.col in covering and covering[c.col].text and covering[c.col].col_span == c.col_span for c in remainder
        )
    ):
        for cell in remainder:
            _continue_text(covering[cell.col], cell.text)
        skip += 1
    offset = head.n_rows - skip
    for cell in tail.cells:
        if cell.row < skip:
            continue
        cell.row += offset
        cell.prov = Provenance(page=cell.prov.page, table=head.prov.table, row=cell.row, col=cell.col)
        for paragraph in cell.paragraphs:
            paragraph.prov = cell.prov
        head.cells.append(cell)
    head.n_rows += tail.n_rows - skip
    a.ys = list(b.ys)  # the joined table now ends where its last part ends


# an amount standing whole: grouped by thousands (`110,380`) or three digits at most, as a
# token of its own; a figure cut by a page break leaves a stub that is neither (`1,23` / `4`)
_WHOLE_FIGURE_TEXT = r"(?:\d{1,3}(?:,\d{3})+|\d{1,3})(?:\.\d+)?"
_ENDS_WITH_FIGURE = re.compile(rf"(?:^|\s){_WHOLE_FIGURE_TEXT}$")
_STARTS_WITH_FIGURE = re.compile(rf"^{_WHOLE_FIGURE_TEXT}(?:\s|$)")
_SENTENCE_END = tuple(".。!?)」』】>")
_JOINING = "ㆍ·,"  # marks that join words in a list (`국방ㆍ통일ㆍ외교`)
LONG_PARAGRAPH = 20  # characters: a cut paragraph this long is a sentence, not a label or a figure


def _runs_on_text(before: str, after: str) -> bool:
    """A cell's text cut mid-sentence: it ends on no full stop, and what follows opens no
    new item (`①`, `1.`, `- `, `제5조`) but goes on with a Korean letter, the rest of a
    figure, or a joining mark (`정치적ㆍ경제적` / `ㆍ사회적`)."""
    before, after = before.rstrip(), after.lstrip()
    if not before or not after or before.endswith(_SENTENCE_END):
        return False
    if _ENDS_WITH_FIGURE.search(before) and _STARTS_WITH_FIGURE.match(after):
        return False  # two amounts (`110,380` over `33,860`), each written out in full
    if runs_on(before[-1], after[0]):
        return True  # a figure cut in two (`법 제3` / `8조제3항`)
    if after[0] in _JOINING and after[1:2].strip():
        return True  # a mark glued to the next word joins, a bullet stands apart
    return "가" <= after[0] <= "힣" and not re.match(rf"제\s*\d|(?:{ITEM_NUMBER})", after)


def _continue_text(cell: Cell, more: str) -> None:
    paragraphs = cell.paragraphs
    if not paragraphs:
        return
    last = paragraphs[-1]
    last.text += ("" if runs_on(last.text[-1:], more[:1]) else " ") + more
