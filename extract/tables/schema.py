"""The output tables' columns and their types, without pandas (workers validate rows against it).

Column names and order are the contract of SPEC.md section 2: a new column
goes where SPEC.md lists it (director_* after officer_*, year_to after year);
columns beyond SPEC go at the end of their table; none is ever renamed.
"""

from __future__ import annotations

STR = "string"
INT = "Int64"
BOOL = "boolean"
FLOAT = "Float64"
DATE = "date32"  # pandas: ArrowDtype(pa.date32()), see tables.py

SCHEMAS: dict[str, dict[str, object]] = {
    "files": {
        "source_file": STR, "sha256": STR, "size_bytes": INT, "format": STR, "government": STR, "encoding": STR,
        "status": STR, "n_cards": INT, "error_code": STR, "message": STR,
    },
    "cards": {
        "source_file": STR, "card_index": INT, "office": STR, "government": STR, "duplicate_of": STR,
        "as_of": DATE, "card_no": STR,
        "title": STR, "lead_department": STR, "related_departments": STR,
        "team_leader_rank": STR, "team_leader_name": STR, "team_leader_phone": STR,
        "officer_rank": STR, "officer_name": STR, "officer_phone": STR,
        "director_rank": STR, "director_name": STR, "director_phone": STR,
        "category": STR, "implementing_body": STR, "within_term": BOOL,
        "period_start_year": INT, "period_end_year": INT, "continues_after_term": BOOL,
        "budget_total_krw": INT, "budget_national_krw": INT, "budget_provincial_krw": INT,
        "budget_local_krw": INT, "budget_other_krw": INT,
        "status": STR, "status_code": STR, "progress_pct": FLOAT, "goal": STR,
        "ocr_confidence": FLOAT,
    },
    "tasks": {
        "source_file": STR, "card_index": INT, "card_no": STR, "task_no": INT, "text": STR,
        "amount_krw": INT, "end_year": INT,
    },
    "budget": {
        "source_file": STR, "card_index": INT, "card_no": STR, "plan_kind": STR, "fund_label": STR,
        "fund": STR, "period_label": STR, "period": STR, "year": INT, "year_to": INT, "amount_krw": INT,
        "amount_raw": STR,
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
    "fields": {
        "source_file": STR, "card_index": INT, "card_no": STR, "label": STR, "value": STR, "field": STR,
    },
}  # fmt: skip

TABLE_NAMES = tuple(SCHEMAS)  # the seven tables, in the order they are written and listed

# Written by `cardex compare OLD NEW`: one row per change between two deadlines.
CHANGES: dict[str, object] = {
    "kind": STR, "office": STR, "government": STR, "card_no": STR, "title": STR, "old_source_file": STR,
    "new_source_file": STR, "old_as_of": DATE, "new_as_of": DATE, "detail": STR, "old_value": STR,
    "new_value": STR, "old_amount_krw": INT, "new_amount_krw": INT,
}  # fmt: skip
CHANGE_KINDS = (
    "added", "dropped", "status_changed", "status_regressed", "progress_increased", "progress_decreased",
    "budget_changed", "department_changed", "new_items", "card_no_reused",
)  # fmt: skip
