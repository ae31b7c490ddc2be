"""Tables in a page image: ruling lines are long runs of ink, a table a cluster of them.

The raster twin of the PDF reader's grid finder. A ruling line is a straight
horizontal or vertical run of ink at least LINE_INCHES long (no glyph's
stroke is that long); a table is a cluster of such lines, its grid the
lines' positions; a merged cell is a grid cell whose border is missing in
the pixels (judged on the ink itself, BORDER_COVER of the edge inked).

Scanners and renderers draw rules from a hairline to a heavy stroke: a rule
one pixel wide comes out anti-aliased grey, lighter than the ink threshold,
and JPEG blocks or a slight skew break it into pieces. So the finder checks
its own result: every mark inside a table's frame (the box its ruling lines
span) must fall in a cell. Where ink lies between the frame and the grid's
outer lines, a rule was missed (a whole column or row of the table would be
lost); the page is searched again with the LENIENT settings (any mark
darker than the paper, runs with small gaps), and a table that still leaves
ink outside its cells is reported with its page.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from parsers.scan.pixels import Page

LINE_INCHES = 0.25  # a ruling line is a straight run of ink at least this long
FREE_RULE_INCHES = 1.0  # outside every table, a run this long is still a rule (erased before OCR)
BORDER_COVER = 0.85  # share of a grid edge that must be inked to count as a border
DOUBLE_RULE_INCHES = 4 / 72  # two lines nearer than 4 pt hold no cell between them: one double rule
STRAY_POINTS = 3.0  # a mark this big (points square) outside every cell means a missed rule


@dataclass(frozen=True)
class Pass:
    """How one search reads ruling lines from the pixels."""

    faint: bool  # any mark darker than the paper (else the ink threshold's marks)
    fill: float  # share of a run that must be inked (small gaps: JPEG blocks, a hairline's dropouts)


STRICT = Pass(faint=False, fill=1.0)
LENIENT = Pass(faint=True, fill=0.9)


def _runs(ink: np.ndarray, length: int, fill: float = 1.0) -> np.ndarray:
    """Pixels that belong to a horizontal run of ink at least `length` long, `fill` of it inked."""
    h, w = ink.shape
    if w < length:
        return np.zeros_like(ink)
    cs = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(ink, axis=1, out=cs[:, 1:])
    starts = np.zeros((h, w), dtype=bool)
    need = length if fill >= 1.0 else int(np.ceil(fill * length))
    starts[:, : w - length + 1] = (cs[:, length:] - cs[:, :-length]) >= need  # a run starts here
    cs_starts = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(starts, axis=1, out=cs_starts[:, 1:])
    j = np.arange(w)
    covered = (cs_starts[:, j + 1] - cs_starts[:, np.maximum(j - length + 1, 0)]) > 0
    return covered & ink


def _positions(profile: np.ndarray, minimum: float) -> list[int]:
    """Centres of the bands where `profile` reaches `minimum` (a line a few pixels thick is one)."""
    on = profile >= minimum
    out, start = [], None
    for i, flag in enumerate(np.append(on, False)):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            out.append((start + i - 1) // 2)
            start = None
    return out


@dataclass
class Grid:
    x0: int
    y0: int
    x1: int
    y1: int
    xs: list[int]
    ys: list[int]
    # cells as (row, col, row_span, col_span)
    cells: list[tuple[int, int, int, int]]


def find_grids(page: Page) -> tuple[list[Grid], np.ndarray, list[str]]:
    """The tables of the page, the mask of its ruling lines (to be erased before OCR: cell
    text in many templates touches its borders), and what the self-check could not settle."""
    grids, lines, stray = _search(page, STRICT)
    if stray:
        again = _search(page, LENIENT)
        if len(again[2]) < len(stray) or (len(again[2]) == len(stray) and len(again[0]) >= len(grids)):
            grids, lines, stray = again
    lines = _rules_to_erase(lines, grids, page.dpi)
    notes = [
        f"a table at {round(g.y0 / page.dpi * 25.4)} mm from the top leaves marks outside its cells "
        "(a ruling line the scan shows too faintly); its first or last row or column may be missing"
        for g in stray
    ]
    return grids, lines, notes


def _rules_to_erase(lines: np.ndarray, grids: list[Grid], dpi: float) -> np.ndarray:
    """The runs that are rules: those inside a table's frame, and those at least
    FREE_RULE_INCHES long anywhere (a line under a title). A shorter run outside every table
    is strokes of text in a row (the bars of `향후` under the lenient search): left for OCR."""
    kept = np.zeros_like(lines)
    pad = max(int(dpi * 0.02), 2)
    for g in grids:
        kept[max(g.y0 - pad, 0) : g.y1 + pad, max(g.x0 - pad, 0) : g.x1 + pad] = True
    outside = lines & ~kept
    long = max(int(FREE_RULE_INCHES * dpi), 10)
    rows, cols = np.flatnonzero(outside.any(axis=1)), np.flatnonzero(outside.any(axis=0))
    kept[rows] |= _runs(outside[rows], long)  # only the rows and columns that hold such runs
    kept[:, cols] |= _runs(outside[:, cols].T, long).T
    return lines & kept


def _search(page: Page, how: Pass) -> tuple[list[Grid], np.ndarray, list[Grid]]:
    length = max(int(LINE_INCHES * page.dpi), 10)
    marks = page.faint if how.faint else page.ink
    horiz = _runs(marks, length, how.fill)
    vert = _runs(marks.T, length, how.fill).T
    lines = horiz | vert
    grids, stray = [], []
    text: np.ndarray | None = None
    for y0, y1, x0, x1 in _regions(lines, gap=max(int(page.dpi * 0.05), 3)):
        region_h, region_v = horiz[y0:y1, x0:x1], vert[y0:y1, x0:x1]
        close = max(int(page.dpi * DOUBLE_RULE_INCHES), 2)
        ys, y_reach = _one_per_rule(_positions(region_h.sum(axis=1), length), close)
        xs, x_reach = _one_per_rule(_positions(region_v.sum(axis=0), length), close)
        if len(ys) < 2 or len(xs) < 2:
            continue
        ink = marks[y0:y1, x0:x1]
        if page.washed is not None:  # a border a seal crossed is still a border under the seal
            ink = ink | page.washed[y0:y1, x0:x1]
        cells = _cells(ink, ink, xs, ys, x_reach, y_reach)
        grid = Grid(x0, y0, x1, y1, [x0 + x for x in xs], [y0 + y for y in ys], cells)
        grids.append(grid)
        if text is None:
            text = page.ink & ~lines  # ink that is no ruling, for the self-check
        if _leaves_ink(page, grid, lines, text):
            stray.append(grid)
    return grids, lines, stray


def _one_per_rule(positions: list[int], close: int) -> tuple[list[int], list[int]]:
    """Lines closer than any cell can be are one rule drawn double (or a heavy one the
    threshold split): one position, their middle; and how far each rule reaches either side
    of it (a double rule's middle is paper, its lines stand off it)."""
    out: list[list[int]] = []
    for at in positions:
        if out and at - out[-1][-1] < close:
            out[-1].append(at)
        else:
            out.append([at])
    return [(group[0] + group[-1]) // 2 for group in out], [(group[-1] - group[0] + 1) // 2 for group in out]


def _leaves_ink(page: Page, grid: Grid, lines: np.ndarray, text: np.ndarray) -> bool:
    """Is there ink (not ruling) inside the table's frame but beyond its outer grid lines, where
    the table's own inner rules run on (a column or row whose border the search missed)? A
    picture in a frame leaves ink beyond a grid found in its strokes too, but no rule of the
    grid runs on into it."""
    if len(grid.xs) < 3 or len(grid.ys) < 3:
        return False  # one row or one column: a frame, a box around a picture, not a grid to check
    pad = max(int(page.dpi / 72 * 1.5), 2)  # a heavy rule's own width around the outer lines
    limit = (STRAY_POINTS * page.dpi / 72) ** 2
    inner_ys, inner_xs = grid.ys[1:-1], grid.xs[1:-1]
    zones = [  # (box beyond one side, rules that must run on into it)
        ((grid.x0, grid.y0, grid.xs[0] - pad, grid.y1), [("h", y) for y in inner_ys]),
        ((grid.xs[-1] + pad, grid.y0, grid.x1, grid.y1), [("h", y) for y in inner_ys]),
        ((grid.x0, grid.y0, grid.x1, grid.ys[0] - pad), [("v", x) for x in inner_xs]),
        ((grid.x0, grid.ys[-1] + pad, grid.x1, grid.y1), [("v", x) for x in inner_xs]),
    ]
    for (x0, y0, x1, y1), rules in zones:
        if x1 - x0 < pad or y1 - y0 < pad or int(text[y0:y1, x0:x1].sum()) <= limit:
            continue
        run_on = 0
        for axis, at in rules:
            if axis == "h":
                band = lines[max(at - pad, 0) : at + pad + 1, x0:x1]
                run_on += bool(band.any(axis=0).mean() >= 0.8)
            else:
                band = lines[y0:y1, max(at - pad, 0) : at + pad + 1]
                run_on += bool(band.any(axis=1).mean() >= 0.8)
        if run_on >= 1:
            return True
    return False


def _regions(lines: np.ndarray, gap: int) -> list[tuple[int, int, int, int]]:
    """Bounding boxes of the clusters of ruling lines: one per table."""
    rows = np.flatnonzero(lines.any(axis=1))
    if rows.size == 0:
        return []
    bands, start = [], rows[0]
    for a, b in itertools.pairwise(rows):
        if b - a > gap:
            bands.append((start, a + 1))
            start = b
    bands.append((start, rows[-1] + 1))
    out = []
    for y0, y1 in bands:
        cols = np.flatnonzero(lines[y0:y1].any(axis=0))
        if y1 - y0 > 2 * gap and cols.size:
            out.append((int(y0), int(y1), int(cols[0]), int(cols[-1]) + 1))
    return out


def _cells(
    horiz: np.ndarray,
    vert: np.ndarray,
    xs: list[int],
    ys: list[int],
    x_reach: list[int] | None = None,
    y_reach: list[int] | None = None,
) -> list[tuple[int, int, int, int]]:
    """Grid cells joined where the border between them is missing, as rectangles.

    A border is judged on the ink itself, not on the long runs that found the grid: a
    divider one short row tall is shorter than any run that could not also be a glyph's
    stroke, but nothing but a border inks nearly all of a grid edge."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    band = 3

    def v_border(row: int, col: int) -> bool:  # between (row, col-1) and (row, col)
        x, reach = xs[col], band + (x_reach[col] if x_reach else 0)
        strip = vert[ys[row] : ys[row + 1], max(x - reach, 0) : x + reach + 1].any(axis=1)
        return strip.mean() >= BORDER_COVER if strip.size else False

    def h_border(row: int, col: int) -> bool:  # between (row-1, col) and (row, col)
        y, reach = ys[row], band + (y_reach[row] if y_reach else 0)
        strip = horiz[max(y - reach, 0) : y + reach + 1, xs[col] : xs[col + 1]].any(axis=0)
        return strip.mean() >= BORDER_COVER if strip.size else False

    owner = [[-1] * n_cols for _ in range(n_rows)]
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            if owner[r][c] != -1:
                continue
            width = 1
            while c + width < n_cols and owner[r][c + width] == -1 and not v_border(r, c + width):
                width += 1
            height = 1
            while r + height < n_rows and all(
                owner[r + height][c + k] == -1 and not h_border(r + height, c + k) for k in range(width)
            ):
                height += 1
            for dr in range(height):
                for dc in range(width):
                    owner[r + dr][c + dc] = len(cells)
            cells.append((r, c, height, width))
    return cells
