"""Rows of a table as tuples or columns of their values in schema order, without pandas.

The writer, the validation (in the workers) and the frames all turn dict rows into one of
these shapes; rows made by cardex hold every column, so each row is taken in one step.
"""

from __future__ import annotations

from operator import itemgetter

from extract.tables.schema import CHANGES, SCHEMAS

_NAMES = {name: tuple(schema) for name, schema in {**SCHEMAS, "changes": CHANGES}.items()}


def records(name: str, rows: list[dict]) -> list[tuple]:
    """Rows of table `name` as tuples of their values in schema order (a missing key: None)."""
    names = _NAMES[name]
    if len(names) > 1:  # itemgetter of one name gives the value, not a tuple
        try:
            return list(map(itemgetter(*names), rows))
        except KeyError:
            pass
    return [tuple(row.get(col) for col in names) for row in rows]


def columns(name: str, rows: list[dict]) -> dict[str, list]:
    """Rows of table `name` as its columns of values (a missing key: None), in schema order."""
    found = records(name, rows)
    if not found:
        return {col: [] for col in _NAMES[name]}
    return dict(zip(_NAMES[name], map(list, zip(*found, strict=True)), strict=True))
