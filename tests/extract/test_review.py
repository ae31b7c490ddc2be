"""The review loop: the queue of what needs a look, review.xlsx, and the corrections it feeds back."""

from __future__ import annotations

import shutil

import openpyxl

from extract import read_folder
from extract.cli import main
from extract.outputs.load import load_tables
from extract.outputs.report import render
from extract.outputs.review import review_queue
from tools.paths import SAMPLES


def test_review_sheet_round_trip_settles_what_it_corrects(tmp_path, capsys):
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(SAMPLES / "tsv" / "gu-faults.txt", source / "gu-faults.txt")
    out = tmp_path / "out"
    assert main([str(source), "--out", str(out), "--quiet", "--no-xlsx"]) == 0
    first = load_tables(out)
    queue = review_queue(first)
    assert list(queue["severity"]) == sorted(queue["severity"], key=["error", "warning", "review"].index)
    row_sum = queue[queue["check"] == "budget_row_sum"].iloc[0]
    assert row_sum["what"] == "예산 행 합계 불일치"
    assert (row_sum["table"], row_sum["column"], row_sum["key"]) == ("budget", "amount_krw", "planned/national/total")
    assert row_sum["value"] == row_sum["expected"]  # the card's own periods imply the 계
    assert main(["review", str(out)]) == 0 and "to look at" in capsys.readouterr().out
    book = openpyxl.load_workbook(out / "review.xlsx")
    sheet = book["corrections"]
    names = [c.value for c in sheet[2]]
    assert names[:8] == ["sha256", "card_no", "table", "column", "key", "value", "reason", "by"]
    assert [c.value for c in sheet[1]][:6] == ["파일 해시", "관리번호", "표", "열", "행 키", "수정값"]
    entries = [dict(zip(names, (c.value for c in row))) for row in sheet.iter_rows(min_row=3)]
    assert len(entries) == len(queue)
    # the analyst keeps only the budget row's correction, having checked it against the paper
    keep = [e for e in entries if e["check"] == "budget_row_sum"][:1]
    keep[0]["by"] = "김분석"
    fresh = openpyxl.Workbook()
    fresh.active.title = "corrections"
    fresh.active.append(names)
    fresh.active.append([keep[0][n] for n in names])
    fresh.save(tmp_path / "review-filled.xlsx")
    again = tmp_path / "again"
    assert main([str(source), "--out", str(again), "--quiet", "--no-xlsx",
                 "--corrections", str(tmp_path / "review-filled.xlsx")]) == 0  # fmt: skip
    second = load_tables(again)
    checks = second.checks
    settled = checks[(checks["check"] == "budget_row_sum") & (checks["card_no"] == row_sum["card_no"])]
    assert settled["severity"].tolist() == ["info"] and settled["message"].iloc[0].startswith("settled by")
    assert (checks["check"] == "corrected").sum() == 1
    b = second.budget
    cell = b[
        (b.card_no == row_sum["card_no"]) & (b.plan_kind == "planned") & (b.fund == "national") & (b.period == "total")
    ]
    assert cell["amount_krw"].tolist() == [int(row_sum["expected"])]
    left = review_queue(second)
    assert (
        len(left) == len(queue) - 1
        and not ((left["check"] == "budget_row_sum") & (left["card_no"] == row_sum["card_no"])).any()
    )


def test_the_report_opens_with_the_review_queue(tmp_path):
    tables = read_folder(SAMPLES / "tsv")
    page = render(tables)
    assert page.index('id="review"') < page.index('id="run"')
    queue = review_queue(tables)
    assert f'<b id="review-count">{len(queue):,}</b>' in page
    assert "예산 행 합계 불일치" in page and page.count('class="copy"') == min(len(queue), 200)
    first = queue.iloc[0]
    assert first["sha256"] in page  # its corrections row, ready to copy


def test_each_queue_entry_names_the_page_to_open():
    tables = read_folder(SAMPLES / "pdf")
    queue = review_queue(tables)
    assert len(queue) and (queue["page"] >= 1).all()  # a PDF card starts on a page
    multi = tables.cards[tables.cards["source_file"] == "gu-many.pdf"]
    assert sorted(multi["page"]) == sorted(set(multi["page"])) and multi["page"].max() > 1  # one card a page
    assert read_folder(SAMPLES / "tsv").cards["page"].isna().all()  # text has no pages
