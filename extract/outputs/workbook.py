"""`tables.xlsx`: every table as a typed sheet, for the analyst who opens Excel first.

Written with openpyxl's write-only mode (rows streamed, memory flat). Each
sheet opens with two header rows, frozen: what each column means in Korean
(`schema.LABELS_KO`) above the column's name, with an autofilter on the
names; a check's `expected` and `actual` are numbers where they are
figures. Widths fit Korean text (a
Hangul syllable is two columns wide); won amounts are numbers with
thousands separators, dates are dates, percentages numbers. Text is always
stored as text: a card value starting with `=` is never a live formula (no
escaping is needed, unlike the CSVs). Characters that the xlsx format
cannot carry (C0 controls) are replaced, text past Excel's 32,767
characters per cell is cut, and a table past Excel's row limit continues on
a second sheet, so Excel and LibreOffice open the file without a repair prompt.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from extract.tables.frames import Tables
from extract.tables.schema import CHANGES, DATE, FLOAT, INT, LABELS_KO, SCHEMAS, STR

AMOUNT = "amount"  # won columns (`*_krw`): integers shown with thousands separators
FIGURE = "figure"  # text columns that hold a number where there is one: a check's two figures
FIGURE_COLUMNS = {"expected", "actual"}
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
MAX_CELL_TEXT = 32_767
MAX_ROWS = 1_048_575  # below the header row
MAX_WIDTH = 60
INTEGER_FORMAT = "#,##0"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")


COMPARED = {"folder": STR, "as_of": STR, "cards": INT}


def write_workbook(tables: Tables, path: str | Path) -> Path:
    """Write `tables.xlsx` (atomically: a temporary file renamed into place)."""
    path = Path(path)
    book = Workbook(write_only=True)
    sheets = [(name, frame, SCHEMAS[name]) for name, frame in tables.items_by_name()]
    if tables.changes is not None:
        sheets.insert(0, ("changes", tables.changes, CHANGES))
    if tables.compared:  # which two runs the changes are between
        runs = pd.DataFrame(
            [{"run": side, **{k: tables.compared[side].get(k) for k in COMPARED}} for side in ("old", "new")]
        )
        sheets.insert(1, ("compared", runs, {"run": STR, **COMPARED}))
    for name, df, schema in sheets:
        for part, start in enumerate(range(0, max(len(df), 1), MAX_ROWS)):
            _sheet(book, name if part == 0 else f"{name} ({part + 1})", df.iloc[start : start + MAX_ROWS], schema)
    tmp = path.with_name(f".{path.name}.tmp")
    book.save(tmp)
    tmp.replace(path)
    return path


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _sheet(book: Workbook, title: str, df: pd.DataFrame, schema: dict[str, object]) -> None:
    ws = book.create_sheet(title)
    columns = list(schema)
    ws.freeze_panes = "A3"  # both header rows stay in view
    if columns:
        ws.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{len(df) + 2}"
    sample = df.head(200)
    for index, column in enumerate(columns, start=1):
        values = [str(v) for v in sample[column] if v is not None and not pd.isna(v)] if column in sample else []
        if schema[column] == DATE:
            values = [v[:10] for v in values]  # shown as 2024-06-30, however pandas holds it
        widest = max(
            [_width(column), _width(LABELS_KO.get(column, column))] + [_width(v.split("\n")[0]) for v in values[:200]]
        )
        if column.endswith("_krw"):
            widest = max(widest, 16)
        ws.column_dimensions[get_column_letter(index)].width = min(widest + 2, MAX_WIDTH)
    for names in ([LABELS_KO.get(c, c) for c in columns], columns):  # Korean meaning above the column name
        header = []
        for name in names:
            cell = WriteOnlyCell(ws, value=name)
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
            header.append(cell)
        ws.append(header)
    kinds = [AMOUNT if c.endswith("_krw") else FIGURE if c in FIGURE_COLUMNS else schema[c] for c in columns]
    data = [df[c].tolist() if c in df else [None] * len(df) for c in columns]
    for r in range(len(df)):
        ws.append([_cell(ws, data[k][r], kinds[k]) for k in range(len(columns))])


def _cell(ws, value: object, kind: object):
    """A plain value where the type says enough (fast), a styled cell where it needs a format."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if kind == INT:
        return int(value)
    if kind == AMOUNT:
        cell = WriteOnlyCell(ws, value=int(value))
        cell.number_format = INTEGER_FORMAT
        return cell
    if kind == FLOAT:
        cell = WriteOnlyCell(ws, value=float(value))
        cell.number_format = "0.0##"
        return cell
    if kind == DATE:
        day = value.date() if isinstance(value, dt.datetime) else value  # a pandas datetime at midnight: its day
        cell = WriteOnlyCell(ws, value=day if isinstance(day, dt.date) else pd.Timestamp(day).date())
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, bool):
        return value
    if kind == FIGURE and isinstance(value, str) and _NUMBER.fullmatch(value):  # a check's figure: a number
        number = float(value) if "." in value else int(value)
        if abs(number) < 1e15:  # Excel holds 15 digits exactly; a longer figure stays text
            cell = WriteOnlyCell(ws, value=number)
            cell.number_format = INTEGER_FORMAT if isinstance(number, int) else "0.0##"
            return cell
    text = str(value)
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    if not text.startswith("="):
        return text  # openpyxl stores any other string as text
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"  # text, even though it starts with '=': never a formula
    return cell


__all__ = ["write_workbook"]
