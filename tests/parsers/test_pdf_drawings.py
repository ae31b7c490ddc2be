"""Each way Hangul's PDF export draws a table, from a small ReportLab PDF (tests/samplegen/drawings.py)."""

from __future__ import annotations

import pytest

from parsers import read_document
from parsers.model import Table
from tests.conftest import ROOT

DRAWINGS = ROOT / "tests" / "fixtures" / "pdf" / "drawing"
GRID = [["구분", "사업명", "추진상황"], ["국비", "청년 창업 지원", "정상 추진"]]


def _tables(name: str) -> list[Table]:
    def walk(blocks):
        for block in blocks:
            if isinstance(block, Table):
                yield block
                for cell in block.cells:
                    yield from walk(cell.blocks)

    return list(walk(read_document(DRAWINGS / name).blocks))


def _grid(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows()]


@pytest.mark.parametrize(
    "name",
    [
        "dotted.pdf",  # every border as hundreds of 0.8 pt strokes: joined by the line's own rhythm
        "thin-boxes.pdf",  # borders as 0.4 pt filled boxes
        "open-sides.pdf",  # rows ruled, inner column lines, no left or right border
        "shaded.pdf",  # a shaded header row whose cells have no border between them
    ],
)
def test_a_table_drawn_so_reads_as_its_grid(name):
    tables = _tables(name)
    assert len(tables) == 1, [(t.n_rows, t.n_cols) for t in tables]
    assert (tables[0].n_rows, tables[0].n_cols) == (2, 3)
    assert _grid(tables[0]) == GRID  # glyph-by-glyph text: spaces from the gaps


def test_a_lone_rule_under_an_open_sided_table_closes_nothing():
    doc = read_document(DRAWINGS / "open-sides.pdf")
    assert [type(b).__name__ for b in doc.blocks] == ["Table"]


def test_a_table_in_a_one_cell_frame_is_nested_in_the_frame():
    outer, inner, note = _tables("framed.pdf")
    assert (outer.n_rows, outer.n_cols) == (1, 1)
    assert outer.cells[0].paragraphs[0].text == "총괄표"  # the frame's own text stays the frame's
    assert [b for b in outer.cells[0].blocks if isinstance(b, Table)] == [inner]
    assert _grid(inner) == GRID
    assert (note.n_rows, note.n_cols) == (1, 1) and note.cells[0].text == "참고 사항"  # a lone ruled box


def test_a_table_inside_a_cell_is_nested_there():
    outer, inner = _tables("nested.pdf")
    assert (outer.n_rows, outer.n_cols) == (2, 2)
    cell = next(c for c in outer.cells if (c.row, c.col) == (1, 1))
    assert cell.paragraphs == [] and cell.blocks == [inner]
    assert _grid(inner) == [["연도", "금액"], ["2025", "1,200"]]


def test_text_wrapping_inside_a_cell_is_one_paragraph():
    (table,) = _tables("wrapped.pdf")
    cell = next(c for c in table.cells if (c.row, c.col) == (1, 1))
    assert [p.text for p in cell.paragraphs] == ["청년 창업 공간 조성 완료"]


def test_dump_debug_draws_what_the_reader_found(tmp_path, capsys):
    from PIL import Image

    from extract.cli import main

    assert main(["dump", str(DRAWINGS / "open-sides.pdf"), "--debug", str(tmp_path)]) == 0
    (png,) = sorted(tmp_path.glob("*.png"))
    assert png.name == "open-sides-page001.png"
    colours = {c for _, c in Image.open(png).convert("RGB").getcolors(1 << 20)}

    def near(target):
        return any(sum(abs(a - b) for a, b in zip(c, target, strict=True)) < 40 for c in colours)

    assert near((0, 170, 0)), "ruling lines"
    assert near((255, 140, 0)), "the open sides the reader closed"
    assert near((220, 0, 0)), "cell outlines"
    assert near((0, 0, 230)), "word boxes"
    assert "1 page image(s)" in capsys.readouterr().out


def test_dump_debug_refuses_a_file_that_is_not_a_pdf(tmp_path, capsys):
    from extract.cli import main

    assert main(["dump", str(ROOT / "samples" / "tsv" / "card-geumjeong-1-1-1.txt"), "--debug", str(tmp_path)]) == 2
    assert "is not a PDF" in capsys.readouterr().err
