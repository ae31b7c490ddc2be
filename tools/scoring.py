"""Facts right, per component: how a reading that may be imperfect (a scan) is graded.

A fact is one value of one truth row: a cards column, a task's column, a budget cell's
amount (exact, under its plan kind, fund and period), an item's column, a header pair,
a check. Text compares with whitespace removed (a scan cannot see every space); numbers
compare exactly. Rows are matched before their values are compared, so one missed item
costs that item, not every item after it.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter

import pandas as pd

SKIP = {"source_file", "card_index", "card_no", "ocr_confidence"}  # keys; card_no is a cards fact on its own
COMPONENTS = ("cards", "tasks", "budget", "items", "fields", "checks")


def norm(value):
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):  # a date column (as_of) is a pandas datetime at midnight
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return "".join(value.split()) or None
    return value


def rows(frame: pd.DataFrame, source: str, index: int) -> list[dict]:
    part = frame[(frame["source_file"] == source) & (frame["card_index"] == index)]
    return [{k: norm(v) for k, v in row.items()} for row in part.to_dict("records")]


def score_card(truth: dict, tables, source: str, index: int) -> dict[str, tuple[int, int]]:
    """(right, total) per component for one card."""
    out: dict[str, tuple[int, int]] = {}
    got_card = rows(tables.cards, source, index)
    expected = {k: norm(v) for k, v in truth["card"].items() if k not in SKIP - {"card_no"} and k != "ocr_confidence"}
    got = got_card[0] if got_card else {}
    out["cards"] = (sum(got.get(k) == v for k, v in expected.items()), len(expected))

    def by_key(truth_rows, got_rows, key, columns):
        table = {tuple(r.get(k) for k in key): r for r in got_rows}
        right = total = 0
        for row in truth_rows:
            row = {k: norm(v) for k, v in row.items()}
            match = table.get(tuple(row.get(k) for k in key), {})
            for column in columns:
                total += 1
                right += match.get(column, object()) == row.get(column)
        return right, total

    out["tasks"] = by_key(
        truth["tasks"], rows(tables.tasks, source, index), ["task_no"], ["text", "amount_krw", "end_year"]
    )
    budget_key = ["plan_kind", "fund", "period", "year", "year_to", "fund_label"]
    out["budget"] = by_key(truth["budget"], rows(tables.budget, source, index), budget_key, ["amount_krw"])

    got_items = rows(tables.items, source, index)
    want_items = [{k: norm(v) for k, v in r.items()} for r in truth["items"]]
    matcher = difflib.SequenceMatcher(
        a=[r["text"] for r in want_items], b=[r.get("text") for r in got_items], autojunk=False
    )
    columns = ["section_title", "level", "text"]
    right = 0
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            a, b = want_items[block.a + k], got_items[block.b + k]
            right += sum(a.get(c) == b.get(c) for c in columns)
    # near misses (one wrong letter in a long item) still count their section and level
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "replace":
            for a, b in zip(want_items[a0:a1], got_items[b0:b1]):
                right += sum(a.get(c) == b.get(c) for c in columns if c != "text")
    out["items"] = (right, len(want_items) * len(columns))

    want_pairs = Counter((norm(p["label"]), norm(p["value"]), p["field"]) for p in truth.get("fields", []))
    got_pairs = Counter((r.get("label"), r.get("value"), r.get("field")) for r in rows(tables.fields, source, index))
    out["fields"] = (sum((want_pairs & got_pairs).values()), sum(want_pairs.values()))

    want_checks = Counter((c["check"], norm(c["location"])) for c in truth["checks"])
    got_checks = Counter((r.get("check"), r.get("location")) for r in rows(tables.checks, source, index))
    out["checks"] = (sum((want_checks & got_checks).values()), sum((want_checks | got_checks).values()))
    return out


def add(total: dict[str, list[int]], part: dict[str, tuple[int, int]]) -> None:
    for name, (right, count) in part.items():
        total.setdefault(name, [0, 0])
        total[name][0] += right
        total[name][1] += count


def share(right: int, count: int) -> float:
    return right / count if count else 1.0
