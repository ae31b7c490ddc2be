"""Wingdings bullets read as the symbols they draw, the same in HWP and in Hangul's PDF."""

from __future__ import annotations

import pytest

from parsers import iter_paragraphs, read_document
from parsers.symbols import from_private_use, wingdings
from tools.paths import ROOT

HANCOM = ROOT.parent / "shared" / "corpus" / "hancom"


def test_wingdings_codes_in_either_form():
    assert wingdings(0xA7) == wingdings(0xF0A7) == "▪"
    assert wingdings(0x6C) == "●" and wingdings(0xFC) == "✓" and wingdings(0x81) == "①"
    assert wingdings(ord("Ÿ")) == wingdings(0x9F) == "•"  # the byte as a PDF's WinAnsi encoding gives it
    assert wingdings(0x41) == "\uf041"  # not in the table: kept as its private-use form, in every format
    assert from_private_use("\uf0a7 사업 목표") == "▪ 사업 목표"
    assert from_private_use("\ue123 그대로") == "\ue123 그대로"  # outside the symbol-font range


@pytest.mark.skipif(not HANCOM.is_dir(), reason="../shared/corpus/hancom is absent")
def test_a_wingdings_bullet_is_the_same_in_the_source_and_its_pdf():
    folder = HANCOM / "kps-ai-ebf164"

    def lines(path):
        doc = read_document(path)
        cells = [p.text for b in doc.blocks if hasattr(b, "cells") for c in b.cells for p in iter_paragraphs(c.blocks)]
        return [t for t in cells + [p.text for p in iter_paragraphs(doc.blocks)] if "고유 업무에 특화된" in t]

    source, pdf = lines(folder / "source.hwp"), lines(folder / "export-2022.pdf")
    assert source and pdf
    assert all(t.startswith("▪") for t in source + pdf), (source, pdf)


def test_a_symbol_font_space_is_a_space():
    assert wingdings(0x20) == wingdings(0xF020) == " "
    assert from_private_use("\uf09f\uf020모든 사업") == "• 모든 사업"


@pytest.mark.skipif(not HANCOM.is_dir(), reason="../shared/corpus/hancom is absent")
def test_a_bullet_typed_with_a_wingdings_space_reads_as_in_the_source():
    """Hangul's PDF draws the space after a Wingdings bullet in Wingdings too (code 0x20)."""
    folder = HANCOM / "biz_plan-1e5890"

    def cells(path):
        doc = read_document(path)
        return [
            "\n".join(p.text for p in iter_paragraphs(c.blocks))
            for b in doc.blocks
            if hasattr(b, "cells")
            for c in b.cells
        ]

    wanted = "• 사업목표 및 배경\n• 사업 수행범위 및 기간\n• 수행 추진방안"
    assert wanted in cells(folder / "source.hwp")
    assert wanted in cells(folder / "export-2022.pdf")
