"""Tables ruled across only, their columns read off the text's alignment (parsers/pdf/aligned.py)."""

from __future__ import annotations

import json

from extract import read_file
from parsers import read_document
from parsers.model import Paragraph, Table
from tools import scoring
from tools.paths import GOLDEN, ROOT, SAMPLES
from tools.samplegen.producers import ACROSS_PARTIAL

DRAWINGS = ROOT / "tests" / "fixtures" / "pdf" / "drawing"


def _grids(path) -> list[list[list[str]]]:
    doc = read_document(path)
    return [[[c.text for c in row] for row in t.rows()] for t in doc.blocks if isinstance(t, Table)]


def test_a_table_ruled_across_only_has_its_rows_and_columns():
    """ReportLab: a heavy rule on top, one under the header and one at the foot, the body rows
    unruled and the figures right-aligned; then a table ruled under every row whose last head
    spans its two year columns."""
    first, second = _grids(DRAWINGS / "half-ruled.pdf")
    assert first == [
        ["구분", "사업명", "2025년", "2026년", "비고"],
        ["국비", "청년 창업 지원", "1,200", "1,500", "계속"],
        ["도비", "스마트 버스정류장 설치", "300", "450", "신규"],
        ["구비", "마을 도서관 운영", "80", "95", ""],
        ["기타", "민간 협력", "10", "20", "검토"],
    ]
    assert second[0] == ["과제", "담당", "연도별 추진 계획 (2025 ~ 2026)"]  # one cell over both years
    assert second[1:] == [
        ["공원 조성", "공원녹지과", "설계", "착공"],
        ["도로 확장", "도로과", "보상", "준공"],
        ["청사 이전", "총무과", "부지 선정", "설계"],
    ]
    doc = read_document(DRAWINGS / "half-ruled.pdf")
    between = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert between == ["1. 재원별 투자계획", "※ 단위: 백만원", "2. 과제별 일정"]  # no table took them
    # columns inferred, never drawn: the file's message says so
    assert [n for n in doc.notes if "drawn without vertical rules" in n] == [
        "page(s) 1 hold a table drawn without vertical rules, whose columns were read from the alignment of "
        "its text; where a card's values look shifted, check them against the page"
    ]


def test_prose_between_rules_is_no_table():
    """A justified paragraph, a list with hanging indents and a page in two columns, each between
    rules of one extent: paragraphs, every word kept."""
    doc = read_document(DRAWINGS / "ruled-prose.pdf")
    assert not [b for b in doc.blocks if isinstance(b, Table)]
    assert doc.notes == []
    text = " ".join(b.text for b in doc.blocks if isinstance(b, Paragraph))
    for words in (
        "분기마다 갱신한다",
        "2. 변경 사항이 있으면",
        "사유가 없는 변경은 반려한다",
        "오른쪽 단의 셋째 줄입니다",
    ):
        assert words in text


def test_cards_ruled_across_only_are_listed_among_the_exact_renderings():
    """Chromium's PDFs of cards whose tables draw no vertical line (a header of labels and
    values, rows of a label and a value across the other columns, a budget matrix whose row
    labels stand in the middle of their rows) are exact against their truth, as every rendering
    listed there (test_generated_samples): checked here that they are listed."""
    for doc, route in (("vb-single", "chromium-across-nanumgothic"), ("gu-single-1", "chromium-across-notosans")):
        truth = json.loads((GOLDEN / "generated" / f"{doc}.json").read_text(encoding="utf-8"))
        assert truth["renderings"][f"pdf-{route}"]["file"] == f"producers/{route}/{doc}.pdf"
    tables = read_file(SAMPLES / "producers" / "chromium-across-nanumgothic" / "vb-single.pdf")
    assert tables.cards.loc[0, "card_no"] == "III-①-5"
    assert tables.checks.empty
    assert "drawn without vertical rules" in tables.files.loc[0, "message"]


# Facts right per component on the renderings read in part today (ACROSS_PARTIAL): a floor that
# only rises. On 2026-12-07 they gave cards 90/150, tasks 42/42, budget 245/350, items 258/258,
# fields 38/60; before aligned.py, cards 45/150, tasks 0/42, budget 0/350, fields 0/60.
FLOORS = {"cards": 0.60, "tasks": 1.0, "budget": 0.70, "items": 1.0, "fields": 0.63}


def test_cards_ruled_across_only_stay_above_their_floor():
    total: dict[str, list[int]] = {}
    for job in ACROSS_PARTIAL:
        truth = json.loads((GOLDEN / "generated" / f"{job.doc}.json").read_text(encoding="utf-8"))
        path = SAMPLES / "producers" / job.route / f"{job.doc}.pdf"
        tables = read_file(path)
        assert len(tables.cards) == len(truth["cards"]), path
        for index, card in enumerate(truth["cards"]):
            scoring.add(total, scoring.score_card(card, tables, path.name, index))
    shares = {name: scoring.share(*total[name]) for name in FLOORS}
    assert all(shares[name] >= floor for name, floor in FLOORS.items()), shares
