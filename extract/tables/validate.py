"""A file's rows checked against the output schema where they are made.

The table writer turns rows into typed Arrow columns; one value that does
not fit (an int past int64, a string with a lone surrogate, a NUL) would
abort the whole batch there. So each file's rows are checked here, in the
worker that read the file, before they leave it: every value must have its
column's Python type and range, and text must be valid UTF-8 without NUL.
A value that can be cleaned is cleaned (broken text gets U+FFFD, an
out-of-range number becomes empty) and a `checks` row says so; a file whose
rows cannot be made valid (or that produces more rows than any real file)
becomes one `files` row with `invalid_value` or `too_large`.

Plain Python only: workers never import pandas.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from extract.tables.records import records
from extract.tables.schema import BOOL, DATE, FLOAT, INT, SCHEMAS, STR, TABLE_NAMES
from parsers.numbers import INT64_MAX

MAX_ROWS = 2_000_000  # rows of all tables from one file; a 300-card file makes some 60,000
MAX_TEXT = 1_000_000  # characters in one cell of a table
_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")
_KEYS = ("source_file", "card_index", "card_no")


class InvalidRows(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def validate(rows: dict[str, list[dict]]) -> tuple[dict[str, list[dict]], int]:
    """The rows, cleaned in place with a check row per cleaned value, and how many were cleaned;
    raises InvalidRows."""
    if set(rows) - set(TABLE_NAMES):
        raise InvalidRows("invalid_value", f"rows for unknown tables {sorted(set(rows) - set(TABLE_NAMES))}")
    total = sum(len(table) for table in rows.values())
    if total > MAX_ROWS:
        raise InvalidRows(
            "too_large",
            f"The file yields {total:,} table rows, more than any real file of cards ({MAX_ROWS:,} at most); "
            "split it into smaller documents or check that it is not damaged.",
        )
    found: list[dict] = []
    for name, table in rows.items():
        schema = SCHEMAS[name]
        if _plainly_fit(name, table, schema):
            continue
        columns, known = list(schema.items()), schema.keys()
        for row in table:
            if not isinstance(row, dict):
                raise InvalidRows("invalid_value", f"a {name} row is not a record")
            for column, dtype in columns:
                value = row.get(column)
                if value is None or _plainly_fits(value, dtype):
                    continue
                fixed, problem = _fit(value, dtype)
                if problem is not None:
                    row[column] = fixed
                    found.append(_check_row(name, column, row, *problem))
            if not row.keys() <= known:
                extra = set(row) - set(schema)
                raise InvalidRows("invalid_value", f"a {name} row has columns no table has: {sorted(extra)}")
    for check in found:
        fixed, _ = _fit(check["message"], STR)
        check["message"] = fixed
    rows.setdefault("checks", []).extend(found)
    return rows, len(found)


_TEXT, _RANGE = "invalid_text", "value_out_of_range"


def _plainly_fit(name: str, table: list[dict], schema: dict[str, object]) -> bool:
    """The common case, decided a column at a time: every row has exactly the table's columns
    and every value its column's exact type, well within its limits (True: nothing to clean or
    refuse; False: the table is looked at row by row and value by value)."""
    if not table:
        return True
    keys = schema.keys()
    for row in table:
        if type(row) is not dict or row.keys() != keys:
            return False
    for values, dtype in zip(zip(*records(name, table), strict=True), schema.values(), strict=True):
        present = [v for v in values if v is not None]
        if not present:
            continue
        kinds = set(map(type, present))
        if dtype == STR:
            if kinds != {str} or max(map(len, present)) > MAX_TEXT or _BAD_TEXT.search("".join(present)):
                return False
        elif dtype == INT:
            if kinds != {int} or min(present) < -INT64_MAX - 1 or max(present) > INT64_MAX:
                return False
        elif dtype == FLOAT:
            if not kinds <= {float, int} or not all(map(_plain_number, present)):
                return False
        elif dtype == BOOL:
            if kinds != {bool}:
                return False
        elif dtype is DATE:
            if kinds != {dt.date}:
                return False
        else:
            return False
    return True


def _plain_number(value: float) -> bool:
    return math.isfinite(value) if type(value) is float else abs(value) <= 2**53


def _plainly_fits(value: object, dtype: object) -> bool:
    """The common case, decided quickly: a value of its column's exact type, well within its
    limits (anything else is looked at by `_fit`)."""
    kind = type(value)
    if kind is str:
        return dtype == STR and len(value) <= MAX_TEXT and _BAD_TEXT.search(value) is None  # type: ignore[arg-type]
    if kind is int:
        return dtype == INT and -INT64_MAX - 1 <= value <= INT64_MAX  # type: ignore[operator]
    if kind is float:
        return dtype == FLOAT and math.isfinite(value)  # type: ignore[arg-type]
    return kind is bool and dtype == BOOL


def _fit(value: object, dtype: object) -> tuple[object, tuple[str, str, str] | None]:
    """(value that fits the column, None) or (cleaned value, (check, severity, what was wrong))."""
    if dtype == STR:
        if not isinstance(value, str):
            raise InvalidRows("invalid_value", f"a text column holds a {type(value).__name__}")
        problem = None
        if len(value) > MAX_TEXT:
            value = value[:MAX_TEXT]
            problem = (_TEXT, "warning", f"text longer than {MAX_TEXT:,} characters was cut")
        if _BAD_TEXT.search(value):
            value = _BAD_TEXT.sub("\ufffd", value)
            problem = (_TEXT, "warning", "text with a NUL or a broken character (lone surrogate) was cleaned to �")
        return value, problem
    if dtype == INT:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidRows("invalid_value", f"an integer column holds a {type(value).__name__}")
        if not -INT64_MAX - 1 <= value <= INT64_MAX:
            return None, (_RANGE, "error", "an integer beyond the table's range (int64) was left empty")
        return value, None
    if dtype == FLOAT:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidRows("invalid_value", f"a number column holds a {type(value).__name__}")
        if isinstance(value, int) and abs(value) > 2**53:
            return None, (_RANGE, "error", "a number too large to store exactly was left empty")
        if isinstance(value, float) and not math.isfinite(value):
            return None, (_RANGE, "error", "a number that is not finite was left empty")
        return value, None
    if dtype == BOOL:
        if not isinstance(value, bool):
            raise InvalidRows("invalid_value", f"a true/false column holds a {type(value).__name__}")
        return value, None
    if dtype is DATE:
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise InvalidRows("invalid_value", f"a date column holds a {type(value).__name__}")
        return value, None
    raise InvalidRows("invalid_value", f"unknown column type {dtype!r}")


def _check_row(table: str, column: str, row: dict, check: str, severity: str, problem: str) -> dict:
    key = {k: row.get(k) if table != "files" else None for k in _KEYS}
    key["source_file"] = row.get("source_file")
    for k, dtype in (("source_file", STR), ("card_no", STR)):
        if isinstance(key[k], str):
            key[k] = _fit(key[k], dtype)[0]
    if not isinstance(key["card_index"], int) or isinstance(key["card_index"], bool):
        key["card_index"] = None
    return {
        **key,
        "check": check,
        "severity": severity,
        "message": f"{table}.{column}: {problem}",
        "expected": "a value the table can hold",
        "actual": None,
        "location": f"{table}.{column}",
    }
