"""Which government, which card: governments from the card and the input's layout, duplicates,
and `compare` between two deadlines of several governments' cards (issue: identity)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from extract import read_file, read_folder
from extract.cards.government import resolve
from extract.cli import main
from extract.outputs.compare import compare
from tools.paths import SAMPLES

TSV = SAMPLES / "tsv"
AS_OF_B = ("(2024. 6. 30. 現在)", "(2024. 12. 31. 現在)")


def _put(folder: Path, rel: str, source: Path, edits=()) -> None:
    """A sample card copied into `folder`, with text edits, in the sample's own encoding."""
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if not edits:
        shutil.copy(source, path)
        return
    data = source.read_bytes()
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    text = data.decode(encoding)
    for old, new in edits:
        assert old in text, (source.name, old)
        text = text.replace(old, new, 1)
    path.write_bytes(text.encode(encoding))


@pytest.fixture(scope="module")
def deadlines(tmp_path_factory):
    """Two deadlines of several governments' submissions, in folders named by government."""
    tmp = tmp_path_factory.mktemp("identity")
    a, b = tmp / "2024-06", tmp / "2024-12"
    _put(a, "부산 금정구/card-geumjeong-1-1-1.txt", TSV / "card-geumjeong-1-1-1.txt")
    _put(a, "부산 동래구/gu-single-1.hwp", SAMPLES / "hwp" / "gu-single-1.hwp")  # the same card twice:
    _put(a, "부산 동래구/gu-single-1.txt", TSV / "gu-single-1.txt")  # HWP and its TSV export
    _put(a, "부산 동래구/gu-single-2.txt", TSV / "gu-single-2.txt")
    _put(a, "부산/gu-faults.txt", TSV / "gu-faults.txt", [("구청장 공약사항 관리카드", "중구청장 공약사항 관리카드")])
    _put(a, "중구/gu-many.txt", TSV / "gu-many.txt")  # 중구 of which city?
    _put(a, "경기 수원시/si-single-1.txt", TSV / "si-single-1.txt")
    _put(a, "해운대구청 제출/gu-single-2.txt", TSV / "gu-single-2.txt",
         [("구청장 공약사항 관리카드", "해운대구청장 공약사항 관리카드")])  # fmt: skip
    _put(a, "부산 동래구/~$gu-single-1.hwp", TSV / "gu-single-1.txt")  # Hangul's lock file
    (a / "Thumbs.db").write_bytes(b"\x00" * 64)
    (a / "__MACOSX").mkdir()
    (a / "__MACOSX" / "._gu-single-1.txt").write_bytes(b"\x00\x05\x16\x07")

    seed_b = [
        AS_OF_B, ("추진상황\t추진중", "추진상황\t완료"),
        ("\t3,274\t317\t1,064\t1,298\t595\t", "\t3,500\t317\t1,064\t1,298\t821\t"),  # invested: 계 and 2025
        ("\t2,244\t157\t790\t859\t438\t", "\t2,470\t157\t790\t859\t664\t"),  # invested 국비: the same 226
        ("1. 추진개요\n", "1. 추진개요\n- 청년 창업공간 개소 ▷ 2024. 11.\n"),
    ]  # fmt: skip
    _put(b, "부산 금정구/card-geumjeong-1-1-1.txt", TSV / "card-geumjeong-1-1-1.txt", seed_b)
    _put(b, "부산 금정구/다시 제출/card-geumjeong-1-1-1.txt", TSV / "card-geumjeong-1-1-1.txt", seed_b)
    reused = [AS_OF_B, ("문화예술 활성화 사업 추진", "주민 체육시설 확충")]  # 1-1-1 is another pledge now
    _put(b, "부산 동래구/gu-single-1.txt", TSV / "gu-single-1.txt", reused)
    _put(b, "부산 동래구/재제출 gu-single-1.txt", TSV / "gu-single-1.txt", [*reused, ("진 도\t50%", "진 도\t70%")])
    _put(b, "부산 동래구/gu-single-2.txt", TSV / "gu-single-2.txt", [AS_OF_B, ("1-4-1", "1-5-1")])  # renumbered
    _put(b, "경기 성남시/si-single-1.txt", TSV / "si-single-1.txt")  # moved to another government's folder
    for folder in (a, b):  # the other templates, unchanged between the deadlines
        _put(folder, "경남 고성군/gun-single-1.txt", TSV / "gun-single-1.txt")
        _put(folder, "강원도/do-single.txt", TSV / "do-single.txt")  # the former name
        _put(folder, "서울 중구/vc-single.txt", TSV / "vc-single.txt")
        _put(folder, "충북 청주시/va-single.txt", TSV / "va-single.txt")
        _put(folder, "전라북도/vb-single.txt", TSV / "vb-single.txt")
    old = read_folder(a, government_from="folder")
    new = read_folder(b, government_from="folder")
    return a, b, old, new


def _cards(tables) -> dict[tuple[str, int], tuple]:
    return {
        (r.source_file, r.card_index): (r.government if isinstance(r.government, str) else None,
                                        r.duplicate_of if isinstance(r.duplicate_of, str) else None)
        for r in tables.cards.itertuples()
    }  # fmt: skip


def test_spellings_resolve_to_official_names():
    assert resolve("부산 금정구").name == "부산광역시 금정구"
    assert resolve("금정구청장").name == "부산광역시 금정구"
    assert resolve("수원시장").name == "경기도 수원시"
    assert resolve("강원도").name == "강원특별자치도"  # the former name
    assert resolve("전라북도 전주시").name == "전북특별자치도 전주시"
    assert resolve("경상북도 군위군").name == "대구광역시 군위군"  # moved in 2023
    for short in ("중구", "동구", "서구", "남구", "북구", "강서구", "고성군"):
        assert resolve(short).ambiguous and resolve(short).name is None, short
    assert resolve("강원도 고성군").name == "강원특별자치도 고성군"
    assert resolve("지역 기업육성 및 청년 취업 지원 활성화") is None


def test_government_from_the_card_then_the_folder(deadlines):
    _, _, old, _ = deadlines
    assert _cards(old) == {
        ("경기 수원시/si-single-1.txt", 0): ("경기도 수원시", None),
        ("부산 금정구/card-geumjeong-1-1-1.txt", 0): ("부산광역시 금정구", None),
        ("부산 동래구/gu-single-1.hwp", 0): ("부산광역시 동래구", None),
        ("부산 동래구/gu-single-1.txt", 0): ("부산광역시 동래구", "부산 동래구/gu-single-1.hwp#0"),
        ("부산 동래구/gu-single-2.txt", 0): ("부산광역시 동래구", None),
        ("부산/gu-faults.txt", 0): ("부산광역시 중구", None),  # the card's 중구청장, in the folder's 부산
        ("부산/gu-faults.txt", 1): (None, None),  # a 구청장's card: 부산 alone does not say which 구
        ("부산/gu-faults.txt", 2): (None, None),
        ("중구/gu-many.txt", 0): (None, None),
        ("중구/gu-many.txt", 1): (None, None),
        ("중구/gu-many.txt", 2): (None, None),
        ("중구/gu-many.txt", 3): (None, None),
        ("해운대구청 제출/gu-single-2.txt", 0): ("부산광역시 해운대구", None),  # the card names it itself
        ("강원도/do-single.txt", 0): ("강원특별자치도", None),
        ("경남 고성군/gun-single-1.txt", 0): ("경상남도 고성군", None),
        ("서울 중구/vc-single.txt", 0): ("서울특별시 중구", None),
        ("전라북도/vb-single.txt", 0): ("전북특별자치도", None),
        ("충북 청주시/va-single.txt", 0): ("충청북도 청주시", None),
    }
    files = old.files.set_index("source_file")
    assert files.loc["부산 금정구/card-geumjeong-1-1-1.txt", "government"] == "부산광역시 금정구"
    assert files.loc["부산/gu-faults.txt", "government"] == "부산광역시"
    assert files["government"].isna()["중구/gu-many.txt"]
    ambiguous = old.checks[old.checks["check"] == "government_ambiguous"]
    assert sorted(zip(ambiguous.source_file, ambiguous.card_index)) == [("중구/gu-many.txt", i) for i in range(4)]
    assert set(ambiguous["severity"]) == {"warning"} and set(ambiguous["actual"]) == {"중구"}
    assert "부산광역시 중구" in ambiguous["expected"].iloc[0] and "--governments" in ambiguous["message"].iloc[0]
    assert files.loc["중구/gu-many.txt", "status"] == "warning"


def test_office_litter_is_listed_as_skipped_never_an_error(deadlines):
    _, _, old, _ = deadlines
    files = old.files.set_index("source_file")
    for litter in ("Thumbs.db", "부산 동래구/~$gu-single-1.hwp", "__MACOSX/._gu-single-1.txt"):
        assert (files.loc[litter, "status"], files.loc[litter, "error_code"]) == ("skipped", "not_a_document")


def test_duplicates_and_a_conflicting_resubmission(deadlines):
    _, _, _, new = deadlines
    cards = _cards(new)
    seed = "부산 금정구/card-geumjeong-1-1-1.txt"
    assert cards[("부산 금정구/다시 제출/card-geumjeong-1-1-1.txt", 0)] == ("부산광역시 금정구", f"{seed}#0")
    assert cards[("부산 동래구/재제출 gu-single-1.txt", 0)] == ("부산광역시 동래구", "부산 동래구/gu-single-1.txt#0")
    conflicts = new.checks[new.checks["check"] == "conflicting_duplicate"]
    assert conflicts[["source_file", "expected", "actual", "severity"]].values.tolist() == [
        [
            "부산 동래구/재제출 gu-single-1.txt",
            "부산 동래구/gu-single-1.txt#0",
            "부산 동래구/재제출 gu-single-1.txt#0",
            "warning",
        ]
    ]  # fmt: skip  (the identical copy of the seed is a duplicate without a conflict)


def test_changes_between_two_deadlines(deadlines):
    _, _, old, new = deadlines
    changes = compare(old, new)
    got = [
        tuple(None if pd.isna(v) else v for v in row)
        for row in changes[["kind", "government", "card_no", "detail", "old_value", "new_value",
                            "old_amount_krw", "new_amount_krw"]].astype(object).itertuples(index=False)
    ]  # fmt: skip
    assert got == [
        ("added", "경기도 성남시", "2-2", None, None, None, None, None),  # moved folder: another government
        ("added", "부산광역시 동래구", "1-1-1", None, None, None, None, None),  # the reused number's pledge
        ("dropped", "경기도 수원시", "2-2", None, None, None, None, None),
        ("dropped", "부산광역시 동래구", "1-1-1", None, None, None, None, None),
        ("dropped", "부산광역시 중구", "1-18-1", None, None, None, None, None),
        ("dropped", None, "1-19-1", None, None, None, None, None),
        ("dropped", None, "1-20-1", None, None, None, None, None),
        ("dropped", None, "1-7-1", None, None, None, None, None),
        ("dropped", None, "1-8-1", None, None, None, None, None),
        ("dropped", None, "1-9-1", None, None, None, None, None),
        ("dropped", None, "1-10-1", None, None, None, None, None),
        ("dropped", "부산광역시 해운대구", "1-4-1", None, None, None, None, None),
        ("card_no_reused", "부산광역시 동래구", "1-1-1", "title", "문화예술 활성화 사업 추진", "주민 체육시설 확충",
         None, None),
        ("status_changed", "부산광역시 금정구", "1-1-1", "status", "추진중", "완료", None, None),
        ("budget_changed", "부산광역시 금정구", "1-1-1", "invested/national", "2244000000", "2470000000",
         2_244_000_000, 2_470_000_000),
        ("budget_changed", "부산광역시 금정구", "1-1-1", "invested/total", "3274000000", "3500000000",
         3_274_000_000, 3_500_000_000),
        ("new_items", "부산광역시 금정구", "1-1-1", "추진개요", None, "청년 창업공간 개소 ▷ 2024. 11.", None, None),
    ]  # fmt: skip
    # the renumbered card (1-4-1 -> 1-5-1 in 동래구) paired by its title: no added, no dropped


def test_a_mapping_file_names_governments_and_refuses_unknown_names(deadlines, tmp_path):
    a, _, _, _ = deadlines
    mapping = tmp_path / "governments.csv"
    mapping.write_text("path,government\n중구/,대구 중구\n*/si-single-1.txt,경기도 성남시\n", encoding="utf-8")
    tables = read_folder(a, governments=mapping)
    cards = _cards(tables)
    assert cards[("중구/gu-many.txt", 0)] == ("대구광역시 중구", None)
    assert cards[("경기 수원시/si-single-1.txt", 0)] == ("경기도 성남시", None)  # the mapping, not the folder
    assert cards[("부산 금정구/card-geumjeong-1-1-1.txt", 0)] == (None, None)  # nothing names it
    ambiguous = tables.checks[tables.checks["check"] == "government_ambiguous"]
    assert ambiguous[["source_file", "card_index", "actual"]].values.tolist() == [["부산/gu-faults.txt", 0, "중구청장"]]
    mapping.write_text("중구/,중앙구\n", encoding="utf-8")
    with pytest.raises(ValueError, match="중앙구"):
        read_folder(a, governments=mapping)


def test_the_report_counts_a_card_once_and_says_how_many_have_no_government(deadlines):
    from extract.outputs.report import render

    _, _, old, _ = deadlines
    page = render(old)
    counted = int(old.cards["duplicate_of"].isna().sum())
    assert f'<b id="card-count">{counted:,}</b>' in page and "중복 제출 1장 제외" in page
    unnamed = int(old.cards[old.cards["duplicate_of"].isna()]["government"].isna().sum())
    assert f'<b id="no-government">{unnamed}</b>' in page


def test_a_missing_path_raises_and_never_reads_as_an_empty_deadline(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_folder(tmp_path / "typo")
    with pytest.raises(FileNotFoundError):
        read_file(tmp_path / "typo.hwp")


def test_an_empty_or_wrong_input_keeps_the_previous_output_byte_identical(tmp_path, capsys):
    out = tmp_path / "out"
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(TSV / "gu-single-1.txt", good / "card.txt")
    assert main([str(good), "--out", str(out), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    empty, notes = tmp_path / "empty", tmp_path / "notes"
    empty.mkdir()
    notes.mkdir()
    (notes / "memo.txt").write_text("회의 메모\n", encoding="utf-8")
    (notes / "Thumbs.db").write_bytes(b"\x00" * 8)
    for wrong in (tmp_path / "typo", empty, notes):
        assert main([str(wrong), "--out", str(out), "--quiet"]) == 2, wrong
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before, wrong
    printed = capsys.readouterr().err
    assert "does not exist" in printed and "holds no file to read" in printed and "no card was read" in printed
    assert main([str(notes), "--out", str(out), "--quiet", "--allow-empty"]) == 0  # asked for: replaced
    assert {p.name: p.read_bytes() for p in out.iterdir()} != before


@pytest.mark.parametrize(("umask", "folder_mode", "file_mode"), [(0o022, 0o755, 0o644), (0o077, 0o700, 0o600)])
def test_the_output_follows_the_umask(tmp_path, umask, folder_mode, file_mode):
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(TSV / "gu-single-1.txt", good / "card.txt")
    previous = os.umask(umask)
    try:
        assert main([str(good), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    finally:
        os.umask(previous)
    assert (tmp_path / "out").stat().st_mode & 0o777 == folder_mode
    assert (tmp_path / "out" / "cards.csv").stat().st_mode & 0o777 == file_mode
    assert (tmp_path / "out" / "report.html").stat().st_mode & 0o777 == file_mode
