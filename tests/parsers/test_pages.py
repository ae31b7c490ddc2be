"""Page assembly and ruling that no single writer owns: tables a page break cut, in any PDF."""

from __future__ import annotations

import pytest

from parsers.pages.assemble import _runs_on_text
from parsers.pdf.grid import GridSettings, Rule, open_ends


@pytest.mark.parametrize(
    ("before", "after", "runs_on"),
    [
        ("110,380", "33,860", False),  # two amounts, each written out whole: two rows
        ("580", "5,950", False),
        ("법 제3", "8조제3항", True),  # a figure cut in two
        ("1,23", "4,567", True),  # a stub no amount is written as
        ("총사업비 산정을 위한", "기초 조사", True),  # a sentence cut mid-way
    ],
)
def test_what_runs_on_across_a_page_break(before, after, runs_on):
    assert _runs_on_text(before, after) is runs_on


def _table_cut_at_top(with_text: bool, body_above: bool) -> tuple[list[Rule], list[dict]]:
    """A table continued at a page's top: its first row has no rule above it, its column lines
    run up to the row's top (y 90) past the first rule (y 110)."""
    lines = [Rule(True, 110.0, 50.0, 450.0), Rule(True, 130.0, 50.0, 450.0)]
    lines += [Rule(False, x, 90.0, 130.0) for x in (50.0, 150.0, 300.0, 450.0)]
    glyphs = [{"text": "머", "x0": 60.0, "x1": 70.0, "top": 30.0, "bottom": 40.0}]  # a running header
    if with_text:
        glyphs.append({"text": "국", "x0": 160.0, "x1": 170.0, "top": 95.0, "bottom": 105.0})
    if body_above:
        glyphs.append({"text": "본", "x0": 60.0, "x1": 70.0, "top": 75.0, "bottom": 85.0})
    return lines, glyphs


def test_a_table_a_browser_cut_at_a_page_break_gets_its_top_back():
    lines, glyphs = _table_cut_at_top(with_text=True, body_above=False)
    (end,) = open_ends(lines, GridSettings(), glyphs, 842.0)
    assert (end.horizontal, end.at, end.start, end.end) == (True, 90.0, 50.0, 450.0)


@pytest.mark.parametrize(("with_text", "body_above"), [(False, False), (True, True)])
def test_connector_lines_mid_page_close_nothing(with_text, body_above):
    # an organisation chart's connectors stop together too: around no text, or mid-page
    lines, glyphs = _table_cut_at_top(with_text, body_above)
    assert open_ends(lines, GridSettings(), glyphs, 842.0) == []
