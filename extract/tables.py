"""The six output tables: their columns, their dtypes, and how rows become frames.

Column names and order are the contract of SPEC.md section 2. Add a column
at the end of its list; never rename one.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from .rows import TABLE_NAMES

STR = "string"
INT = "Int64"
BOOL = "boolean"
FLOAT = "Float64"
DATE = pd.ArrowDtype(pa.date32())

SCHEMAS: dict[str, dict[str, object]] = {
    "files": {
        "source_file": STR, "sha256": STR, "size_bytes": INT, "format": STR, "encoding": STR,
        "status": STR, "n_cards": INT, "error_code": STR, "message": STR,
    },
    "cards": {
        "source_file": STR, "card_index": INT, "office": STR, "as_of": DATE, "card_no": STR,
        "title": STR, "lead_department": STR, "related_departments": STR,
        "team_leader_rank": STR, "team_leader_name": STR, "team_leader_phone": STR,
        "officer_rank": STR, "officer_name": STR, "officer_phone": STR,
        "period_start_year": INT, "period_end_year": INT, "continues_after_term": BOOL,
        "budget_total_krw": INT, "budget_national_krw": INT, "budget_provincial_krw": INT,
        "budget_local_krw": INT, "budget_other_krw": INT,
        "status": STR, "status_code": STR, "progress_pct": FLOAT, "goal": STR,
    },
    "tasks": {
        "source_file": STR, "card_index": INT, "card_no": STR, "task_no": INT, "text": STR,
        "amount_krw": INT, "end_year": INT,
    },
    "budget": {
        "source_file": STR, "card_index": INT, "card_no": STR, "plan_kind": STR, "fund_label": STR,
        "fund": STR, "period_label": STR, "period": STR, "year": INT, "amount_krw": INT, "amount_raw": STR,
    },
    "items": {
        "source_file": STR, "card_index": INT, "card_no": STR, "section_no": INT, "section_title": STR,
        "item_no": INT, "level": INT, "marker": STR, "text": STR, "parent_item_no": INT,
    },
    "checks": {
        "source_file": STR, "card_index": INT, "card_no": STR, "check": STR, "severity": STR,
        "message": STR, "expected": STR, "actual": STR,
        "location": STR,  # added beyond SPEC: which row/column/field the check looked at
    },
}  # fmt: skip

assert tuple(SCHEMAS) == TABLE_NAMES


@dataclass
class Tables:
    files: pd.DataFrame
    cards: pd.DataFrame
    tasks: pd.DataFrame
    budget: pd.DataFrame
    items: pd.DataFrame
    checks: pd.DataFrame

    def items_by_name(self) -> list[tuple[str, pd.DataFrame]]:
        return [(name, getattr(self, name)) for name in TABLE_NAMES]


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    schema = SCHEMAS[name]
    columns = {col: [row.get(col) for row in rows] for col in schema}
    return pd.DataFrame({col: pd.Series(values, dtype=schema[col]) for col, values in columns.items()})


def sort_key(row: dict) -> tuple[str, int]:
    return row["source_file"], row.get("card_index") or 0


class TableBuilder:
    """Collects rows file by file and turns them into typed frames (in memory: for the API)."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}

    def add(self, rows: dict[str, list[dict]]) -> None:
        for name, table_rows in rows.items():
            self.rows[name].extend(table_rows)

    def tables(self) -> Tables:
        ordered = {name: sorted(rows, key=sort_key) for name, rows in self.rows.items()}
        return Tables(**{name: frame(name, rows) for name, rows in ordered.items()})
