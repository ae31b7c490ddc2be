"""Hangul's automatic paragraph numbers and bullets, as the text Hangul shows."""

from __future__ import annotations

import re

import pytest

from parsers import iter_paragraphs, read_document
from parsers.hangul.numbering import Heads, Level, Numbering, format_number
from tools.paths import ROOT

HANCOM = ROOT.parent / "shared" / "corpus" / "hancom"


def test_number_styles():
    styles = ["DIGIT", "HANGUL_SYLLABLE", "CIRCLED_DIGIT", "ROMAN_CAPITAL", "ROMAN_SMALL", "LATIN_CAPITAL",
              "HANGUL_JAMO", "CIRCLED_HANGUL_SYLLABLE", "HANGUL_PHONETIC", "IDEOGRAPH"]  # fmt: skip
    assert [format_number(3, s) for s in styles] == ["3", "다", "③", "Ⅲ", "ⅲ", "C", "ㄷ", "㉰", "삼", "三"]
    assert format_number(15, "HANGUL_SYLLABLE") == "가"  # 가…하 and round again, as Hangul does
    assert format_number(24, "ROMAN_CAPITAL") == "XXIV"
    assert format_number(21, "CIRCLED_DIGIT") == "21"  # past ⑳: digits


def _outline() -> Numbering:
    return Numbering(
        {1: Level("^1."), 2: Level("^2.", "HANGUL_SYLLABLE"), 3: Level("(^3)"), 4: Level("^1-^4", start=5)}
    )


def test_counters_count_on_and_restart_under_a_higher_level():
    heads = Heads({1: _outline()}, {})
    got = [heads.head("number", 1, level) for level in (0, 1, 1, 2, 2, 1, 0, 1, 2)]
    assert got == ["1.", "가.", "나.", "(1)", "(2)", "다.", "2.", "가.", "(1)"]
    assert heads.head("number", 1, 3) == "2-5"  # a level's own start number; ^1 shows the parent's counter


def test_each_numbering_definition_counts_on_its_own():
    heads = Heads({1: _outline(), 2: _outline()}, {3: "○"})
    assert [heads.head("number", 1, 0), heads.head("number", 2, 0), heads.head("number", 1, 0)] == ["1.", "1.", "2."]
    assert heads.head("bullet", 3, 0) == "○"
    assert heads.head("number", 9, 0) is None and heads.head("number", 1, 12) is None  # unknown: no head


def test_symbol_font_bullets_show_as_a_dot_or_a_dash():
    heads = Heads({}, {1: "\uf09f", 2: "\xad"})
    assert heads.head("bullet", 1, 0) == "•"
    assert heads.head("bullet", 2, 0) == "-"


@pytest.mark.skipif(not HANCOM.is_dir(), reason="../shared/corpus/hancom is absent")
def test_hwp_outline_numbers_are_the_ones_hangul_printed():
    """english-6f27a4 numbers its fifteen questions with Hangul's outline numbering; the PDF
    Hangul exported from it shows 1. to 15., which the HWP text itself does not hold."""
    folder = HANCOM / "english-6f27a4"
    source = [p.text for p in iter_paragraphs(read_document(folder / "source.hwp").blocks)]
    numbered = [int(m[1]) for t in source if (m := re.match(r"(\d+)\. 우리말 번역", t))]
    assert numbered == list(range(1, 16))
    printed = re.sub(
        r"\s+", "", " ".join(p.text for p in iter_paragraphs(read_document(folder / "export-2022.pdf").blocks))
    )
    assert all(f"{n}.우리말번역" in printed for n in numbered)
