"""Every generated sample against its ground truth, value by value, in every format.

The truth files (tests/golden/generated/*.json) come from the sample
generator's card descriptions, never from cardex's own output.
"""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from tools.paths import GOLDEN

TRUTH_FILES = sorted((GOLDEN / "generated").glob("*.json"))
CASES = [
    (path.stem, fmt, rendering)
    for path in TRUTH_FILES
    for fmt, rendering in json.loads(path.read_text(encoding="utf-8"))["renderings"].items()
]


def _plain(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):  # a date column (as_of) is a pandas datetime at midnight
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def _rows(frame: pd.DataFrame, source: str, columns: list[str], card_index: int | None = None) -> list[dict]:
    part = frame[frame["source_file"] == source]
    if card_index is not None:
        part = part[part["card_index"] == card_index]
    return [{c: _plain(v) for c, v in zip(columns, row)} for row in part[columns].itertuples(index=False)]


def _field_key(pair: dict) -> tuple:
    """A header pair as compared across formats: a text export puts a cell's paragraphs on one
    line and a PDF may wrap them, so whitespace runs (newlines included) count as one space;
    labels compare without spaces (a PDF may spread `진 도`)."""
    return ("".join(pair["label"].split()), " ".join(pair["value"].split()), pair["field"])


def _field_key_pdf(pair: dict) -> tuple:
    """In a PDF, a value wrapped inside its cell (`행정7급 정다은` / `(☎3769)`) does not say
    whether a space stood at the break, so values compare without whitespace."""
    return ("".join(pair["label"].split()), "".join(pair["value"].split()), pair["field"])


def test_there_are_enough_samples():
    cards = sum(len(json.loads(p.read_text(encoding="utf-8"))["cards"]) for p in TRUTH_FILES)
    assert cards >= 20
    offices = {c["card"]["office"] for p in TRUTH_FILES for c in json.loads(p.read_text(encoding="utf-8"))["cards"]}
    assert {"구청장", "시장", "군수"} <= offices


@pytest.mark.parametrize(("doc", "fmt", "rendering"), CASES, ids=[f"{d}-{f}" for d, f, _ in CASES])
def test_sample_matches_truth(sample_tables, doc, fmt, rendering):
    truth = json.loads((GOLDEN / "generated" / f"{doc}.json").read_text(encoding="utf-8"))
    source = rendering["file"]
    files = _rows(sample_tables.files, source, ["format", "encoding", "n_cards", "status", "error_code"])
    assert len(files) == 1, f"{source} has no files row"
    expected_status = "warning" if any(c["checks"] for c in truth["cards"]) else "ok"
    assert files[0] == {
        "format": rendering.get("format", fmt),  # a second rendering in one format names it
        "encoding": rendering.get("encoding"),
        "n_cards": len(truth["cards"]),
        "status": expected_status,
        "error_code": None,
    }
    for index, card in enumerate(truth["cards"]):
        got_card = _rows(sample_tables.cards, source, list(card["card"]), index)
        assert got_card == [card["card"]], f"card {index}"
        if "fields" in card:
            got = _rows(sample_tables.fields, source, ["label", "value", "field"], index)
            key = _field_key_pdf if rendering.get("format", fmt) == "pdf" else _field_key
            assert sorted(map(key, got)) == sorted(map(key, card["fields"])), f"card {index} fields"
        for table in ("tasks", "budget", "items", "checks"):
            expected_rows = card[table]
            columns = list(expected_rows[0]) if expected_rows else ["source_file"]
            got = _rows(getattr(sample_tables, table), source, columns, index)
            if not expected_rows:
                assert got == [], f"card {index} {table}"
                continue
            assert got == expected_rows, f"card {index} {table}"
