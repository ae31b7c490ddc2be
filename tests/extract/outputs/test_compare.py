"""`cardex compare`: two deadlines built from the samples, and exactly the changes made between them."""

from __future__ import annotations

import shutil

import pandas as pd

from extract import read_folder
from extract.cli import main
from extract.outputs.compare import compare, match_cards
from tools.paths import SAMPLES

TSV = SAMPLES / "tsv"


def _deadlines(tmp_path):
    old, new = tmp_path / "2024-06", tmp_path / "2024-12"
    old.mkdir()
    new.mkdir()
    for name in ("card-geumjeong-1-1-1.txt", "gu-single-1.txt", "gu-single-2.txt"):
        shutil.copy(TSV / name, old / name)
    seed = (TSV / "card-geumjeong-1-1-1.txt").read_text(encoding="utf-8")
    moved = (
        seed.replace("추진중\t", "부진\t", 1)  # status worsened: in_progress -> delayed
        .replace("50%", "40%", 1)  # progress down
        .replace("투입 예산\t총계\t3,274", "투입 예산\t총계\t3,500", 1)  # money moved
        .replace("(2024. 6. 30. 現在)", "(2024. 12. 31. 現在)", 1)
    )
    (new / "card-geumjeong-1-1-1.txt").write_text(moved, encoding="utf-8")
    shutil.copy(TSV / "gu-single-2.txt", new / "gu-single-2.txt")  # unchanged
    shutil.copy(TSV / "si-single-1.txt", new / "si-single-1.txt")  # added; gu-single-1 dropped
    return old, new


def test_two_deadlines_give_exactly_the_changes_made(tmp_path):
    old, new = _deadlines(tmp_path)
    assert main([str(old), "--out", str(tmp_path / "out-old"), "--quiet"]) == 0
    assert main([str(new), "--out", str(tmp_path / "out-new"), "--quiet"]) == 0
    out = tmp_path / "changes"
    assert main(["compare", str(tmp_path / "out-old"), str(tmp_path / "out-new"), "--out", str(out)]) == 0
    changes = pd.read_parquet(out / "changes.parquet")
    dropped_card = read_folder(old / "gu-single-1.txt").cards.iloc[0]
    added_card = read_folder(new / "si-single-1.txt").cards.iloc[0]
    got = {
        tuple(None if pd.isna(v) else v for v in (r.kind, r.card_no, r.detail, r.old_value, r.new_value))
        for r in changes.itertuples()
    }
    assert got == {
        ("status_regressed", "1-1-1", "status", "추진중", "부진"),
        ("progress_decreased", "1-1-1", "progress_pct", "50", "40"),
        ("budget_changed", "1-1-1", "invested/total", "3274000000", "3500000000"),
        ("dropped", dropped_card["card_no"], None, None, None),
        ("added", added_card["card_no"], None, None, None),
    }
    moved = changes[changes.kind == "status_regressed"].iloc[0]
    assert str(moved["old_as_of"]) == "2024-06-30" and str(moved["new_as_of"]) == "2024-12-31"
    assert moved["old_source_file"] == moved["new_source_file"] == "card-geumjeong-1-1-1.txt"
    # the out folder is a whole output folder: the new tables, the changes, the workbook and the report
    for name in ("cards.parquet", "changes.csv", "tables.xlsx", "report.html"):
        assert (out / name).is_file(), name
    assert "변경사항" in (out / "report.html").read_text(encoding="utf-8")


def test_compare_runs_on_read_folder_results(tmp_path):
    old, new = _deadlines(tmp_path)
    changes = compare(read_folder(old), read_folder(new))
    assert sorted(changes["kind"]) == sorted(
        ["status_regressed", "progress_decreased", "budget_changed", "dropped", "added"]
    )


def test_renumbered_cards_match_by_title():
    old = pd.DataFrame({"office": ["구청장", "구청장"], "government": [None, None], "card_no": ["1-1", "2-1"],
                        "title": ["청년 일자리 지원 확대", "어린이 도서관 건립"]})  # fmt: skip
    new = pd.DataFrame({"office": ["구청장", "구청장"], "government": [None, None], "card_no": ["7-1", "3-1"],
                        "title": ["청년 일자리 지원의 확대", "노인 복지관 신축"]})  # fmt: skip
    pairs, dropped, added, reused = match_cards(old, new)
    assert pairs == [(0, 0)]  # renumbered, same pledge
    assert dropped == [1] and added == [1]  # titles too far apart: one pledge gone, another new
    assert reused == []


def test_a_number_reused_for_another_pledge_is_no_match_and_two_governments_never_pair():
    old = pd.DataFrame({"office": ["구청장"] * 2, "government": ["부산광역시 금정구", "부산광역시 동래구"],
                        "card_no": ["1-1-1", "1-1-1"], "title": ["문화예술 활성화 사업 추진", "청년 창업 지원"]})  # fmt: skip
    new = pd.DataFrame({"office": ["구청장"] * 2, "government": ["부산광역시 동래구", "부산광역시 금정구"],
                        "card_no": ["1-1-1", "1-1-1"],
                        "title": ["청년 창업 지원", "지역 기업육성 및 청년 취업 지원 활성화"]})  # fmt: skip
    pairs, dropped, added, reused = match_cards(old, new)
    assert pairs == [(1, 0)]  # 동래구's 1-1-1 is the same pledge in both runs, wherever its file stands
    assert reused == [(0, 1)]  # 금정구's 1-1-1 now names another pledge
    assert dropped == [0] and added == [1]
