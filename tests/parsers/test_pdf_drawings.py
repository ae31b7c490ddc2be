"""Each way Hangul's PDF export draws a table, from a small ReportLab PDF (tools/samplegen/drawings.py)."""

from __future__ import annotations

import pytest

from parsers import CardexError, read_document
from parsers.model import Paragraph, Table, iter_paragraphs
from tools.paths import ROOT

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
        "gradient.pdf",  # a header row painted by a gradient: hairline strips, flush, clipped to the row
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


def test_a_title_bar_of_two_boxes_a_spacer_apart_is_one_table_and_distant_tables_stay_two():
    bar, left, right = _tables("title-bar.pdf")
    assert _grid(bar) == [["붙임", "", "과제별 추진일정"]]  # the gap is the borderless middle column
    assert _grid(left) == [["구분", "내용"], ["가나", "가나"]]
    assert _grid(right) == [["연도", "금액"], ["가나", "가나"]]


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


def test_a_break_inside_a_word_is_closed_where_the_document_writes_the_word_whole():
    (table,) = _tables("char-wrap.pdf")
    grid = _grid(table)
    assert grid[1][1] == "토지등소유자 동의 시 동의자의 본인 확인"  # `동의자의` stands whole in row 2
    assert grid[3][1] == "사업시행예정자 사업의 개략적인 내용을 포함"  # a break at a space keeps it
    assert grid[3][2] == "룩셈 부르크"  # spread short lines had room to spare: not wrapped in a word


def test_underlined_and_struck_lines_are_text_not_borders():
    (table,) = _tables("underlined.pdf")
    assert (table.n_rows, table.n_cols) == (2, 2)
    new = table.cells[-1].paragraphs
    assert [p.text for p in new] == [
        "제4조(사업시행예정자의 결정 및 변경 등) ① 복합개발사업을 추진 하려는 토지등소유자는 동의를 받아야 한다."
    ]
    assert table.cells[-2].text == "<신 설>"


def test_letters_typed_apart_keep_their_spaces_and_spread_letters_none():
    """Hancom draws no space glyph: `구 분` centred in a wide cell is typed with spaces, while
    `국비` spread from padding to padding by distributed alignment is one word."""
    (table,) = _tables("typed-apart.pdf")
    assert _grid(table) == [["구 분", "사 업 명", "추 진 상 황"], ["국비", "청년 창업 지원", "정상추진"]]


def test_two_tables_stacked_close_stay_two_tables():
    """Side borders 2.9 pt apart end to end are two tables' borders, not one broken line."""
    first, second = _tables("stacked.pdf")
    assert _grid(first) == GRID
    assert _grid(second) == [["연도", "금액", "비고"], ["2025", "1,200", "확정"]]


def test_a_table_cut_by_a_page_break_is_one_table_with_its_header_once():
    """The parts show different inner column lines (a cell split in the last row only): the joined
    grid takes both parts' columns; the two header rows repeated on page 2 are dropped."""
    (table,) = _tables("split-header.pdf")
    assert (table.n_rows, table.n_cols) == (2 + 24 + 3, 4)  # header, page 1 body, page 2 body
    rows = [[(c.col, c.col_span, c.text) for c in row] for row in table.rows()]
    assert rows[0] == [(0, 1, "구분"), (1, 3, "예산")]
    assert rows[1] == [(1, 1, "국비"), (2, 2, "시비")]
    assert rows[2] == [(0, 1, "사업1"), (1, 1, "10"), (2, 2, "5")]
    assert rows[26] == [(0, 1, "사업25"), (1, 1, "250"), (2, 2, "125")]
    assert rows[-1] == [(0, 1, "합계"), (1, 1, "3,510"), (2, 1, "130"), (3, 1, "추정")]
    assert {c.prov.page for c in table.cells} == {1, 2}


def test_a_sentence_cut_by_the_page_break_is_sewn_back_and_a_new_article_stays_a_row():
    first, second = _tables("cut-sentence.pdf")
    grid = _grid(first)
    assert len(grid) == 3  # header, the cut row sewn back, the next article
    assert grid[1][1].endswith("필요한 사항은 시장ㆍ 군수등이 정하여 고시한다.")
    assert grid[2] == ["<신 설>", "제5조(공고) 시장은 공고한다."]
    grid = _grid(second)  # both cells cut mid-sentence: one row, however many cells
    assert len(grid) == 2
    assert grid[1][0].endswith("데이터통합 관리 플랫폼을 운영한다.")
    assert grid[1][1].endswith("경제적 ㆍ문화적 플랫폼을 운영한다.")


def test_strokes_a_snap_chains_elsewhere_on_the_page_do_not_move_a_border():
    table, box = _tables("offset-frames.pdf")
    assert _grid(table) == GRID
    assert _grid(box) == [["참고"]]


def test_a_table_of_few_rows_continues_though_another_page_runs_off_its_edge():
    """Where a page break cuts is read from how low the document's pages reach; a table drawn past
    a page's bottom edge (page 3) once made every other page look ended early, and split a table
    of a few rows a page into two."""
    continued, off_page = _tables("off-page.pdf")
    grid = _grid(continued)
    assert grid[0] == ["연도", "금액", "비고"] and len(grid) == 1 + 5 + 2  # the repeated header dropped
    assert grid[-1] == ["2026", "700", "추정"]
    assert {c.prov.page for c in continued.cells} == {1, 2}
    assert _grid(off_page)[-1] == ["파", "하", "끝"]


def test_a_table_that_ends_mid_page_does_not_continue_on_the_next():
    first, second = _tables("ended-early.pdf")
    assert _grid(first) == GRID
    assert _grid(second) == [["연도", "금액", "비고"], ["2025", "1,200", "확정"]]


def test_a_band_of_accounts_without_inner_borders_reads_as_its_rows():
    """Sub-accounts under their total with no line between them: right-aligned amounts are one per
    line (never glued into one number), and the band is split into the rows its baselines show."""
    (table,) = _tables("banded.pdf")
    assert _grid(table)[:4] == [
        ["구분", "2025", "2026"],
        ["예산지출", "57,549", "66,657"],
        ["·일반회계", "51,469", "59,082"],
        ["·특별회계", "6,080", "△7,576"],
    ]


def test_a_centred_label_wrapped_beside_a_list_stays_one_cell_of_one_row():
    (table,) = _tables("banded.pdf")
    assert table.n_rows == 5  # the label's two lines are one wrapped paragraph, not two rows
    assert [c.text for c in table.rows()[4]] == ["주제별 구술발화", "· 분량: 120시간\n· 결과물: 음성 파일", ""]


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


def _pdf_with_content(path, content: bytes, box: bytes = b"[0 0 595 842]") -> None:
    """A one-page PDF around a raw content stream (a hostile drawing no writer makes)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + box + b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def test_a_hostile_mesh_of_strokes_is_bounded_and_reads_as_no_table(tmp_path):
    """A lattice of 600 x 600 ruling lines (360,000 crossings, some 359,000 cells) on the largest
    page PDF allows: past the crossing bound the page holds no table, instead of minutes of search."""
    strokes = [b"20 %d m 12020 %d l" % (20 + 20 * i, 20 + 20 * i) for i in range(600)]
    strokes += [b"%d 20 m %d 12020 l" % (20 + 20 * i, 20 + 20 * i) for i in range(600)]
    _pdf_with_content(tmp_path / "mesh.pdf", b"0.5 w\n" + b"\n".join(strokes) + b"\nS", box=b"[0 0 14400 14400]")
    from parsers.pdf.grid import find_tables
    from parsers.pdf.objects import open_document, read_page

    objects = read_page(open_document(tmp_path / "mesh.pdf"), 0, (0, 0, 14400, 14400), 0)
    assert len(objects.segments) == 1200
    assert find_tables(objects.segments, objects.width, objects.height) == []
    with pytest.raises(CardexError) as raised:  # the whole file reads to its end: lines, no text
        read_document(tmp_path / "mesh.pdf")
    assert raised.value.code == "no_text_layer"


def test_slanted_italics_are_read_and_turned_text_is_not():
    """Question numbers in italics (each glyph sheared, baseline level) are upright text; PDFium's
    own char angle counts the shear as a turn. The label turned a quarter stays out of the cells."""
    (table,) = _tables("slanted.pdf")
    assert _grid(table) == [["1", "⑤", "2", "③"], ["3", "②", "4", "①"]]
    assert "정답표" not in " ".join(p.text for p in iter_paragraphs(read_document(DRAWINGS / "slanted.pdf").blocks))


def test_a_first_line_indent_is_one_paragraph():
    """The first line (with its bullet) stands 5 pt in from the lines that follow it."""
    (table,) = _tables("first-line-indent.pdf")
    assert [p.text for p in table.cells[-1].paragraphs] == [
        "• 사업 참여 인원은 사업수행계획서의 초기 투입인력계획에 근거하여 승인 받은 인원만 투입한다.",
        "• 교체 시 즉시 보고한다.",
    ]


def test_a_break_inside_a_word_is_closed_by_the_syllables_the_document_joins():
    (table,) = _tables("syllable-wrap.pdf")
    grid = _grid(table)
    assert grid[1][1] == "개인정보를 안전하게 보호하고자 한다."  # `하고` stands inside words in row 2
    assert grid[3][1] == "관계 기관과 협의하여 세부 계획 수립 예정"  # `획수` inside no word: the space stays


def test_the_narrow_space_after_a_mark_is_a_space():
    (table,) = _tables("mark-gap.pdf")
    assert [p.text for p in table.cells[0].paragraphs] == [
        "㉠ 대부분의 사회에는 고유한 의례가 있다.",
        "○ ○○ 고등학교 학생을 관찰함.",
    ]


def test_cells_hangul_draws_without_rules_read_from_their_clips():
    """Hangul clips every cell's content to the cell's box, ruled or not (parsers/pdf/clips.py)."""
    header, plain, choices, hidden = _tables("clipped.pdf")
    assert _grid(header) == [["보도시점", "2025. 6. 21. 11:00", "배포", "2025. 6. 21. 09:00"]]
    assert _grid(plain) == [["구분", "사업명", "추진상황"], ["국비", "청년 창업 지원", ""]]  # the empty cell kept
    assert _grid(choices) == [["①", "ㄱ", "②", "ㄴ", "③", "ㄱ, ㄴ", "④", "ㄴ, ㄷ", "⑤", "ㄱ, ㄴ, ㄷ"]]
    assert _grid(hidden) == [["①", "규제영역"]]  # the border between them is not drawn


def test_clips_that_are_not_cells_make_no_table():
    doc = read_document(DRAWINGS / "clipped-not-cells.pdf")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    # only the wide box clipped alone: a one-cell table drawn without a border
    assert [_grid(t) for t in tables] == [[["본 지침은 도로 교통의 안전을 위한 것이다."]]]
    texts = [p.text for p in iter_paragraphs(doc.blocks) if p.prov.table is None]
    assert "도시재생 사업은 주민과 함께 추진하며 그 결과를 공개한다." in texts  # the page's body clip
    assert "그림 1 사업 구역도" in texts  # a picture's caption under the picture's own clip
    assert "요철띠" in texts  # a label clipped in a drawing
    assert any(t.startswith("2025년 학회논문지 제1호") for t in texts)  # the running header's clips


def test_running_headers_and_footers_drawn_as_tables_are_furniture():
    """A header area Hangul clips like a cell, a footer row framing the page number: page furniture,
    while a head repeated word for word and a page's own box stay tables (parsers/pages/furniture.py)."""
    doc = read_document(DRAWINGS / "running-boxes.pdf")
    tables = [(t.prov.page, _grid(t)) for t in doc.blocks if isinstance(t, Table)]
    assert tables == [
        (2, [["※ 참고: 시행령 제5조"]]),  # mid-page
        (3, [["현 행", "개 정 안"]]),
        (4, [["현 행", "개 정 안"]]),
        (5, [["제1장 총칙"]]),  # at the top, but its own
    ]
    furniture = [(p.prov.page, p.text) for p in doc.blocks if isinstance(p, Paragraph) and p.role == "furniture"]
    assert furniture[:3] == [(1, "수학 영역"), (1, "주간 업무 보고"), (1, "1")]
    assert [text for page, text in furniture if page == 5] == ["주간 업무 보고", "5"]
    assert len(furniture) == 2 + 5 * 2
    body = [p.text for p in doc.blocks if isinstance(p, Paragraph) and p.role == "body"]
    assert body[:2] == ["본문 1쪽의 첫 문단입니다.", "본문 1쪽의 끝 문단입니다."] and len(body) == 10
