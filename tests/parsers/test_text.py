"""The text reader: encodings decided on evidence, tables from tab runs."""

from __future__ import annotations

import pytest

from parsers import CardexError
from parsers.model import Paragraph, Table
from parsers.tsv import decode, parse_text

CARD = (
    "구청장 공약사항 관리카드\n(2024. 6. 30. 現在)\n공약제목\t청년 일자리 지원\t관리번호\t1-1-1\n○ 멘토·멘티제 실시\n"
)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (CARD.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + CARD.encode("utf-8"), "utf-8-sig"),
        (CARD.encode("cp949"), "cp949"),
        (b"\xff\xfe" + CARD.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + CARD.encode("utf-16-be"), "utf-16-be"),
        (CARD.encode("utf-16-le"), "utf-16-le"),
        (CARD.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_encodings(data, name):
    text, encoding = decode(data)
    assert (text.lstrip("\ufeff"), encoding) == (CARD, name)


def test_bomless_utf16_of_pure_hangul_has_no_nul_bytes():
    text = "진도\t오십\r\n보류\t완료\r\n"
    data = text.encode("utf-16-le")
    assert decode(data) == (text, "utf-16-le")
    hangul_only = "진도보류완료정상추진"
    assert b"\x00" not in hangul_only.encode("utf-16-le")
    assert decode(hangul_only.encode("utf-16-le")) == (hangul_only, "utf-16-le")


def test_short_cp949_that_is_also_valid_utf8_is_cp949():
    # 짜 is C2 A5 in CP949, which UTF-8 reads as ¥: mojibake must lose.
    data = "짜 징 창".encode("cp949")
    assert data.decode("utf-8") == "¥ ¡ â"  # the trap: strict UTF-8 accepts these bytes
    assert decode(data) == ("짜 징 창", "cp949")
    assert decode("짜".encode("cp949")) == ("짜", "cp949")


def test_utf8_middle_dot_stays_utf8():
    assert decode("멘토·멘티".encode()) == ("멘토·멘티", "utf-8")


def test_undecodable_bytes_are_a_decode_error_not_mojibake():
    with pytest.raises(CardexError) as err:
        decode(b"\xff\xff\xff\xfe\x81")
    assert err.value.code == "decode_error"


def test_bad_utf8_after_bom():
    with pytest.raises(CardexError) as err:
        decode(b"\xef\xbb\xbf\xc3\x28abc")
    assert err.value.code == "decode_error"


def test_tab_runs_become_tables_and_keep_provenance():
    doc = parse_text("제목\n a\tb\n\tc\t\n끝\n", "utf-8")
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    table = doc.blocks[1]
    assert isinstance(table, Table)
    assert (table.n_rows, table.n_cols) == (2, 3)
    cell = next(c for c in table.cells if c.row == 1 and c.col == 1)
    assert cell.text == "c"
    assert (cell.prov.line, cell.prov.table, cell.prov.row, cell.prov.col) == (3, 0, 1, 1)
    first = doc.blocks[0]
    assert isinstance(first, Paragraph) and first.prov.line == 1


def test_leading_spaces_are_indent():
    doc = parse_text("  - 하위 항목\n", "utf-8")
    assert doc.blocks[0].indent == 2 and doc.blocks[0].text == "- 하위 항목"
