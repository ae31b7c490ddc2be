"""The real seed card (../shared/seed, copied into samples/tsv): every SPEC value."""

from __future__ import annotations

import pandas as pd
import pytest

from tools.paths import SAMPLES

SEED = "tsv/card-geumjeong-1-1-1.txt"


@pytest.fixture(scope="module")
def seed():
    from extract import read_file

    return read_file(SAMPLES / SEED)


def test_files_row(seed):
    row = seed.files.iloc[0]
    assert row["status"] == "ok"
    assert row["format"] == "tsv"
    assert row["encoding"] == "utf-8"
    assert row["n_cards"] == 1
    assert row["size_bytes"] == 5926


def test_card_fields(seed):
    assert len(seed.cards) == 1
    card = seed.cards.iloc[0].to_dict()
    assert card["as_of"] == pd.Timestamp("2024-06-30")
    expected = {
        "card_index": 0,
        "office": "구청장",
        "card_no": "1-1-1",
        "title": "지역 기업육성 및 청년 취업 지원 활성화",
        "lead_department": "일자리경제과",
        "team_leader_rank": "행정6급",
        "team_leader_name": "신정미",
        "team_leader_phone": "4803",
        "officer_rank": "행정7급",
        "officer_name": "이찬문",
        "officer_phone": "4804",
        "period_start_year": 2022,
        "continues_after_term": True,
        "budget_total_krw": 9_732_000_000,
        "budget_national_krw": 6_336_000_000,
        "budget_provincial_krw": 1_050_000_000,  # 시 is the upper level for a 구청장
        "budget_local_krw": 1_764_000_000,
        "budget_other_krw": 582_000_000,
        "status": "추진중",
        "status_code": "in_progress",
        "progress_pct": 50.0,
        "goal": "지역 기업 육성 지원으로 청년 취업 및 창업 지원 활성화",
    }
    for key, value in expected.items():
        assert card[key] == value, key

    assert pd.isna(card["related_departments"])  # `-` means none
    assert pd.isna(card["period_end_year"])


def test_tasks(seed):
    rows = seed.tasks[["task_no", "text", "amount_krw", "end_year"]].astype(object).where(seed.tasks.notna(), None)
    assert rows.values.tolist() == [
        [1, "지역주도형 청년일자리사업 추진(3,775백만원, ~2026)", 3_775_000_000, 2026],
        [2, "기업지원 멘토·멘티제 실시", None, None],
        [3, "중소기업 판로 개척 추진", None, None],
        [4, "사회적경제기업 재정지원사업 추진(5,000백만원, ~2026)", 5_000_000_000, 2026],
        [5, "사회적경제기업 지역특화사업 추진(70백만원, ~2026)", 70_000_000, 2026],
    ]


# The matrix as printed on the card (백만원); "-" is zero.
PERIODS = ["계", "기투자", "2022년", "2023년", "2024년", "2025년", "2026년", "임기후"]
SEED_MATRIX = {
    ("planned", "총계"): "9,732 317 1,000 1,397 1,576 1,754 1,844 1,844",
    ("planned", "국비"): "6,336 157 750 942 1,034 1,121 1,166 1,166",
    ("planned", "시비"): "1,050 - 175 175 175 175 175 175",
    ("planned", "구비"): "1,764 104 75 203 287 335 380 380",
    ("planned", "기타"): "582 56 - 77 80 123 123 123",
    ("invested", "총계"): "3,274 317 1,064 1,298 595 - - -",
    ("invested", "국비"): "2,244 157 790 859 438 - - -",
    ("invested", "시비"): "399 - 207 164 28 - - -",
    ("invested", "구비"): "458 104 67 198 89 - - -",
    ("invested", "기타"): "173 56 - 77 40 - - -",
}
FUNDS = {"총계": "total", "국비": "national", "시비": "provincial", "구비": "local", "기타": "other"}


def test_budget_all_80_cells(seed):
    budget = seed.budget
    assert len(budget) == 80
    got = {
        (r.plan_kind, r.fund_label, r.period_label): (r.fund, r.period, r.year, r.amount_krw, r.amount_raw)
        for r in budget.astype(object).where(budget.notna(), None).itertuples()
    }
    for (kind, fund_label), values in SEED_MATRIX.items():
        for label, raw in zip(PERIODS, values.split()):
            period = {"계": "total", "기투자": "prior", "임기후": "after_term"}.get(label, label[:4])
            year = int(label[:4]) if label[:4].isdigit() else None
            won = 0 if raw == "-" else int(raw.replace(",", "")) * 1_000_000
            assert got[(kind, fund_label, label)] == (FUNDS[fund_label], period, year, won, raw)


def test_no_failed_checks(seed):
    assert seed.checks.empty


# (section, level, marker, text prefix, parent item_no)
SEED_ITEMS = [
    (1, 0, "-", "지역주도형 청년일자리사업 추진 ▷ 3,775백만원", None),
    (1, 1, "-", "정규직 일자리 창출 및 기업 인건비 지원", 1),
    (1, 0, "-", "기업지원 멘토·멘티제 실시 ▷ 연 2회 실시", None),
    (1, 1, "-", "기업 민원 및 건의사항 청취 해결", 3),
    (1, 1, "-", "중소기업 특별지원지역 활성화 추진단 구성 및 운영", 3),
    (1, 0, "-", "중소기업 판로 개척 추진 ▷ 수시", None),
    (1, 1, "-", "중소기업제품 공공구매 및 지역제품 우선 구매", 6),
    (1, 1, "-", "중소기업제품 사이버전시장 연계(판로 지원)", 6),
    (1, 0, "-", "사회적경제기업 재정지원사업 추진", None),
    (1, 1, "-", "일자리창출, 전문인력, 사회보험료, 사업개발비 지원", 9),
    (3, 0, "○", "지역주도형 청년일자리사업 추진", None),
    (3, 1, "- ▷", "정규직 일자리 창출 및 인건비 지원: 26명 청년 및 19개 기업", 11),
    (3, 1, "- ▷", "2024년 보조금 교부: 99,410천원", 11),
    (3, 2, "- ※", "(2022년 계속사업) 디지털마케팅 인재양성 프로젝트", 13),
    (3, 2, "-", "(2023년 계속사업) 미래신산업 구조변화 대응 금정구 청년일자리 사업", 13),
    (3, 1, "- ▷", "분기별 사업장 지도점검: 2회(2024. 3./ 6.)", 11),
    (3, 0, "○", "2024년 상반기 기업지원 멘토·멘티제 실시", None),
    (3, 1, "- ▷", "기 간: 2024. 5. ~ 2024. 7.", 17),
    (3, 1, "- ▷", "대 상: 관내 107개 업체", 17),
    (3, 1, "- ▷", "추진방법: 기업지원 멘토-멘티반 구성 및 운영", 17),
    (3, 2, "-", "신중년 안전+컨설턴트 3명, 기간제 인력 1명", 20),
    (3, 1, "- ▷", "추진내용", 17),
    (3, 2, "-", "기업 경영 애로사항, 정책건의 및 요청사항 청취", 22),
    (3, 2, "-", "중소기업 특별지원지역 지정 이후 변화 관련 의견수렴 등", 22),
    (3, 0, "○", "중소기업 특별지원지역 활성화 사업 추진", None),
    (3, 1, "- ▷", "중소기업 근로환경 개선 지원사업 추진: 2024. 3. ~ 2024.12. (사업비 50백만원)", 25),
    (3, 2, "-", "대 상: 금정구 관내 50인 미만 중소기업, 소공인", 26),
    (3, 2, "-", "방 법: 공모를 통한 자체 심사 및 위원회 심의", 26),
    (3, 2, "-", "내 용: 중소기업 노후환경 개선", 26),
    (3, 2, "-", "2024. 6.30.기준 5개 업체 선정 37,000천원 교부", 26),
    (3, 1, "- ▷", "기업소통 플랫폼 구축 및 운영: 2024. 1. ~", 25),
    (3, 2, "-", "기업경영 시 애로사항 청취 및 해결방안 검토 등", 31),
    (3, 2, "-", "신중년 컨설턴트 인력 활용, 구 홈페이지 ‘기업 소통의 장’ 마련 운영", 31),
    (3, 1, "- ▷", "‘원스톱 기업애로해소 지원센터’ 운영: 2024. 3. ~ 2024.12. ※지방소멸대응기금사업", 25),
    (3, 2, "-", "대 상: 중소기업, 근로자 및 소상공인 등(금사공업지역 중심)", 34),
    (3, 2, "-", "수행기관: 부산경제진흥원, 부산경영자총협회", 34),
    (3, 2, "-", "주요내용", 34),
    (3, 2, "-", "중소기업 및 소상공인 온라인 마케팅 지원사업", 34),
    (3, 3, "- ⇒", "금정구-(주)위메프-부산경제진흥원 업무협약 체결", 38),
    (3, 3, "- ⇒", "20개 기업 신청접수 및 최종 10개 기업 선정", 38),
    (3, 2, "-", "금사공업지역 제조업 전수조사", 34),
    (3, 3, "- ⇒", "과업지시서 등 조사 수행업체 실무협의 진행", 41),
    (3, 2, "-", "분야별 기업지원 사업설명회, 교육 및 컨설팅 추진을 위한 수요조사", 34),
    (3, 3, "- ⇒", "착수보고회 개최, 전문기관 기반 수요조사 실시", 43),
    (3, 3, "- ⇒", "20개 기업 대상 FGI 운영(총 2회, 운영당 10개 기업)", 43),
    (3, 0, "○", "중소기업 판로 개척", None),
    (3, 1, "- ▷", "중소기업제품 홍보 지원계획 수립 및 추진: 2024. 1.12.", 46),
    (3, 1, "- ▷", "중소기업제품 우선구매 추진 협조 발송 : 4회(2024. 1./ 3./ 5./ 6.)", 46),
    (3, 1, "- ▷", "중소기업제품 사이버전시장 전시 : 연중", 46),
    (3, 0, "○", "사회적경제기업 재정지원사업 추진", None),
    (3, 1, "- ▷", "(예비)사회적기업 일자리창출사업 지원금 지급 : 9개 기업, 132백만원", 50),
    (3, 1, "- ▷", "(예비)사회적기업 전문인력지원사업 지원금 지급: 8개 기업, 67백만원", 50),
    (3, 0, "○", "사회적경제기업 지역특화사업 추진 등", None),
    (3, 1, "- ▷", "사회적경제 금정대학 및 사회적경제 금정마켓 운영", 53),
    (4, 0, "-", "고용노동부의 지침 변경으로 2024년까지는 기약정된", None),
    (4, 1, "※", "고용노동부 사회적기업과-3084(2023.9.13.)", 55),
    (5, 0, "-", "2024년 지역주도형 청년일자리사업 참가 사업장 지도점검: 분기별", None),
    (5, 0, "-", "2024년 하반기 기업지원 멘토·멘티제 실시 : 2024. 9. ~ 2024.12.", None),
    (6, 0, "", "지역주도형 청년일자리사업(사업장 지도점검)", None),
    (6, 0, "", "중소기업 근로환경 개선 지원사업(2차 현장평가)", None),
    (6, 0, "", "중소기업 특별지원지역 활성화 사업 추진(기업 FGI 개최 등)", None),
]
SECTION_TITLES = {1: "추진개요", 3: "추진실적", 4: "추진상 문제점 및 대책(협조사항)", 5: "향후계획",
                  6: "기타 참고사항(관련사진 등)"}  # fmt: skip


def test_items_sections_levels_parents(seed):
    items = seed.items.astype(object).where(seed.items.notna(), None)
    assert len(items) == len(SEED_ITEMS)
    for row, (section, level, marker, prefix, parent) in zip(items.itertuples(), SEED_ITEMS):
        assert row.section_no == section
        assert row.section_title == SECTION_TITLES[section]
        assert (row.level, row.marker, row.parent_item_no) == (level, marker, parent), row.text
        assert row.text.startswith(prefix), (row.text, prefix)
    assert items["item_no"].tolist() == list(range(1, len(SEED_ITEMS) + 1))
    assert 2 not in set(items["section_no"])  # the budget section yields no items
