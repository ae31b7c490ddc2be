"""Tables in a page image: ruling lines are long runs of ink, a table a cluster of them.

The raster twin of the PDF reader's grid finder. A ruling line is a straight
horizontal or vertical run of ink at least LINE_INCHES long (no glyph's
stroke is that long); a table is a cluster of such lines, its grid the
lines' positions; a merged cell is a grid cell whose border is missing in
the pixels (judged on the ink itself, BORDER_COVER of the edge inked).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from parsers.scan.pixels import Page

LINE_INCHES = 0.25  # a ruling line is a straight run of ink at least this long
BORDER_COVER = 0.85  # share of a grid edge that must be inked to count as a border


def _runs(ink: np.ndarray, length: int) -> np.ndarray:
    """Pixels that belong to a horizontal run of ink at least `length` long."""
    h, w = ink.shape
    if w < length:
        return np.zeros_like(ink)
    cs = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(ink, axis=1, out=cs[:, 1:])
    starts = np.zeros((h, w), dtype=bool)
    starts[:, : w - length + 1] = (cs[:, length:] - cs[:, :-length]) == length  # a full run starts here
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


def find_grids(page: Page) -> tuple[list[Grid], np.ndarray]:
    """The tables of the page, and the mask of its ruling lines (to be erased before OCR:
    cell text in many templates touches its borders)."""
    length = max(int(LINE_INCHES * page.dpi), 10)
    horiz = _runs(page.ink, length)
    vert = _runs(page.ink.T, length).T
    lines = horiz | vert
    grids = []
    for y0, y1, x0, x1 in _regions(lines, gap=max(int(page.dpi * 0.05), 3)):
        region_h, region_v = horiz[y0:y1, x0:x1], vert[y0:y1, x0:x1]
        ys = _positions(region_h.sum(axis=1), length)
        xs = _positions(region_v.sum(axis=0), length)
        if len(ys) < 2 or len(xs) < 2:
            continue
        ink = page.ink[y0:y1, x0:x1]
        cells = _cells(ink, ink, xs, ys)
        grids.append(Grid(x0, y0, x1, y1, [x0 + x for x in xs], [y0 + y for y in ys], cells))
    return grids, lines


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


def _cells(horiz: np.ndarray, vert: np.ndarray, xs: list[int], ys: list[int]) -> list[tuple[int, int, int, int]]:
    """Grid cells joined where the border between them is missing, as rectangles.

    A border is judged on the ink itself, not on the long runs that found the grid: a
    divider one short row tall is shorter than any run that could not also be a glyph's
    stroke, but nothing but a border inks nearly all of a grid edge."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    band = 3

    def v_border(row: int, col: int) -> bool:  # between (row, col-1) and (row, col)
        x = xs[col]
        strip = vert[ys[row] : ys[row + 1], max(x - band, 0) : x + band + 1].any(axis=1)
        return strip.mean() >= BORDER_COVER if strip.size else False

    def h_border(row: int, col: int) -> bool:  # between (row-1, col) and (row, col)
        y = ys[row]
        strip = horiz[max(y - band, 0) : y + band + 1, xs[col] : xs[col + 1]].any(axis=0)
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
