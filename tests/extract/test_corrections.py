"""The analyst's corrections: applied on every run, following the file's sha256, never silently
dropped, refused when they do not fit, and kept apart from the cache."""

from __future__ import annotations

import shutil

import openpyxl
import pandas as pd
import pytest

from extract import read_folder
from extract.cli import main
from extract.run.corrections import CorrectionError
from extract.run.inputs import file_sha256
from tools.paths import SAMPLES

SEED = SAMPLES / "tsv" / "card-geumjeong-1-1-1.txt"
HEADER = "sha256,card_no,table,column,key,value,reason,by\n"


def _write(path, lines: list[str]) -> None:
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")


@pytest.fixture
def deadline(tmp_path):
    folder = tmp_path / "2024-06"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    sha = file_sha256(folder / "seed.txt")
    corrections = tmp_path / "corrections.csv"
    _write(
        corrections,
        [
            f"{sha},1-1-1,budget,amount_krw,planned/national/total,6400000000,국비 재확인,김분석",
            f"{sha},1-1-1,cards,progress_pct,,60,,",
            f"{sha},1-1-1,items,text,3,공모 선정 (보완),,",
            f"{'0' * 64},1-1-1,cards,title,,다른 파일의 수정,,",  # a file no longer submitted
        ],
    )
    return folder, corrections, sha


def _national_planned_total(tables) -> int:
    b = tables.budget
    return int(b[(b.plan_kind == "planned") & (b.fund == "national") & (b.period == "total")].amount_krw.iloc[0])


def test_corrections_apply_and_say_so(deadline):
    folder, corrections, _ = deadline
    read = read_folder(folder)
    tables = read_folder(folder, corrections=corrections)
    assert _national_planned_total(read) == 6_336_000_000  # as the card states it
    assert _national_planned_total(tables) == 6_400_000_000
    assert tables.cards["progress_pct"].tolist() == [60.0]
    assert tables.items.set_index("item_no").loc[3, "text"] == "공모 선정 (보완)"
    applied = tables.checks[tables.checks["check"] == "corrected"]
    assert applied[["severity", "expected", "actual", "location"]].values.tolist() == [
        ["info", "6400000000", "6336000000", "budget/amount_krw/planned/national/total"],
        ["info", "60", "50.0", "cards/progress_pct"],
        ["info", "공모 선정 (보완)", read.items.set_index("item_no").loc[3, "text"], "items/text/3"],
    ]
    assert "김분석" in applied["message"].iloc[0] and "국비 재확인" in applied["message"].iloc[0]
    stale = tables.checks[tables.checks["check"] == "stale_correction"]
    assert stale[["source_file", "severity", "expected", "location"]].values.tolist() == [
        ["corrections.csv", "warning", "다른 파일의 수정", "cards/title"]
    ]
    # an applied correction is a note, not a failure: the file stays as it was read
    assert tables.files[["status", "message"]].values.tolist() == read.files[["status", "message"]].values.tolist()


def test_the_correction_follows_the_file_when_it_is_renamed_and_cached(deadline, tmp_path):
    folder, corrections, _ = deadline
    later = tmp_path / "2024-12" / "금정구청"
    later.mkdir(parents=True)
    shutil.copy(folder / "seed.txt", later / "공약카드 1-1-1 (재제출).txt")
    cache = tmp_path / "cache"
    for run in ("first", "second"):  # the second run reads nothing: every file comes from the cache
        out = tmp_path / run
        assert main([str(later.parent), "--out", str(out), "--quiet", "--corrections", str(corrections),
                     "--cache", str(cache), "--no-report", "--no-xlsx"]) == 0  # fmt: skip
        cards = pd.read_parquet(out / "cards.parquet")
        assert cards["progress_pct"].tolist() == [60.0], run
        checks = pd.read_parquet(out / "checks.parquet")
        assert sorted(checks["check"]) == ["corrected", "corrected", "corrected", "stale_correction"], run
    assert cards["source_file"].tolist() == ["금정구청/공약카드 1-1-1 (재제출).txt"]


def test_a_card_or_row_no_longer_there_is_stale_and_said_so(deadline, tmp_path):
    folder, _, sha = deadline
    corrections = tmp_path / "stale.csv"
    _write(corrections, [f"{sha},9-9-9,cards,title,,없는 카드,,", f"{sha},1-1-1,tasks,text,99,없는 과제,,"])
    checks = read_folder(folder, corrections=corrections).checks
    stale = checks[checks["check"] == "stale_correction"]
    assert stale[["source_file", "location"]].values.tolist() == [
        ["seed.txt", "cards/title"],
        ["seed.txt", "tasks/text/99"],
    ]
    assert "no card numbered '9-9-9'" in stale["message"].iloc[0] and "no tasks row '99'" in stale["message"].iloc[1]


def test_a_correction_that_does_not_fit_its_column_is_refused_with_a_sentence(deadline, tmp_path, capsys):
    folder, _, sha = deadline
    corrections = tmp_path / "bad.csv"
    _write(corrections, [f"{sha},1-1-1,cards,progress_pct,,육십,,", f"{sha},1-1-1,cards,nosuch,,1,,"])
    with pytest.raises(CorrectionError) as refused:
        read_folder(folder, corrections=corrections)
    assert "line 2: cards.progress_pct takes a number (56.5), not '육십'" in str(refused.value)
    assert "line 3: cards has no column 'nosuch'" in str(refused.value)
    assert main([str(folder), "--out", str(tmp_path / "out"), "--quiet", "--corrections", str(corrections)]) == 2
    assert "육십" in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_the_corrections_sheet_of_a_workbook_reads_the_same(deadline, tmp_path):
    folder, corrections, _ = deadline
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "corrections"
    sheet.append(["해시", "관리번호", "표", "열", "키", "수정값", "사유", "수정자"])  # a Korean header row above
    for line in corrections.read_text(encoding="utf-8").splitlines():
        sheet.append(line.split(","))
    book.save(tmp_path / "review.xlsx")
    from_csv = read_folder(folder, corrections=corrections)
    from_book = read_folder(folder, corrections=tmp_path / "review.xlsx")
    assert from_book.cards["progress_pct"].tolist() == from_csv.cards["progress_pct"].tolist() == [60.0]
    assert _national_planned_total(from_book) == 6_400_000_000
    columns = ["check", "severity", "expected", "actual", "location"]
    assert from_book.checks[columns].astype(str).values.tolist() == from_csv.checks[columns].astype(str).values.tolist()
    stale = from_book.checks[from_book.checks["check"] == "stale_correction"]
    assert stale["source_file"].tolist() == ["review.xlsx"]  # the stale one names the workbook


def test_compare_sees_the_corrected_values_of_both_deadlines(deadline, tmp_path):
    """Corrections apply before compare: a figure corrected at both deadlines is no change, and a
    figure corrected at one deadline only is the change the analyst made."""
    from extract.outputs.compare import compare

    folder, corrections, sha = deadline
    later = tmp_path / "2024-12"
    later.mkdir()
    shutil.copy(folder / "seed.txt", later / "renamed.txt")  # the same bytes, another name
    old = read_folder(folder, corrections=corrections)
    new = read_folder(later, corrections=corrections)
    assert new.cards["progress_pct"].tolist() == old.cards["progress_pct"].tolist() == [60.0]
    assert compare(old, new).empty
    only_new = tmp_path / "only-new.csv"
    _write(only_new, [f"{sha},1-1-1,cards,progress_pct,,75,,"])
    changes = compare(old, read_folder(later, corrections=only_new))
    item_3 = read_folder(folder).items.set_index("item_no").loc[3, "text"]
    assert changes[["kind", "old_value", "new_value"]].astype(object).where(changes.notna(), None)[
        ["kind", "old_value", "new_value"]
    ].values.tolist() == [
        ["progress_increased", "60", "75"],
        ["budget_changed", "6400000000", "6336000000"],  # corrected at the first deadline only
        ["new_items", None, item_3],  # item 3 as the card writes it: corrected only at the first
    ]
