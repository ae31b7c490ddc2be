"""Rows whose border between them is not drawn.

Hangul tables often group rows under one ruled band (a budget table's
sub-accounts listed under their total, no line between them): the PDF
shows one tall cell per column, each holding a stack of one-line
paragraphs. Where every filled cell of such a band holds the same number
of one-line paragraphs standing on the same baselines, and one column is
a stack of figures, each baseline was a row, and the band is split into
those rows again. One stack that differs (a wrapped sentence), or a band
without figures (a label of two lines beside a list of two: as likely one
row as two), leaves the band whole.
"""

from __future__ import annotations

import re

from parsers.model import Cell, Paragraph, Provenance, Table

_FIGURE = re.compile(r"^[△▲▽▼+\-−]?\s?[\d][\d,.]*\s?%?$")  # 1,234  △9  30.8  12%

# Stacks per cell (by id): each paragraph's (top, bottom) where every paragraph is one line,
# None where the cell holds anything else (a wrapped paragraph, a nested table).
Stacks = dict[int, list[tuple[float, float]] | None]


def unstack_rows(table: Table, ys: list[float], stacks: Stacks) -> list[float]:
    """Split bands of aligned one-line stacks into rows; returns the table's new row edges."""
    ys = list(ys)
    for r in reversed(range(table.n_rows)):
        band = [c for c in table.cells if c.row <= r < c.row + c.row_span]
        lines = _aligned(band, r, stacks)
        if lines is None:
            continue
        _split(table, r, band, lines)
        ys[r + 1 : r + 1] = [(lines[i - 1][1] + lines[i][0]) / 2 for i in range(1, len(lines))]
    table.cells.sort(key=lambda c: (c.row, c.col))
    return ys


def _aligned(band: list[Cell], row: int, stacks: Stacks) -> list[tuple[float, float]] | None:
    """The band's shared lines (top, bottom), or None where the band is not a stack of rows."""
    if any(c.row != row or c.row_span != 1 for c in band):
        return None  # a cell spanning into other rows: the band is part of a larger structure
    filled = [stacks.get(id(c)) for c in band if c.blocks]
    if len(filled) < 2 or any(s is None for s in filled):
        return None
    count = len(filled[0])
    if count < 2 or any(len(s) != count for s in filled):
        return None
    if not any(all(_FIGURE.match(p.text) for p in c.paragraphs) for c in band if c.blocks):
        return None  # without a column of figures, aligned stacks are as likely one row's lists
    lines = []
    for i in range(count):
        tops = [s[i][0] for s in filled]
        height = min(s[i][1] - s[i][0] for s in filled)
        if max(tops) - min(tops) > 0.4 * height:
            return None
        lines.append((min(tops), max(s[i][1] for s in filled)))
    return lines


def _split(table: Table, row: int, band: list[Cell], lines: list[tuple[float, float]]) -> None:
    extra = len(lines) - 1
    for cell in table.cells:
        if cell.row > row:
            _move(cell, cell.row + extra)
    for cell in band:
        if not cell.blocks:
            cell.row_span = len(lines)
            continue
        paragraphs = [b for b in cell.blocks if isinstance(b, Paragraph)]
        cell.blocks = paragraphs[:1]
        for i, paragraph in enumerate(paragraphs[1:], start=1):
            below = Cell(row=row + i, col=cell.col, col_span=cell.col_span, blocks=[paragraph], prov=cell.prov)
            _move(below, row + i)
            table.cells.append(below)
    table.n_rows += extra


def _move(cell: Cell, row: int) -> None:
    cell.row = row
    cell.prov = Provenance(page=cell.prov.page, table=cell.prov.table, row=row, col=cell.col)
    for paragraph in cell.paragraphs:
        paragraph.prov = cell.prov
