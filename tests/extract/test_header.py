"""Header labels and their values (extract/header.py), where the values a user checks are read."""

from __future__ import annotations

from extract.cards.header import read_header
from extract.vocabulary import vocabulary
from parsers.model import Cell, Paragraph, Table


def _row(texts: list[str], ocr: bool) -> Table:
    confidence = 71.0 if ocr else None
    cells = [
        Cell(row=0, col=k, blocks=[Paragraph(text, confidence=confidence)] if text else [])
        for k, text in enumerate(texts)
    ]
    return Table(cells=cells, n_rows=1, n_cols=len(texts))


def _fields(texts: list[str], ocr: bool) -> dict[str, str | None]:
    return {p.label: p.field for p in read_header([_row(texts, ocr)])}


def test_a_label_misread_by_ocr_by_one_letter_still_names_its_field_and_is_set_right():
    pairs = read_header([_row(["구분", "공약사업", "루관부서", "교통행정과", "당당자", "장미란(☎4572)"], ocr=True)])
    found = {p.label: (p.field, p.read_as, p.value) for p in pairs}
    assert found["담당자"] == ("officer", "당당자", "장미란(☎4572)")
    # one letter from both 주관부서 and 소관부서, but one jamo from 주 (ㄹ for ㅈ) and two from 소
    assert found["주관부서"] == ("lead_department", "루관부서", "교통행정과")
    assert "공약사업" not in found  # a value after its label, one letter from 공약사항, stays a value


def test_digital_text_gets_no_such_leniency():
    fields = _fields(["루관부서", "교통행정과"], ocr=False)
    assert fields["루관부서"] is None


def test_only_an_unambiguous_misread_names_a_field():
    words = vocabulary()
    assert words.misread_label("주관부셔")[1] == "lead_department"
    assert words.misread_label("추진중") is None  # a status word, not a label
    assert words.misread_label("과정") is None  # two letters: too short to tell
    # `수` is one jamo from both `주` (ㅅ for ㅈ) and `소` (ㅜ for ㅗ): the field, no spelling
    assert words.misread_label("수관부서") == (None, "lead_department")


def test_a_speck_beside_an_ocr_label_does_not_hide_it():
    (pair,) = read_header([_row(["담당자 !", "주무관 신정미"], ocr=True)])
    assert (pair.label, pair.field, pair.read_as) == ("담당자", "officer", "담당자 !")
    assert _fields(["담당자 !", "주무관 신정미"], ocr=False).get("담당자 !") is None


def test_a_label_ocr_read_right_is_kept_as_written():
    (pair,) = read_header([_row(["주관 부서", "교통행정과"], ocr=True)])
    assert (pair.label, pair.read_as) == ("주관 부서", None)


def test_letters_ocr_made_up_after_a_label_do_not_hide_it():
    # a rule's remains beside the label read as syllables (`총사업비해`)
    (pair,) = read_header([_row(["총사업비해", "8,397,000천원"], ocr=True)])
    assert (pair.label, pair.field, pair.read_as, pair.value) == ("총사업비", "budget", "총사업비해", "8,397,000천원")
    words = vocabulary()
    assert words.misread_label("담당자나국") == ("담당자", "officer")
    assert words.misread_label("추진상황및계획") is None  # three letters more: another label
    assert _fields(["총사업비해", "8,397,000천원"], ocr=False).get("총사업비해") is None
