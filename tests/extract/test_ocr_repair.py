"""Figures a scan misread, put right by the card's own sums (extract/ocr_repair.py)."""

from __future__ import annotations

from extract.cards.budget import BudgetCell, ColumnPeriod, Matrix
from extract.cards.money import parse_amount, parse_budget_summary
from extract.cards.ocr_repair import repair_matrix, repair_summary

TOTAL, Y24, Y25 = (
    ColumnPeriod("계", "total", None),
    ColumnPeriod("2024", "year", 2024),
    ColumnPeriod("2025", "year", 2025),
)
FUNDS = [("계", "total"), ("국비", "national"), ("구비", "local")]


def _matrix(rows: list[list[str]]) -> Matrix:
    """A plan of 계 | 2024 | 2025 (one row per fund of FUNDS), priced in 백만원."""
    matrix = Matrix(unit=1_000_000, periods=[TOTAL, Y24, Y25])
    for (label, fund), texts in zip(FUNDS, rows):
        for period, raw in zip(matrix.periods, texts):
            matrix.cells.append(BudgetCell("planned", label, fund, period, None, raw))
    matrix.price(matrix.unit)
    return matrix


def _amounts(matrix: Matrix) -> list[list[int | None]]:
    return [[c.amount_krw for c in matrix.cells[k : k + 3]] for k in range(0, len(matrix.cells), 3)]


def test_a_cell_misread_is_the_one_value_its_row_and_column_both_imply():
    matrix = _matrix([["100", "60", "40"], ["70", "4/", "30"], ["30", "20", "10"]])  # 40 read as `4/`
    repairs = repair_matrix(matrix)
    assert _amounts(matrix)[1] == [70_000_000, 40_000_000, 30_000_000]
    assert [(r.location, r.read, r.value) for r in repairs] == [("planned/국비/2024", "4/", 40_000_000)]
    assert matrix.cells[4].amount_raw == "4/"  # the text as read stays


def test_a_plausible_misread_is_repaired_too_when_both_sums_agree():
    matrix = _matrix([["100", "60", "40"], ["70", "40", "30"], ["30", "20", "16"]])  # 10 read as 16
    repair_matrix(matrix)
    assert _amounts(matrix)[2] == [30_000_000, 20_000_000, 10_000_000]


def test_two_misreads_in_one_row_are_left_as_read():
    matrix = _matrix([["100", "60", "40"], ["70", "4/", "3/"], ["30", "20", "10"]])
    assert repair_matrix(matrix) == []
    assert _amounts(matrix)[1] == [70_000_000, 4_000_000, 3_000_000]


def test_a_stray_point_beside_a_thousands_comma_is_the_comma():
    assert parse_amount("2,.033,000", 1000) == 2_033_000_000
    assert parse_amount("1.,727", 1) == 1727
    assert parse_amount("1,234.5", 1) == 1234  # a real decimal stays one
    assert parse_budget_summary("9,551 천원(국2,960/기타2,.842)", None).other == 2_842_000


def _parse(text: str):
    return parse_budget_summary(" ".join(text.split()), None)


def _repair(text: str, planned: dict[str, int]):
    return repair_summary(text, _parse(text), _parse, planned)


def test_a_comma_read_as_a_digit_is_put_back_when_the_parts_then_add_up():
    summary, repair = _repair("5,554억원(국비1298, 도비22203, 시군비2,053)", {})
    assert (summary.total, summary.provincial) == (555_400_000_000, 220_300_000_000)
    assert repair is not None and repair.reading == "5,554억원(국비1298, 도비2,203, 시군비2,053)"
    summary, repair = _repair("10,361 억원(국3,313, 시 22040,\n구 17865, 기타3,143)", {})
    assert repair is not None and repair.reading == "10,361 억원(국3,313, 시 2,040,\n구 1,865, 기타3,143)"
    assert summary.national + summary.local + summary.other == summary.total  # 시 and 구 are both local here


def test_the_matrix_can_confirm_a_summary_without_parts():
    summary, repair = _repair("12345백만원", {"total": 1_345_000_000})
    assert summary.total == 1_345_000_000 and repair is not None
    summary, repair = _repair("12345백만원", {})
    assert summary.total == 12_345_000_000 and repair is None  # nothing to tell the readings apart


def test_a_summary_that_adds_up_is_left_alone():
    summary, repair = _repair("60백만원(국30, 시10, 구20)", {})
    assert repair is None and summary.total == 60_000_000


def test_a_digit_made_up_in_a_group_after_a_comma_is_left_out_when_the_parts_then_add_up():
    text = "115,160백만원(국24,7760, 시28,220, 구30,810, 기타31370)"
    summary, repair = _repair(text, {})
    assert repair is not None and repair.reading == "115,160백만원(국24,760, 시28,220, 구30,810, 기타31370)"
    assert summary.national == 24_760_000_000
    # where no reading makes the parts add up, the figure stays as read
    summary, repair = _repair("115,160백만원(국24,7760, 시28,220, 구30,810, 기타1)", {})
    assert repair is None and summary.national == 247_760_000_000
