"""Each value parser on every variant SPEC lists."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.cards.dates import parse_date
from extract.cards.money import parse_amount, parse_budget_summary
from extract.cards.people import parse_person
from extract.cards.values import clean, parse_period, parse_progress, parse_task_terms
from extract.vocabulary import vocabulary


@pytest.mark.parametrize(
    ("text", "rank", "name", "phone"),
    [
        ("행정6급 신정미(☎4803)", "행정6급", "신정미", "4803"),
        ("행정7급 이찬문 (☎ 4804)", "행정7급", "이찬문", "4804"),
        ("지방행정주사 김민수 T.2231", "지방행정주사", "김민수", "2231"),
        ("주무관 박서연 Tel: 5521", "주무관", "박서연", "5521"),
        ("주무관 박서연(051-519-4803)", "주무관", "박서연", "051-519-4803"),
        ("신정미(4803)", None, "신정미", "4803"),
        ("행정6급 신정미", "행정6급", "신정미", None),
        ("-", None, None, None),
        # letter-spread (distributed) in a PDF cell: the rank as typed
        ("행 정 6급 정다은(☎ 5364)", "행정6급", "정다은", "5364"),
        # a narrow cell wrapped the rank, and the break before the name left no trace
        ("지방행정사무 관오세라(☎4972)", "지방행정사무관", "오세라", "4972"),
        ("과장 : 김학진 ☎2420", "과장", "김학진", "2420"),  # a title is no rank, but no name either
        ("행정 7 급 박서연 (T. 061-286-4773)", "행정7급", "박서연", "061-286-4773"),  # a graded rank is one word
        ("과장 행정6급 김철수", "과장 행정6급", "김철수", None),  # ... a title before it stays apart
    ],
)
def test_person(text, rank, name, phone):
    person = parse_person(text)
    assert (person.rank, person.name, person.phone) == (rank, name, phone)


@pytest.mark.parametrize(
    ("text", "rank", "name", "phone"),
    [
        ("과장 최영호 죠3586", "과장", "최영호", "3586"),  # ☎ as Tesseract's Korean model reads it
        ("지방행정주사 한지훈1.4320", "지방행정주사", "한지훈", "4320"),  # T. read as 1.
        ("주무관 장미란 .4213", "주무관", "장미란", "4213"),
        ("행정7급 김민수 # 4803", "행정7급", "김민수", "4803"),
        ("남궁민수4803", "남궁민수4803", None, None),  # no sign before the digits: nothing to guess from
    ],
)
def test_person_read_by_ocr_with_a_misread_phone_word(text, rank, name, phone):
    person = parse_person(text, ocr=True)
    assert (person.rank, person.name, person.phone) == (rank, name, phone)


def test_a_misread_phone_word_is_not_guessed_in_digital_text():
    assert parse_person("최영호 죠3586").phone is None


@pytest.mark.parametrize(
    ("text", "start", "end", "continues"),
    [
        ("2022 ~ 【임기 후 계속】", 2022, None, True),
        ("2022. 7. ~ 2026. 6.", 2022, 2026, False),
        ("2023 ~ 2025", 2023, 2025, False),
        ("2022.7.~2026.6.", 2022, 2026, False),
        ("2022년 ~ 2030년(임기후 계속)", 2022, 2030, True),
        ("2024", 2024, 2024, False),
        ("'22 ~ '26", 2022, 2026, False),
        ("", None, None, False),
    ],
)
def test_period(text, start, end, continues):
    period = parse_period(text)
    assert (period.start_year, period.end_year, period.continues_after_term) == (start, end, continues)


def test_budget_summary_gu_city_is_provincial():
    s = parse_budget_summary("9,732백만원(국6,336, 시1,050, 구1,764, 기타582)", "구청장")
    assert (s.total, s.national, s.provincial, s.local, s.other) == (
        9_732_000_000, 6_336_000_000, 1_050_000_000, 1_764_000_000, 582_000_000,
    )  # fmt: skip


def test_budget_summary_si_city_is_local_and_thousands():
    s = parse_budget_summary("1,234,000천원(국 500,000 / 도 300,000 / 시 434,000)", "시장")
    assert (s.total, s.national, s.provincial, s.local, s.other) == (
        1_234_000_000, 500_000_000, 300_000_000, 434_000_000, None,
    )  # fmt: skip


def test_budget_summary_gun_private_and_eok():
    s = parse_budget_summary("총 34.5억원 (국 10억원, 도 5억원, 군 14.5억원, 민자 5억원)", "군수")
    assert (s.total, s.national, s.provincial, s.local, s.other) == (
        3_450_000_000, 1_000_000_000, 500_000_000, 1_450_000_000, 500_000_000,
    )  # fmt: skip


def test_budget_summary_gun_city_share_is_provincial():
    assert parse_budget_summary("100백만원(시50, 군50)", "군수").provincial == 50_000_000


def test_budget_summary_unit_after_breakdown():
    s = parse_budget_summary("9,732(국6,336, 시1,050, 구1,764, 기타582)백만원", "구청장")
    assert (s.total, s.national, s.other) == (9_732_000_000, 6_336_000_000, 582_000_000)


def test_budget_summary_non_budget():
    s = parse_budget_summary("비예산", "구청장")
    assert s.non_budget and s.total == 0 and s.national is None


@pytest.mark.parametrize(
    ("text", "multiplier", "won"),
    [
        ("1,844", 1_000_000, 1_844_000_000),
        ("-", 1_000_000, 0),
        ("", 1_000_000, None),
        ("△12", 1_000_000, -12_000_000),
        ("1.5", 100_000_000, 150_000_000),
        ("3억원", 1_000, 300_000_000),
        ("99,410천원", None, 99_410_000),
    ],
)
def test_amount(text, multiplier, won):
    assert parse_amount(text, multiplier) == won


@pytest.mark.parametrize(
    ("text", "expected"),
    [("50%", 50.0), ("50", 50.0), ("50.5 %", 50.5), ("100%(완료)", 100.0), ("", None), ("-", None)],
)
def test_progress(text, expected):
    assert parse_progress(text) == expected


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("(2024. 6. 30. 現在)", dt.date(2024, 6, 30)),
        ("(2024.6.30. 기준)", dt.date(2024, 6, 30)),
        ("2024. 12. 31. 현재", dt.date(2024, 12, 31)),
        ("2024년 6월 30일 기준", dt.date(2024, 6, 30)),
        ("2024. 13. 40.", None),
        ("('24. 6. 30. 기준)", dt.date(2024, 6, 30)),
    ],
)
def test_date(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("추진중", "in_progress"),
        ("정상추진", "on_track"),
        ("완료", "completed"),
        ("이행완료", "completed"),
        ("이행후 계속추진", "completed_ongoing"),
        ("일부추진", "partial"),
        ("부진", "delayed"),
        ("지연", "delayed"),
        ("보 류", "on_hold"),
        ("폐기", "dropped"),
        ("철회", "dropped"),
        ("검토중", "other"),
    ],
)
def test_status_code(written, code):
    assert vocabulary().status_code(written) == code


@pytest.mark.parametrize(
    ("text", "amount", "end_year"),
    [
        ("지역주도형 청년일자리사업 추진(3,775백만원, ~2026)", 3_775_000_000, 2026),
        ("센터 건립(2023~2025, 1.2억원)", 120_000_000, 2025),
        ("판로 개척 추진", None, None),
        ("돌봄 사업('23~'26)", None, 2026),
    ],
)
def test_task_terms(text, amount, end_year):
    assert parse_task_terms(text, 1_000_000) == (amount, end_year)


def test_clean_dash_means_empty():
    assert clean(" - ") == "" and clean("일자리  경제과") == "일자리 경제과"


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        ("○ 가 사업(3,775백만원, ~2026) ○ 나 사업", ["가 사업(3,775백만원, ~2026)", "나 사업"]),
        ("① 안전망 구축 (2025년) ② 재난 대응 (2026년)", ["안전망 구축 (2025년)", "재난 대응 (2026년)"]),
        ("1) 첫째 2) 둘째", ["첫째", "둘째"]),
        ("- 멘토-멘티제 운영\n- 판로 개척", ["멘토-멘티제 운영", "판로 개척"]),
        ("○ 긴 과제 이름이\n줄바꿈됨", ["긴 과제 이름이 줄바꿈됨"]),
    ],
)
def test_split_bullets(cell, items):
    from extract.cards.bullets import split_bullets

    assert split_bullets(cell) == items


@pytest.mark.parametrize(
    ("label", "field"),
    [("진 도", "progress"), ("진도(%)", "progress"), ("추진율 (%)", "progress"), ("관리번호 :", "card_no"),
     ("주관부서(과)", "lead_department"), ("공 약 명", "title"), ("사업 내용", None)],
)  # fmt: skip
def test_label_variants(label, field):
    assert vocabulary().field_for_label(label) == field


@pytest.mark.parametrize(
    "read, chosen",
    [
        ("@완료니추진중ㅁ보류", "완료"),  # ■ read as @, □ read as 니 and ㅁ (Tesseract's Korean model)
        ("ㅁ완료 ®추진중 口보류", "추진중"),
        ("ㅁ완료 ㅁ추진중 ㅁ보류", None),  # no box marked
        ("@완료 @추진중", None),  # two marked: no choice
        ("완료 추진중 보류", None),  # no boxes at all
        ("추진중(완료예정)", None),  # running text, not a list of boxes
    ],
)
def test_a_status_list_whose_boxes_ocr_misread(read, chosen):
    from extract.cards.status_grid import resolve_misread_marks

    assert resolve_misread_marks(read) == chosen


def test_a_scanned_list_keeps_an_item_whose_mark_ocr_lost():
    from extract.cards.bullets import split_bullets

    text = "○ 돌봄 기반 조성(4,760 천원, ~2025)\n○ 스마트 교통 기반 조성(1,900 천원, ~2026)\n문화예술 지원사업 추진(2300 천원, ~2026)"
    assert len(split_bullets(text, lines_are_items=True)) == 3
    assert len(split_bullets(text)) == 2  # typed text: a line without a mark continues the item above
    assert split_bullets("청년 창업 공간\n조성 완료", lines_are_items=True) == ["청년 창업 공간 조성 완료"]  # no list
