"""The budget matrix (`2. 투자계획`) in long form.

The matrix is found by its header row (`구 분 | 계 | 기투자 | 2022년 … |
임기후`), wherever the card puts it. Exports disagree on where a merged
cell's empty cells go (the seed puts the empty cell of `구 분` at the end
of the header row), so columns are never matched by index: a data row's
values are the cells after its fund label (`총계`, `국비`, …), taken in
order against the period labels. Rows under a group label (`소요 예산
(계획)`, `투입 예산`) inherit it until the next group label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extract.cards.money import find_unit, fund_of, parse_amount
from extract.cards.years import COLUMN_YEAR, GARBLED_COLUMN_YEAR, WRITTEN_YEAR, full_year
from extract.vocabulary import squash, vocabulary
from parsers.model import Block, Cell, Table, iter_paragraphs
from parsers.numbers import OutOfRange

_YEAR_LABEL = re.compile(rf"^{COLUMN_YEAR}$")
# `2028년~2030년`, `'28~'30`, `2028-2030`: one column for several years.
_RANGE_LABEL = re.compile(rf"^{COLUMN_YEAR}\s*[~∼〜～\-–]\s*{COLUMN_YEAR}$")


@dataclass(frozen=True)
class ColumnPeriod:
    """What one column of the budget matrix covers: the total, the years before, one year, a span
    of years, or after the term. Frozen: the answers remembered by text below share them."""

    label: str
    kind: str  # total, prior, year, range, after_term
    year: int | None
    year_to: int | None = None  # the last year the column covers (year or range)

    @property
    def code(self) -> str:
        """The `period` column: the year for a one-year column, else the kind."""
        return str(self.year) if self.kind == "year" else self.kind


@dataclass(slots=True)
class BudgetCell:
    plan_kind: str  # planned, secured, invested
    fund_label: str
    fund: str | None
    period: ColumnPeriod
    amount_krw: int | None
    amount_raw: str


@dataclass
class Matrix:
    unit: int | None = None  # won per unit; None when no unit line was found
    cells: list[BudgetCell] = field(default_factory=list)
    periods: list[ColumnPeriod] = field(default_factory=list)
    out_of_range: list[tuple[BudgetCell, OutOfRange]] = field(default_factory=list)
    tables: set[int] = field(default_factory=set)  # id() of every table read as (part of) the matrix

    @property
    def found(self) -> bool:
        return bool(self.cells)

    def planned_totals(self) -> dict[str, int]:
        """The plan's 계 column per fund (`total` for the 합계 row), as the header should state it."""
        return {
            cell.fund: cell.amount_krw
            for cell in self.cells
            if cell.plan_kind == "planned"
            and cell.period.kind == "total"
            and cell.fund is not None
            and cell.amount_krw is not None
        }

    def price(self, unit: int | None) -> None:
        """Turn every cell into won once the unit is settled."""
        self.out_of_range = []
        for cell in self.cells:
            try:
                cell.amount_krw = parse_amount(cell.amount_raw, unit)
            except OutOfRange as exc:
                cell.amount_krw = None  # the raw text stays in amount_raw; a check says why
                self.out_of_range.append((cell, exc))


@lru_cache(maxsize=4096)
def _period_of(text: str) -> ColumnPeriod | None:
    """The period a column label names. Remembered: a card asks the same labels over and over
    while it looks for its matrix header, and the vocabulary never changes in a run."""
    vocab = vocabulary()
    key = squash(text).strip("()")
    # As written, but without spaces around a range's tilde: a PDF cell wrapped at `~` cannot
    # tell whether the typist put a space there, and the label must not differ by format.
    label = re.sub(r"\s*([~∼〜～])\s*", r"\1", re.sub(r"\s+", " ", text).strip())
    if key in vocab.words("budget", "period_total"):
        return ColumnPeriod(label, "total", None)
    if key in vocab.words("budget", "period_prior"):
        return ColumnPeriod(label, "prior", None)
    after_suffix = len(key) <= 10 and key.endswith(vocab.words("budget", "period_after_suffixes"))
    if key in vocab.words("budget", "period_after") or after_suffix:
        return ColumnPeriod(label, "after_term", None)
    match = _YEAR_LABEL.match(key)
    if match:
        year = full_year(match[1])
        return ColumnPeriod(label, "year", year, year)
    match = _RANGE_LABEL.match(key)
    if match:
        first, last = full_year(match[1]), full_year(match[2])
        if first < last:
            return ColumnPeriod(label, "range", first, last)
    return None


_NEXT_KIND = {"planned": "secured", "secured": "invested"}  # the order cards list their plan groups in


@lru_cache(maxsize=4096)
def _plan_kind(text: str) -> str | None:
    vocab = vocabulary()
    key = re.sub(r"[()\[\]]", "", squash(text))
    best: tuple[int, str] | None = None
    for kind in ("planned", "secured", "invested"):
        for word in vocab.words("budget", kind):
            if word and word in key and (best is None or len(word) > best[0]):
                best = (len(word), kind)
    if best is None:  # a scan's slip: one letter off a group's name, a stray jamo beside it (`투자실저 ㄱ`)
        bare = re.sub(r"[ㄱ-ㅣ]", "", key)
        found = [kind for kind in ("planned", "secured", "invested") if vocab.misread_word(bare, "budget", kind)]
        return found[0] if len(found) == 1 else None
    return best[1] if best else None


def _header_periods(cells_text: list[str], ocr: bool = False) -> list[ColumnPeriod] | None:
    """ColumnPeriod columns if this row is a matrix header (`구분` then periods). In a row read by
    OCR, a span column it garbled is told by its place (see _guess_span)."""
    found = _header_row(tuple(cells_text), ocr)
    return list(found) if found is not None else None


@lru_cache(maxsize=4096)
def _header_row(cells_text: tuple[str, ...], ocr: bool) -> tuple[ColumnPeriod, ...] | None:
    """`_header_periods`' answer, remembered: every row of every table is asked (often twice, by
    the header and by the matrix), and a template's rows repeat card after card."""
    row_header = vocabulary().words("budget", "row_header")
    keys = [squash(t) for t in cells_text]
    starts = [i for i, k in enumerate(keys) if k in row_header]
    if starts:
        labels = [t for t in cells_text[starts[0] + 1 :] if t.strip()]
        periods = [_period_of(t) for t in labels]
        if ocr:
            periods = _guess_span(labels, [p or _misread_period(t) for t, p in zip(labels, periods)])
        minimum = 2
    else:
        # a corner cell nobody listed (blank, or OCR's `고분` for 구분): the row is still the
        # header when everything after its first cell is a period, among them 계 and a year
        if not cells_text:
            return None
        corner = cells_text[0].strip()
        if corner and (_period_of(corner) is not None or _plan_kind(corner) is not None):
            return None  # a data row (`소요예산 | 총계 | 60 | …`) is no header
        periods = [_period_of(t) for t in cells_text[1:] if t.strip()]
        minimum = 3
        if not any(p is not None and p.kind == "total" for p in periods):
            return None
        if any(p is not None and p.kind in ("year", "range") and not WRITTEN_YEAR.search(p.label) for p in periods):
            return None  # a bare `60` is an amount here, not the year 2060
    if len(periods) < minimum or any(p is None for p in periods):
        return None
    if not any(p.kind in ("year", "range") for p in periods):
        return None
    return tuple(periods)  # type: ignore[arg-type]


def _misread_period(text: str) -> ColumnPeriod | None:
    """A total, prior or after-term column label OCR read with one letter wrong (`종사업비`),
    or a year whose 년 it garbled (`2023'넌`); the label stays as read."""
    vocab = vocabulary()
    year = GARBLED_COLUMN_YEAR.fullmatch(squash(text))
    if year is not None:
        return ColumnPeriod(re.sub(r"\s+", " ", text).strip(), "year", int(year[1]), int(year[1]))
    for key, kind in (("period_total", "total"), ("period_prior", "prior"), ("period_after", "after_term")):
        if vocab.misread_word(text, "budget", key) is not None:
            return ColumnPeriod(re.sub(r"\s+", " ", text).strip(), kind, None)
    return None


def _guess_span(labels: list[str], periods: list[ColumnPeriod | None]) -> list[ColumnPeriod | None]:
    """A column OCR garbled (`버2030`, `'2~30` for `'27~'30`) that stands right after the last
    year and before the after-term column (or last), and whose text ends in the two digits of
    a later year, is the span from the year after to that year; its label stays as read."""
    out = list(periods)
    for k, (label, period) in enumerate(zip(labels, periods)):
        before = out[k - 1] if k else None
        after = periods[k + 1] if k + 1 < len(periods) else None
        if period is not None or before is None or before.kind not in ("year", "range"):
            continue
        if after is not None and after.kind != "after_term":
            continue
        digits = re.findall(r"\d+", label)
        last = before.year_to or before.year or 0
        if digits and len(digits[-1]) >= 2:
            year = full_year(digits[-1][-2:])
            if last + 1 < year <= last + 10:
                out[k] = ColumnPeriod(label, "range", last + 1, year)
    return out


def read_matrix(blocks: list[Block], office: str | None, rows: TableRows | None = None) -> Matrix:
    """The budget matrix of these blocks; `rows`: the document's tables as already read (`TableRows`)."""
    rows = rows if rows is not None else TableRows()
    matrix = Matrix()
    unit_before: int | None = None
    for block in blocks:
        for paragraph in iter_paragraphs([block]):
            unit = find_unit(paragraph.text)
            if unit is not None:
                unit_before = unit
        if not isinstance(block, Table):
            continue
        _read_table(block, matrix, office, rows.of(block))
        if matrix.unit is None and matrix.cells:
            matrix.unit = unit_before
    return matrix


def _two_row_header(
    top: list[Cell], below: list[Cell], top_texts: list[str], below_texts: list[str]
) -> list[ColumnPeriod] | None:
    """`구분 | 계 | 기투자 | 연도별 투자계획 | 임기후` over `2022 | … | 2026`: periods by column."""
    found = _two_rows(tuple(zip([c.col for c in top], top_texts)), tuple(zip([c.col for c in below], below_texts)))
    return list(found) if found is not None else None


@lru_cache(maxsize=4096)
def _two_rows(top: tuple[tuple[int, str], ...], below: tuple[tuple[int, str], ...]) -> tuple[ColumnPeriod, ...] | None:
    """`_two_row_header`'s answer from each row's (column, text) pairs, remembered."""
    row_header = vocabulary().words("budget", "row_header")
    if not any(squash(text) in row_header for _, text in top):
        return None
    years = [(col, _period_of(text)) for col, text in below if text]
    if len(years) < 2 or any(p is None or p.kind not in ("year", "range") for _, p in years):
        return None
    by_col: dict[int, ColumnPeriod] = {}
    for col, text in top:
        period = _period_of(text) if text else None
        if period is not None:
            by_col[col] = period
    by_col.update({col: p for col, p in years if p is not None})
    return tuple(by_col[col] for col in sorted(by_col))


@dataclass
class _Rows:
    """What the matrix reader asks of a table's rows, worked out once per table: the cells of
    each row, their texts on one line, and whether OCR read the row."""

    cells: list[list[Cell]]
    texts: list[list[str]]
    ocr: list[bool]

    @classmethod
    def of(cls, table: Table, document_has_ocr: bool = True) -> _Rows:
        """`document_has_ocr` False: nothing in the document was read by OCR (no row needs looking at)."""
        rows = table.rows()
        texts = [[c.text.replace("\n", " ").strip() for c in row] for row in rows]
        if document_has_ocr and any(p.confidence is not None for p in iter_paragraphs([table])):
            ocr = [any(p.confidence is not None for c in row for p in c.paragraphs) for row in rows]
        else:
            ocr = [False] * len(rows)
        return cls(rows, texts, ocr)


class TableRows:
    """Each table's `_Rows`, worked out once per document: the header reader asks every table
    where a matrix starts (`matrix_start`), and the card's budget tables are read again as a
    matrix (`read_matrix`). `ocr`: whether any paragraph of the document was read by OCR (one
    walk of the document instead of one per table). Each table is held beside its rows, so its
    id stays its own."""

    def __init__(self, ocr: bool = True) -> None:
        self.ocr = ocr
        self._read: dict[int, tuple[Table, _Rows]] = {}

    @classmethod
    def of_document(cls, blocks: list[Block]) -> TableRows:
        return cls(ocr=any(p.confidence is not None for p in iter_paragraphs(blocks)))

    def of(self, table: Table) -> _Rows:
        found = self._read.get(id(table))
        if found is None:
            found = self._read[id(table)] = (table, _Rows.of(table, self.ocr))
        return found[1]


def _header_at(rows: _Rows, index: int) -> tuple[list[ColumnPeriod], int] | None:
    """The periods if row `index` starts a matrix header, and how many rows the header takes."""
    header = _header_periods(rows.texts[index], rows.ocr[index])
    if header is not None:
        return header, 1
    if index + 1 < len(rows.cells):
        header = _two_row_header(rows.cells[index], rows.cells[index + 1], rows.texts[index], rows.texts[index + 1])
        if header is not None:
            return header, 2
    return None


def matrix_start(table: Table, tables: TableRows) -> int | None:
    """The row where a budget matrix header starts in this table, if any (header tables
    sometimes carry the matrix in their lower rows); `tables`: the document's, as read."""
    rows = tables.of(table)
    return next((i for i in range(len(rows.cells)) if _header_at(rows, i) is not None), None)


def is_note(text: str) -> bool:
    """`※ 기타: …` under a matrix: a remark, not a row of money."""
    return text.lstrip().startswith(vocabulary().written("items", "leaf_markers"))


def _read_table(table: Table, matrix: Matrix, office: str | None, rows: _Rows) -> None:
    periods = matrix.periods or None  # a table continued from the previous one
    group: str | None = None
    totals_seen: set[str] = set()  # groups whose 계 row was read
    ocr = any(rows.ocr)
    row_texts = rows.texts
    skip = 0
    for index in range(len(rows.cells)):
        if skip:
            skip -= 1
            continue
        found = _header_at(rows, index)
        if found is not None:
            periods = matrix.periods = found[0]
            skip = found[1] - 1
            matrix.tables.add(id(table))
            continue
        if periods is None:
            continue
        texts = row_texts[index]
        funds = [fund_of(t, office) if t else None for t in texts]
        fund_at = next((i for i, f in enumerate(funds) if f is not None), None)
        group_texts = [t for t in texts[: fund_at if fund_at is not None else len(texts)] if t]
        kinds = [k for k in map(_plan_kind, group_texts) if k is not None]
        if kinds:
            group = kinds[-1]
        elif (
            group_texts
            and ocr
            and fund_at is not None
            and funds[fund_at] == "total"
            and (group or "planned") in totals_seen
        ):
            # a group label OCR could not read (under a seal): a second 계 row opens the next group
            group = _NEXT_KIND.get(group or "planned", group)
        if fund_at is None:
            continue
        if funds[fund_at] == "total":
            totals_seen.add(group or "planned")
        matrix.tables.add(id(table))
        # A matrix without row groups (one block of funds) is the plan.
        kind = group or "planned"
        values = texts[fund_at + 1 :]
        for period, raw in zip(periods, values + [""] * (len(periods) - len(values))):
            matrix.cells.append(
                BudgetCell(
                    plan_kind=kind,
                    fund_label=texts[fund_at],
                    fund=funds[fund_at],
                    period=period,
                    amount_krw=None,
                    amount_raw=raw,
                )
            )
