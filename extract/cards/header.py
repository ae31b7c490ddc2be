"""The header table: every label and the value beside (or below) it.

Templates differ in where a value sits: the seed puts `팀 장` and its value
in the middle of a row, a 4-column grid alternates label and value, some
templates put a row of labels over a row of values, and some write
`과장 : 김학진 ☎2420` inside one cell. All are read by one walk: a label is
a known label (vocabulary.toml) or a short word standing where labels
stand; its value is the next filled cell to its right that is not itself a
label; a row made only of labels takes its values from the row below,
column by column. Every pair is kept, known or not, for the `fields` table.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.cards.budget import TableRows, matrix_start
from extract.cards.pairs import Pair
from extract.cards.status_grid import read_status_grid
from extract.vocabulary import squash, vocabulary
from parsers.model import Block, Cell, Paragraph, Provenance, Table

_MAX_LABEL = 20
# An inline label: a short word before a colon (`관리번호 : 1-1-1`, `과장: 김학진`).
_INLINE_LABEL = re.compile(r"(?:^|(?<=\s))([가-힣A-Za-z][가-힣A-Za-z/()·\s]{0,11}?)\s*[:：]\s*")
_LABELISH = re.compile(r"^[가-힣][가-힣/()·\s]{1,11}$")


_SPECKS = re.compile(r"^[\W_]+|[\W_]+$")


@lru_cache(maxsize=8192)
def _known(text: str) -> str | None:
    """The field a known label names (remembered: every filled cell of every header row is asked,
    and a template's labels repeat card after card)."""
    text = text.strip()
    return vocabulary().field_for_label(text) if text and len(text) <= _MAX_LABEL else None


def _known_cell(cell: Cell, after_label: bool = False) -> str | None:
    """A cell's known label; in a cell read by OCR, also one misread by a single letter,
    unless the cell stands right after a label, where a value stands (`공약사업` is no `공약사항`)."""
    field = _known(cell.text)
    if field is None and not after_label and (garbled := _ocr_label(cell)) is not None:
        field = garbled[1]
    return field


def _ocr_label(cell: Cell) -> tuple[str | None, str] | None:
    """In a cell read by OCR, a known label the scan garbled, as (label, field): a speck beside
    it (`담당자 !`) dropped, or one letter misread (`루관부서`) put right by the vocabulary."""
    if not any(p.confidence is not None for p in cell.paragraphs):
        return None
    text = _SPECKS.sub("", cell.text).strip()
    field = _known(text)
    if field is not None:
        return text, field
    return vocabulary().misread_label(text) if len(text) <= _MAX_LABEL else None


def _known_row(filled: list[Cell]) -> list[str | None]:
    known: list[str | None] = []
    for cell in filled:
        known.append(_known_cell(cell, after_label=bool(known) and known[-1] is not None))
    return known


def _labelish(text: str) -> bool:
    """A word that may be a label nobody listed: short, Hangul, no figures."""
    return bool(_LABELISH.match(text.strip())) and len(squash(text)) >= 2


def inline_pairs(text: str, prov: Provenance) -> list[Pair]:
    """`과장 : 김학진 ☎2420 팀장 : 이찬문 ☎2421` (one line or several) as pairs, when the
    text starts with a known label and a colon; otherwise none."""
    if ":" not in text and "：" not in text:
        return []  # no label's colon: most values
    flat = re.sub(r"\s+", " ", text).strip()
    found = [m for m in _INLINE_LABEL.finditer(flat) if _known(m[1]) is not None]
    if not found or found[0].start() != 0:
        return []
    pairs = []
    for match, after in zip(found, found[1:] + [None]):
        value = flat[match.end() : after.start() if after is not None else len(flat)].strip()
        pairs.append(Pair(match[1].strip(), value, _known(match[1]), prov))
    return pairs


class TablePairs:
    """Each table's pairs, read once per document: where a card starts is found by reading its
    tables' labels (`split.identity_table`), and the card's header is read from the same tables
    again (`card.build_card`). Each table is held beside its pairs, so its id stays its own.
    `rows`: the same document's tables as the matrix reader reads them (`budget.TableRows`)."""

    def __init__(self, rows: TableRows | None = None) -> None:
        self.rows = rows if rows is not None else TableRows()
        self._read: dict[int, tuple[Table, list[Pair]]] = {}

    def of(self, table: Table) -> list[Pair]:
        found = self._read.get(id(table))
        if found is None:
            found = self._read[id(table)] = (table, _read_table(table, self.rows))
        return found[1]


def read_header(blocks: list[Block], tables: TablePairs | None = None) -> list[Pair]:
    pairs: list[Pair] = []
    for block in blocks:
        if isinstance(block, Table):
            pairs += tables.of(block) if tables is not None else _read_table(block)
        elif isinstance(block, Paragraph):
            pairs += inline_pairs(block.text, block.prov)
    return pairs


def _pair(label: Cell, value: Cell | None) -> list[Pair]:
    """One label and its value; a value that is itself a list of inline pairs (a contacts
    cell) gives those pairs, and the outer label keeps its text but feeds nothing."""
    written, read_as = label.text.strip(), None
    field = _known(label.text)
    if field is None and (garbled := _ocr_label(label)) is not None:
        spelling, field = garbled
        if spelling is not None:  # the one label it can be: written so, what OCR read kept
            written, read_as = spelling, written
    if value is None:
        return [Pair(written, "", field, label.prov, read_as=read_as)]
    inner = inline_pairs(value.text, value.prov)
    if inner:
        return [Pair(written, value.text.strip(), None, label.prov, read_as=read_as), *inner]
    return [Pair(written, value.text.strip(), field, value.prov, read_as=read_as)]


def _is_label_row(filled: list[Cell], known: list[str | None]) -> bool:
    if len(filled) < 2:
        return False
    n_known = sum(k is not None for k in known)
    if n_known == len(filled):
        return True
    unknown = [c for c, k in zip(filled, known) if k is None]
    return n_known >= 3 and len(unknown) * 3 <= len(filled) and all(_labelish(c.text) for c in unknown)


def _read_table(table: Table, tables: TableRows | None = None) -> list[Pair]:
    tables = tables if tables is not None else TableRows()
    rows = tables.of(table).cells  # shared with the matrix reader: read here, never changed
    end = matrix_start(table, tables)
    rows = rows[:end] if end is not None else rows
    grid, consumed = read_status_grid(rows)
    pairs: list[Pair] = []
    skip_next = False
    for r, row in enumerate(rows):
        if skip_next or r in consumed:
            skip_next = False
            continue
        filled = [c for c in row if c.text.strip()]
        if filled and _group_label(filled, rows, r):
            filled = filled[1:]  # `사업개요` over `사업구간 | …`: the sub-labels make the pairs
        known = _known_row(filled)
        if _is_label_row(filled, known) and r + 1 < len(rows) and r + 1 not in consumed:
            below = [c for c in rows[r + 1] if c.text.strip()]
            if below and not any(_known(c.text) for c in below):
                for label, value in zip(filled, _overlapping(filled, below)):
                    pairs += _pair(label, value)
                skip_next = True
                continue
        pairs += _walk_row(filled, known)
    if grid is not None:
        empty = next((p for p in pairs if p.field == "status" and not p.value), None)
        if empty is not None:
            empty.value = grid.value
        else:
            pairs.append(grid)
    return pairs


def _group_label(filled: list[Cell], rows: list[list[Cell]], r: int) -> bool:
    """Is the row's first cell a label over a group of rows (`사업개요` beside `사업구간`,
    `사업량`, `총사업비`), not a label of its own? It stands in the first column, the rest of
    the row is label and value pairs (the next cell a label, the one after it not), and the
    rows it heads (those it spans, or, where a text export keeps no spans, the rows below
    whose first column is empty) go on with label and value."""
    first, rest = filled[0], filled[1:]
    if first.col != 0 or len(rest) < 2 or len(rest) % 2 or not (_known(first.text) or _labelish(first.text)):
        return False
    if _known_cell(first) in _PAIR_FIELDS or _known(rest[1].text) is not None:
        return False
    if not (_known(rest[0].text) or _labelish(rest[0].text)):
        return False
    below = rows[r + 1] if r + 1 < len(rows) else []
    below_filled = [c for c in below if c.text.strip()]
    if first.row_span > 1:
        return bool(below_filled) and below_filled[0].col >= first.col_span
    return bool(below_filled) and below_filled[0].col > 0 and len(below_filled) % 2 == 0


# fields whose label never heads a group: a first-column label of one of these takes the next cell
_PAIR_FIELDS = {"card_no", "title", "lead_department", "status", "tasks"}


def _walk_row(filled: list[Cell], known: list[str | None]) -> list[Pair]:
    """Left to right: a label waits for the next cell that is not a label."""
    pairs: list[Pair] = []
    pending: Cell | None = None
    for cell, field in zip(filled, known):
        if field is not None:
            if pending is not None:
                pairs += _pair(pending, None)
            pending = cell
        elif pending is not None:
            pairs += _pair(pending, cell)
            pending = None
        elif inner := inline_pairs(cell.text, cell.prov):
            pairs += inner
        elif _labelish(cell.text):
            pending = cell  # a label nobody listed: the next cell is its value
        else:
            pairs.append(Pair("", cell.text.strip(), None, cell.prov))  # a value without a label: kept
    if pending is not None:
        pairs += _pair(pending, None)
    return pairs


def _overlapping(labels: list[Cell], candidates: list[Cell]) -> list[Cell | None]:
    """For each label (left to right), the first cell below that shares a column with it.

    Both rows are sorted by column, so one forward walk finds them all."""
    found: list[Cell | None] = []
    at = 0
    for label in labels:
        lo, hi = label.col, label.col + label.col_span
        while at < len(candidates) and candidates[at].col + candidates[at].col_span <= lo:
            at += 1
        cell = candidates[at] if at < len(candidates) else None
        found.append(cell if cell is not None and cell.col < hi else None)
    return found
