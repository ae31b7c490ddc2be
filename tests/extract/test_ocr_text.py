"""The slips OCR makes on a card's marks and figures, put right by the card logic's hints."""

from __future__ import annotations

import pytest

from extract.cards import ocr_text


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("84.120 백만원, 2024.12. 1.5", "84,120 백만원, 2024.12. 1.5"),
        ("^210", "△210"),
        ("스1,210", "△1,210"),
        ("스마트 교통", "스마트 교통"),
        ("오세라(숄4972)", "오세라(☎4972)"),
        ("지원사업 추진(~2026)", "지원사업 추진(~2026)"),  # a year after its tilde is no extension
        ("0 도시재생 주민설명회", "○ 도시재생 주민설명회"),
        ("(> 전통시장 센터", "○ 전통시장 센터"),
        ("0.5 이상", "0.5 이상"),
        ("ㅁ 추진실적", "□ 추진실적"),
        ("(2 문화예술 특화사업", "② 문화예술 특화사업"),
        ("01 전통시장 지원사업", "① 전통시장 지원사업"),
        ("(1) 전통시장", "(1) 전통시장"),
        ("10 개 업체", "10 개 업체"),
        ("(- 청년 특화사업", "○ 청년 특화사업"),
        ("(> 82 명 참여", "○ 82 명 참여"),
        ("- 수행기관", "- 수행기관"),
        ("주무관 신정미 1.2464", "주무관 신정미 T.2464"),
        ("행정7급 박서연(1.061-286-4773)", "행정7급 박서연(T.061-286-4773)"),
        ("추진율 1.5", "추진율 1.5"),
        ("『 도시재생 1 단계", "▸ 도시재생 1 단계"),
        ("(어르신 기간: 2024. 2. ~ 2024.12.", "○ 어르신 기간: 2024. 2. ~ 2024.12."),
        ("( 전통시장 특화사업 운영", "○ 전통시장 특화사업 운영"),
        ("(실시설계 용역 착수(2024. 8.)", "○ 실시설계 용역 착수(2024. 8.)"),
        ("(단위: 억원)", "(단위: 억원)"),
        ("기타2,842,.000)", "기타2,842,000)"),
        ("(사업비) 34 백만원", "(사업비) 34 백만원"),
        ("2022 ~[임기 후 계속】", "2022 ~【임기 후 계속】"),
        ("2022 ~[【임기 후 계속】", "2022 ~【임기 후 계속】"),
        ("[2024] 추진", "[2024] 추진"),
        ("2022 ~임기 후 계속】", "2022 ~【임기 후 계속】"),  # the opening half lost
        ("2022 ~【임기 후 계속】", "2022 ~【임기 후 계속】"),
        ("과장::신정미 ☎5265", "과장:신정미 ☎5265"),
        ("특화사업 운영(ㄴ2030)", "특화사업 운영(~2030)"),  # the period's tilde read as the jamo ㄴ
        ("2024년 ㄴ 2026년", "2024년 ~ 2026년"),
        ("ㄴ 2030년 준공", "ㄴ 2030년 준공"),  # a sub-item's ㄴ mark stays
    ],
)
def test_ocr_repairs(read, meant):
    assert ocr_text.repair(read) == meant


def test_the_hints_carry_the_repairs_and_the_vocabularys_unit_words():
    hints = ocr_text.hints()
    assert hints.repair("ㅁ 추진실적") == "□ 추진실적"
    assert "년" in hints.unit_words and "원" in hints.unit_words


def test_a_fund_named_before_its_figure_makes_the_line_a_phrase():
    from parsers.scan.recognise import looks_like_figures

    hints = ocr_text.hints()
    assert {"국", "도", "시", "구", "군"} <= set(hints.unit_words)
    # the wrapped end of a 소요예산: read as figures, its 구 would become a 1 (`129,630)`)
    assert not looks_like_figures("구29,630)", hints)
    assert looks_like_figures("29,630)", hints)


@pytest.mark.parametrize(
    ("line", "doubtful"),
    [
        ("5. 랑우계획", True),  # half the letters of 향후계획, in place
        ("5. 향후계획", False),
        ("3. 추진일정", True),  # a title the vocabulary lacks: read again, and it stays if it reads the same
        ("ㅇ 용역 착수(0024. 1.)", True),  # no card dates a year 0024
        ("ㅇ 용역 착수(2024. 1.)", False),
        ("0.5 이상", False),
        ("ㅇ 스마트 교통 관계기관 협의 완료", False),
    ],
)
def test_lines_a_card_hardly_holds_are_doubtful(line, doubtful):
    assert ocr_text.doubtful(line) is doubtful
