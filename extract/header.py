"""The header table: label cells and the values beside (or below) them.

Templates differ in where a value sits: the seed puts `팀 장` and its value
in the middle of a row, a 4-column grid alternates label and value, and
some templates put a row of labels over a row of values. All are read by
one rule: a value is the next filled cell to the right of its label that is
not itself a label; a row made only of labels takes its values from the row
below, column by column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.model import Block, Cell, Paragraph, Provenance, Table

from .vocabulary import vocabulary

_INLINE = re.compile(r"^\s*(?P<label>[^:：]{1,12}?)\s*[:：]\s*(?P<value>.+)$")


@dataclass
class Field:
    text: str  # as written; paragraphs of a cell joined by newlines
    prov: Provenance


def read_header(blocks: list[Block]) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    for block in blocks:
        if isinstance(block, Table):
            _read_table(block, fields)
        elif isinstance(block, Paragraph):
            _read_inline(block.text, block.prov, fields)
    return fields


def _label(cell: Cell) -> str | None:
    text = cell.text.strip()
    return vocabulary().field_for_label(text) if text and len(text) <= 20 else None


def _read_inline(text: str, prov: Provenance, fields: dict[str, Field]) -> None:
    """`관리번호: 1-1-1` inside one cell or paragraph."""
    match = _INLINE.match(text.replace("\n", " "))
    field = vocabulary().field_for_label(match["label"]) if match else None
    if field is not None:
        fields.setdefault(field, Field(match["value"].strip(), prov))


def _read_table(table: Table, fields: dict[str, Field]) -> None:
    rows = table.rows()
    for r, row in enumerate(rows):
        labels = [_label(c) for c in row]
        filled = [(c, lab) for c, lab in zip(row, labels) if c.text.strip()]
        if len(filled) >= 2 and all(lab for _, lab in filled) and r + 1 < len(rows):
            below = [c for c in rows[r + 1] if c.text.strip()]
            if below and not any(_label(c) for c in below):
                for (_, field), value in zip(filled, _overlapping(filled, below)):
                    if value is not None:
                        fields.setdefault(field, Field(value.text, value.prov))
                continue
        # One pass from the right: for each cell, the first filled non-label cell after it,
        # unless a label comes first (then the value is empty). Linear however long the row.
        value_after: list[Cell | None] = [None] * len(row)
        following: Cell | None = None
        for i in range(len(row) - 1, -1, -1):
            value_after[i] = following
            if labels[i] is not None:
                following = None
            elif row[i].text.strip():
                following = row[i]
        for i, (cell, field) in enumerate(zip(row, labels)):
            if field is None:
                if cell.text.strip():
                    _read_inline(cell.text, cell.prov, fields)
                continue
            value = value_after[i]
            if value is not None:
                fields.setdefault(field, Field(value.text, value.prov))


def _overlapping(labels: list[tuple[Cell, str]], candidates: list[Cell]) -> list[Cell | None]:
    """For each label (left to right), the first cell below that shares a column with it.

    Both rows are sorted by column, so one forward walk finds them all."""
    found: list[Cell | None] = []
    at = 0
    for label, _ in labels:
        lo, hi = label.col, label.col + label.col_span
        while at < len(candidates) and candidates[at].col + candidates[at].col_span <= lo:
            at += 1
        cell = candidates[at] if at < len(candidates) else None
        found.append(cell if cell is not None and cell.col < hi else None)
    return found
