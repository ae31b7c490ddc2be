"""One test per SPEC §1b variant: the value an analyst would check, read from a small card.

Cards here are tab-separated text typed the way other governments lay them
out; the generated samples (test_generated_samples.py) prove the same
variants in every format.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from extract import read_file
from extract.cards.dates import parse_as_of
from extract.cards.money import fund_of, parse_amount, parse_budget_summary
from extract.cards.people import parse_person
from extract.cards.status_grid import resolve_marked
from extract.cards.values import parse_within_term
from extract.vocabulary import vocabulary


def _read(tmp_path, text: str, name: str = "card.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_file(path)


def _card(tmp_path, text: str) -> dict:
    tables = _read(tmp_path, text)
    assert len(tables.cards) == 1, tables.files.iloc[0].to_dict()
    return tables.cards.iloc[0].to_dict()


HEADER = "공약번호\t1-1\t공약명\t시험 사업\n주관부서\t기획과\t추진상황\t추진중\n"

# ---------------------------------------------------------------- where a card starts


@pytest.mark.parametrize(
    "title",
    ["구청장 공약사항 관리카드", "군수 공약 관리카드", "시장 공약이행 관리카드", "시장 공약사업 관리카드",
     "도지사 공약 실천계획(서)", "군수 공약 실천계획서", "구청장 공약사업 추진상황"],
)  # fmt: skip
def test_every_title_form_starts_a_card(tmp_path, title):
    tables = _read(tmp_path, f"{title}\n{HEADER}1. 추진개요\n○ 가\n{title}\n{HEADER}1. 추진개요\n○ 나\n")
    assert list(tables.cards["title"]) == ["시험 사업", "시험 사업"]
    assert tables.cards.iloc[0]["office"] == title.split()[0]


def test_thirty_header_tables_without_titles_are_thirty_cards(tmp_path):
    text = "".join(
        f"연번\t공약명\t주관부서\n{n}\t사업 {n}\t기획과\n추진상황\t정상추진\t\n추진개요\n○ 내용 {n}\n"
        for n in range(1, 31)
    )
    tables = _read(tmp_path, text)
    assert len(tables.cards) == 30
    assert list(tables.cards["card_no"]) == [str(n) for n in range(1, 31)]
    assert list(tables.cards["title"])[-1] == "사업 30"
    assert tables.items[tables.items.card_index == 29]["text"].tolist() == ["내용 30"]


def test_a_list_table_inside_a_section_is_not_a_new_card(tmp_path):
    text = f"군수 공약 관리카드\n{HEADER}1. 추진실적\n연번\t내용\t비고\n1\t설명회\t-\n"
    tables = _read(tmp_path, text)
    assert len(tables.cards) == 1


def test_a_press_release_is_still_skipped(tmp_path):
    tables = _read(tmp_path, "보도자료\n구, 공약 이행 평가 최우수\n담당부서\t기획과\n")
    assert tables.files.iloc[0]["status"] == "skipped"


# ---------------------------------------------------------------- as-of date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2025. 9월 말", dt.date(2025, 9, 30)),
        ("2025년 6월말 기준", dt.date(2025, 6, 30)),
        ("2026. 8.(현재)", dt.date(2026, 8, 31)),
        ("기준: 2025. 9월 말", dt.date(2025, 9, 30)),
        ("’26.06.25.(목)", dt.date(2026, 6, 25)),
        ("(2024. 2월 말 현재)", dt.date(2024, 2, 29)),
        ("2022. 7. ~ 2026. 6.", None),  # a period, not a date
    ],
)
def test_as_of_forms(text, date):
    assert parse_as_of(text) == date


def test_month_only_as_of_line_under_the_title(tmp_path):
    assert _card(tmp_path, f"시장 공약이행 관리카드\n2025. 9월 말\n{HEADER}")["as_of"] == pd.Timestamp("2025-09-30")


# ---------------------------------------------------------------- card numbers, contacts


@pytest.mark.parametrize("number", ["4-07-1", "III-①-1", "가-1", "7-1)"])
def test_card_number_kept_as_written(tmp_path, number):
    card = _card(tmp_path, f"시장 공약 관리카드\n공약번호\t{number}\t공약명\t시험\n")
    assert card["card_no"] == number


@pytest.mark.parametrize(
    ("text", "rank", "name", "phone"),
    [
        ("행정6급 신정미(☎4803)", "행정6급", "신정미", "4803"),
        ("신정미(☎4803)", None, "신정미", "4803"),
        ("용찬재 사무관(02-2110-2428)", "사무관", "용찬재", "02-2110-2428"),
        ("김학진 ☎2420", None, "김학진", "2420"),
        ("서기관 이정훈 내선 1234", "서기관", "이정훈", "1234"),
        ("지방시설주사보 한지훈(T. 051-888-1234)", "지방시설주사보", "한지훈", "051-888-1234"),
    ],
)
def test_contact_forms(text, rank, name, phone):
    person = parse_person(text)
    assert (person.rank, person.name, person.phone) == (rank, name, phone)


def test_three_tier_contacts_in_rows(tmp_path):
    card = _card(
        tmp_path,
        f"시장 공약 관리카드\n{HEADER}과장\t김학진 사무관(☎2420)\t팀장\t행정6급 이찬문(☎2421)\n담당\t신정미(☎4803)\t\t\n",
    )
    assert (card["director_rank"], card["director_name"], card["director_phone"]) == ("사무관", "김학진", "2420")
    assert (card["team_leader_rank"], card["team_leader_name"]) == ("행정6급", "이찬문")
    assert (card["officer_rank"], card["officer_name"], card["officer_phone"]) == (None, "신정미", "4803")


def test_three_tier_contacts_in_one_cell(tmp_path):
    tables = _read(
        tmp_path,
        f"시장 공약 관리카드\n{HEADER}연락처\t과장 : 김학진 ☎2420 팀장 : 이찬문 ☎2421 담당 : 용찬재 주무관 ☎2428\n",
    )
    card = tables.cards.iloc[0]
    assert (card["director_name"], card["team_leader_name"], card["officer_name"]) == ("김학진", "이찬문", "용찬재")
    assert card["officer_rank"] == "주무관"
    fields = tables.fields
    assert fields[fields.label == "과장"]["value"].tolist() == ["김학진 ☎2420"]
    assert fields[fields.label == "연락처"]["field"].isna().all()  # the cell itself fed nothing; its parts did


# ---------------------------------------------------------------- other header fields


def test_category_body_term_and_goals(tmp_path):
    card = _card(
        tmp_path,
        f"시장 공약 관리카드\n{HEADER}구분\t현안(지역)사업\t사업주체\t○○도시공사\n완료시기\t임기후\t신규/계속\t계속\n"
        "최종 목표\t○ 전 구간 개통\t\t\n임기내 목표\t○ 1단계 착공\t\t\n",
    )
    assert (card["category"], card["implementing_body"], card["within_term"]) == ("현안(지역)사업", "○○도시공사", False)
    assert card["goal"] == "전 구간 개통\n1단계 착공"


@pytest.mark.parametrize(
    ("text", "value"), [("임기내", True), ("임기 후", False), ("2026년(임기내)", True), ("", None)]
)
def test_within_term(text, value):
    assert parse_within_term(text) is value


def test_purpose_is_the_goal_only_where_no_goal_is(tmp_path):
    assert _card(tmp_path, f"시장 공약 관리카드\n{HEADER}사업목적\t돌봄 공백 해소\t\t\n")["goal"] == "돌봄 공백 해소"
    card = _card(tmp_path, f"시장 공약 관리카드\n{HEADER}사업목적\t돌봄 공백 해소\t공약목표\t○ 센터 3곳\n")
    assert card["goal"] == "센터 3곳"


# ---------------------------------------------------------------- the fields table


def test_fields_table_keeps_every_pair_known_or_not(tmp_path):
    tables = _read(tmp_path, f"시장 공약 관리카드\n{HEADER}사업성격\t신규\t관련법령\t도로법\n")
    rows = {r.label: (r.value, None if r.field is pd.NA else r.field) for r in tables.fields.itertuples()}
    assert rows["공약명"] == ("시험 사업", "title")
    assert rows["추진상황"] == ("추진중", "status,status_code")
    assert rows["관련법령"] == ("도로법", None)  # a label nobody listed still arrives, feeding nothing
    assert rows["사업성격"] == ("신규", None)  # known, but no cards column takes it
    assert set(tables.fields["card_no"]) == {"1-1"}


def test_fields_from_labels_over_values(tmp_path):
    tables = _read(tmp_path, "연번\t공약명\t주관부서\t사업주체\t관련법령\n가-1\t시험 사업\t기획과\t공사\t도로법\n")
    rows = {r.label: r.value for r in tables.fields.itertuples()}
    assert rows == {
        "연번": "가-1",
        "공약명": "시험 사업",
        "주관부서": "기획과",
        "사업주체": "공사",
        "관련법령": "도로법",
    }
    assert tables.cards.iloc[0]["implementing_body"] == "공사"


# ---------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "multiplier", "won"),
    [
        ("2조 9,334억 원", None, 2_933_400_000_000),
        ("1.5십억원", None, 1_500_000_000),
        ("3", 1_000_000_000, 3_000_000_000),
        ("△1,802", 1_000_000, -1_802_000_000),
        ("▲1,802", 1_000_000, -1_802_000_000),
        ("5만명", None, None),  # people, not money
    ],
)
def test_amount_units_and_negatives(text, multiplier, won):
    assert parse_amount(text, multiplier) == won


def test_summary_in_jo_and_eok():
    s = parse_budget_summary("2조 9,334억 원(국 1조, 도 1조 9,334억)", "도지사")
    assert (s.total, s.national, s.provincial) == (2_933_400_000_000, 1_000_000_000_000, 1_933_400_000_000)


def test_unit_named_in_the_budget_label(tmp_path):
    card = _card(tmp_path, f"시장 공약 관리카드\n{HEADER}총사업비(백만원)\t1,200(국 700, 시 500)\t\t\n")
    assert (card["budget_total_krw"], card["budget_national_krw"]) == (1_200_000_000, 700_000_000)


@pytest.mark.parametrize("label", ["민자등", "기타(민자)", "기타(민자등)", "민자"])
def test_other_fund_labels(label):
    assert fund_of(label, "시장") == "other"


MATRIX = (
    "시장 공약 관리카드\n" + HEADER + "2. 재원투자계획\n(단위: 백만원)\n"
    "구분\t\t총사업비\t2026년\t2028년~2030년\t'31~'32\t향후\n"
    "계획\t계\t100\t10\t60\t20\t10\n\t국비\t100\t10\t60\t20\t10\n"
    "확보\t계\t15\t10\t5\t-\t-\n\t국비\t15\t10\t5\t-\t-\n"
    "집행\t계\t△5\t△5\t-\t-\t-\n\t국비\t△5\t△5\t-\t-\t-\n"
    "※ 기타: 2027년 예산은 2026년 집행 후 편성\n3. 추진실적\n○ 가\n"
)


def test_matrix_ranges_secured_after_term_and_note(tmp_path):
    tables = _read(tmp_path, MATRIX)
    budget = tables.budget
    periods = budget[(budget.plan_kind == "planned") & (budget.fund == "national")][["period", "year", "year_to"]]
    assert periods.astype(object).where(periods.notna(), None).values.tolist() == [
        ["total", None, None], ["2026", 2026, 2026], ["range", 2028, 2030], ["range", 2031, 2032],
        ["after_term", None, None],
    ]  # fmt: skip
    secured = budget[(budget.plan_kind == "secured") & (budget.fund == "total")]["amount_krw"].tolist()
    assert secured == [15_000_000, 10_000_000, 5_000_000, 0, 0]
    assert budget[budget.plan_kind == "invested"]["amount_krw"].tolist()[:2] == [-5_000_000, -5_000_000]
    items = tables.items
    assert items[items.section_no == 2][["marker", "text"]].values.tolist() == [
        ["※", "기타: 2027년 예산은 2026년 집행 후 편성"]
    ]
    assert not budget["amount_raw"].str.contains("기타:").any()
    assert not tables.checks["check"].str.startswith("budget").any()


def test_matrix_under_no_heading_in_the_header(tmp_path):
    text = HEADER + "(단위: 억원)\n구분\t계\t2025\t2026\n계\t10\t4\t6\n국비\t10\t4\t6\n추진개요\n○ 가\n"
    tables = _read(tmp_path, text)
    assert tables.budget["amount_krw"].tolist()[:3] == [1_000_000_000, 400_000_000, 600_000_000]
    assert "category" not in set(tables.fields["field"].dropna())  # the matrix's 구분 is not a header field


# ---------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("정상", "on_track"), ("일부", "partial"), ("지연우려", "at_risk"), ("지연", "delayed"),
        ("추진전", "not_started"), ("미착수", "not_started"), ("시기미도래", "not_started"),
        ("완료(이행 후 계속추진 포함)", "completed"), ("이행후 계속추진", "completed_ongoing"),
        ("기타(시기미도래)", "not_started"), ("일정초과", "delayed"),
    ],
)  # fmt: skip
def test_status_words(written, code):
    assert vocabulary().status_code(written) == code


@pytest.mark.parametrize(
    ("text", "chosen"),
    [("■완료 □추진중", "완료"), ("□완료 ■추진중 □보류", "추진중"), ("○ 완료 ● 추진중", "추진중"),
     ("√지연우려 □정상", "지연우려"), ("추진중", None)],
)  # fmt: skip
def test_marked_choice_in_one_cell(text, chosen):
    assert resolve_marked(text) == chosen


@pytest.mark.parametrize("mark", ["○", "●", "■", "√", "V", "✔"])
def test_status_grid_mark_below(tmp_path, mark):
    text = f"시장 공약 관리카드\n공약번호\t1-1\t공약명\t시험\n추진상황\t완료\t추진중\t기타(시기미도래)\n\t\t\t{mark}\n"
    card = _card(tmp_path, text)
    assert (card["status"], card["status_code"]) == ("기타(시기미도래)", "not_started")


def test_status_grid_mark_in_the_cell(tmp_path):
    text = "시장 공약 관리카드\n공약번호\t1-1\t공약명\t시험\n추진상황\t완료(이행 후 계속추진 포함)\t✔ 추진중\t기타\n"
    assert _card(tmp_path, text)["status"] == "추진중"


@pytest.mark.parametrize("label", ["추진율(%)", "평균진행률", "달성률", "이행률(임기내)"])
def test_progress_labels(tmp_path, label):
    assert _card(tmp_path, f"시장 공약 관리카드\n{HEADER}{label}\t62.5\t\t\n")["progress_pct"] == 62.5


# ---------------------------------------------------------------- sections and bullets


@pytest.mark.parametrize(
    "headings",
    [
        ["1. 추진개요", "2. 추진실적", "3. 향후계획"],
        ["Ⅰ. 추진개요", "Ⅱ. 추진실적", "Ⅲ. 향후계획"],
        ["I. 추진개요", "II. 추진실적", "III. 향후계획"],
        ["가. 추진개요", "나. 추진실적", "다. 향후계획"],
        ["□ 추진개요", "□ 추진실적", "□ 향후계획"],
        ["추진개요", "추진실적", "향후계획"],
    ],
)
def test_section_numbering_styles(tmp_path, headings):
    text = f"시장 공약 관리카드\n{HEADER}" + "".join(f"{h}\n○ 항목 {i}\n" for i, h in enumerate(headings))
    items = _read(tmp_path, text).items
    assert items[["section_no", "section_title", "text"]].values.tolist() == [
        [1, "추진개요", "항목 0"], [2, "추진실적", "항목 1"], [3, "향후계획", "항목 2"]
    ]  # fmt: skip


@pytest.mark.parametrize("title", ["쟁점사항 및 해소방안", "연도별 추진계획 및 실적", "일자별 추진실적", "참고자료"])
def test_other_section_titles(tmp_path, title):
    items = _read(tmp_path, f"시장 공약 관리카드\n{HEADER}{title}\n○ 내용\n").items
    assert items[["section_title", "text"]].values.tolist() == [[title, "내용"]]


def test_bullet_styles_and_levels(tmp_path):
    lines = ["o 첫째", "  ㅇ 세부", "    ▸ 더 세부", "o 둘째", "  ① 하나", "  ② 둘", "    1) 가", "      (1) 나",
             "      (2) 다", "    2) 라", "  가. 마", "    가) 바"]  # 가. after ② at ②'s indent: a different style opens a level  # fmt: skip
    items = _read(tmp_path, f"시장 공약 관리카드\n{HEADER}1. 추진실적\n" + "\n".join(lines) + "\n").items
    assert items[["level", "marker", "text", "parent_item_no"]].astype(object).where(items.notna(), None)[
        ["level", "marker", "text"]
    ].values.tolist() == [
        [0, "o", "첫째"], [1, "ㅇ", "세부"], [2, "▸", "더 세부"], [0, "o", "둘째"], [1, "①", "하나"], [1, "②", "둘"],
        [2, "1)", "가"], [3, "(1)", "나"], [3, "(2)", "다"], [2, "2)", "라"], [2, "가.", "마"], [3, "가)", "바"],
    ]  # fmt: skip
    assert items["parent_item_no"].tolist()[6:8] == [6, 7]


def test_hangul_numbered_items_under_roman_headings_stay_items(tmp_path):
    text = f"도지사 공약 실천계획(서)\n{HEADER}I. 추진개요\n가. 협약 체결 및 참여자 모집\n나. 관계기관 협의 완료\nII. 추진실적\n▸ 가\n"
    items = _read(tmp_path, text).items
    assert items[["section_no", "marker", "text"]].values.tolist() == [
        [1, "가.", "협약 체결 및 참여자 모집"], [1, "나.", "관계기관 협의 완료"], [2, "▸", "가"]
    ]  # fmt: skip
