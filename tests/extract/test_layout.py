"""Where cards start and how they divide into sections, on template variants."""

from __future__ import annotations

import pandas as pd

from extract.cards.split import split_cards, title_office
from parsers.tsv import parse_text


def test_titles_of_other_templates():
    assert title_office("구청장 공약사항 관리카드") == (True, "구청장")
    assert title_office("군 수 공 약 관 리 카 드") == (True, "군수")
    assert title_office("【 도지사 공약사항 관리카드 】") == (True, "도지사")
    assert title_office("민선8기 시장 공약사업 관리카드 (2024. 6. 30. 기준)") == (True, "시장")
    assert title_office("공약사항 관리카드 작성 요령을 참고하여 제출 바랍니다") == (False, None)


def test_unnumbered_and_roman_headings():
    text = "시장 공약사항 관리카드\n(2024.6.30. 기준)\n■ 추진실적\n○ 가\nⅡ. 향후계획\n- 나\n1. 공모 선정 완료: 3건\n"
    (card,) = split_cards(parse_text(text, "utf-8"))
    assert [(s.no, s.title) for s in card.sections] == [(1, "추진실적"), (2, "향후계획")]
    assert [b.text for b in card.sections[1].blocks] == ["- 나", "1. 공모 선정 완료: 3건"]


def test_as_of_above_the_title_belongs_to_the_card_below():
    text = (
        "(2024. 6. 30. 현재)\n구청장 공약사항 관리카드\n1. 추진개요\n○ 가\n"
        "(2024. 12. 31. 현재)\n구청장 공약사항 관리카드\n1. 추진개요\n○ 나\n"
    )
    first, second = split_cards(parse_text(text, "utf-8"))
    assert (str(first.as_of), str(second.as_of)) == ("2024-06-30", "2024-12-31")
    assert [b.text for b in first.sections[0].blocks] == ["○ 가"]  # the next card's date is not an item


def test_as_of_from_a_header_label(tmp_path):
    from extract import read_file

    path = tmp_path / "card.txt"
    path.write_text("시장 공약사항 관리카드\n공약명\t시험\t기준일\t2024.12.31.\n", encoding="utf-8")
    assert read_file(path).cards.iloc[0]["as_of"] == pd.Timestamp("2024-12-31")


def test_sections_boxed_in_one_column_tables_are_read_as_paragraphs():
    from parsers.model import Cell, Document, Paragraph, Table

    box = Table(
        cells=[Cell(0, 0, blocks=[Paragraph("3. 추진실적"), Paragraph("○ 가", 0.0), Paragraph("- 나", 10.0)])],
        n_rows=1,
        n_cols=1,
    )
    doc = Document(
        blocks=[Paragraph("군수 공약 관리카드"), box, Paragraph("4. 향후계획"), Paragraph("○ 다")], format="hwp"
    )
    (card,) = split_cards(doc)
    assert [(s.no, [b.text for b in s.blocks]) for s in card.sections] == [(3, ["○ 가", "- 나"]), (4, ["○ 다"])]


def test_a_section_heading_marked_as_page_furniture_still_opens_its_section():
    """Cards of one template, each opening a page with the same boxed section heading at the same
    height, make the heading look like a running header to the PDF reader; a running title line
    itself stays furniture."""
    from parsers.model import Document, Paragraph

    doc = Document(
        blocks=[
            Paragraph("○○시 보고서", role="furniture"),
            Paragraph("군수 공약 관리카드"),
            Paragraph("1. 사업개요"),
            Paragraph("○ 가"),
            Paragraph("2. 추진실적", role="furniture"),
            Paragraph("○ 나"),
            Paragraph("- 12 -", role="furniture"),
        ],
        format="pdf",
    )
    (card,) = split_cards(doc)
    assert [(s.no, s.title, [b.text for b in s.blocks]) for s in card.sections] == [
        (1, "사업개요", ["○ 가"]),
        (2, "추진실적", ["○ 나"]),
    ]


def _ocr_document(lines: list[tuple[str, float]]):
    """Lines as a scan gives them: each paragraph with its indent and an OCR confidence."""
    from parsers.model import Document, Paragraph

    return Document(blocks=[Paragraph(text, indent, confidence=80.0) for text, indent in lines], format="image")


def test_ocr_headings_whose_roman_numbers_were_misread_still_open_their_sections():
    lines = [("시장 공약사항 관리카드", 57.0), ("| . 사업개요", 61.2), ("○ 가", 58.0), ("11 . 투자계획", 59.8)]
    lines += [("1. 추진실적", 58.7), ("○ 나", 58.0), ("1. 공모 선정 완료", 58.0)]
    (card,) = split_cards(_ocr_document(lines))
    assert [(s.no, s.title) for s in card.sections] == [(1, "사업개요"), (2, "투자계획"), (3, "추진실적")]
    assert [b.text for b in card.sections[2].blocks] == ["○ 나", "1. 공모 선정 완료"]  # no known title: an item


def test_ocr_item_levels_follow_the_indent_whatever_mark_ocr_read():
    from extract.cards.items import read_items

    lines = [("시장 공약사항 관리카드", 57.0), ("1. 추진실적", 57.0)]
    lines += [("0ㅇ 대상: 관내 85개 업체", 55.8), ("○ 주민설명회 개최 40회", 57.2), ("- 참여 62명", 71.3)]
    lines += [("(2) 수행기관 선정", 56.1)]  # `○` read as `(2)`
    (card,) = split_cards(_ocr_document(lines))
    assert [i.level for i in read_items(card.sections, ocr=True)] == [0, 0, 1, 0]
    assert [i.level for i in read_items(card.sections)] != [0, 0, 1, 0]  # digital text: marks decide
