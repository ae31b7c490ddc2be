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
                for cell, field in filled:
                    value = _overlapping(cell, below)
                    if value is not None:
                        fields.setdefault(field, Field(value.text, value.prov))
                continue
        for i, (cell, field) in enumerate(zip(row, labels)):
            if field is None:
                if cell.text.strip():
                    _read_inline(cell.text, cell.prov, fields)
                continue
            for later, later_label in zip(row[i + 1 :], labels[i + 1 :]):
                if later_label is not None:
                    break  # the next label came first: this value is empty
                if later.text.strip():
                    fields.setdefault(field, Field(later.text, later.prov))
                    break


def _overlapping(label: Cell, candidates: list[Cell]) -> Cell | None:
    lo, hi = label.col, label.col + label.col_span
    for cell in candidates:
        if cell.col < hi and cell.col + cell.col_span > lo:
            return cell
    return None
