"""`tables.xlsx`: every table a typed sheet that Excel and LibreOffice open without a repair prompt."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest

from extract import read_folder
from extract.outputs.workbook import write_workbook
from extract.tables.schema import LABELS_KO
from tools.paths import SAMPLES


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    tables = read_folder(SAMPLES / "tsv")
    tables.cards.loc[0, "title"] = '=HYPERLINK("http://example.invalid","click")'
    tables.cards.loc[1, "goal"] = "bell\x07 and escape\x1b"
    path = write_workbook(tables, tmp_path_factory.mktemp("xlsx") / "tables.xlsx")
    return tables, path, openpyxl.load_workbook(path)


def test_one_sheet_per_table_every_row(book):
    tables, _, wb = book
    assert wb.sheetnames == ["files", "cards", "tasks", "budget", "items", "checks", "fields"]
    for name, frame in tables.items_by_name():
        ws = wb[name]
        assert ws.max_row == len(frame) + 2, name  # two header rows: Korean meaning, then the column name
        assert [c.value for c in ws[2]] == list(frame.columns)
        assert [c.value for c in ws[1]] == [LABELS_KO[c] for c in frame.columns]
        assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:")
    assert [c.value for c in wb["cards"][1]][:6] == [
        "파일 경로",
        "파일 내 순번",
        "직위",
        "기관",
        "중복(앞선 카드)",
        "기준일",
    ]


def test_values_are_typed(book):
    _, _, wb = book
    ws = wb["cards"]
    header = [c.value for c in ws[2]]
    row = {h: c for h, c in zip(header, ws[3])}
    assert row["as_of"].value == dt.datetime(2024, 6, 30) and row["as_of"].number_format == "yyyy-mm-dd"
    assert row["budget_total_krw"].value == 9_732_000_000 and row["budget_total_krw"].number_format == "#,##0"
    assert row["progress_pct"].value == 50.0
    budget = wb["budget"]
    column = [c.value for c in budget[2]].index("amount_krw")
    amounts = [row[column].value for row in budget.iter_rows(min_row=3)]
    assert all(v is None or isinstance(v, int) for v in amounts)
    tables = book[0]
    expected = [None if pd.isna(v) else int(v) for v in tables.budget["amount_krw"]]
    assert amounts == expected and sum(v for v in amounts if v) > 0  # every cell, as the integer won


def test_card_text_is_never_a_formula(book):
    _, _, wb = book
    title = [c.value for c in wb["cards"][2]].index("title")
    cell = wb["cards"][3][title]
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"
    goal = [c.value for c in wb["cards"][2]].index("goal")
    assert "\x07" not in wb["cards"][4][goal].value


def test_a_checks_figures_are_numbers(book):
    tables, _, wb = book
    ws = wb["checks"]
    header = [c.value for c in ws[2]]
    rows = [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=3)]
    sums = [r for r in rows if r["check"] == "budget_row_sum"]
    assert sums and all(isinstance(r["expected"], int) and isinstance(r["actual"], int) for r in sums)
    frame = tables.checks[tables.checks["check"] == "budget_row_sum"]
    assert [r["expected"] for r in sums] == [int(v) for v in frame["expected"]]
    assert all(isinstance(r["expected"], str) for r in rows if r["check"] == "required_field" and r["expected"])


def test_korean_columns_are_wide_enough(book):
    _, _, wb = book
    from openpyxl.utils import get_column_letter

    title = [c.value for c in wb["cards"][2]].index("title") + 1
    assert wb["cards"].column_dimensions[get_column_letter(title)].width >= 30  # titles are long Korean text


def test_libreoffice_converts_it(book, tmp_path):
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing in CI: .ci/run must install libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed (Debian package libreoffice-calc-nogui)")
    _, path, _ = book
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "tables.csv").read_text(encoding="utf-8", errors="replace").splitlines()
    assert lines[1].startswith("source_file")  # under the Korean header row
