"""Scans: the table grid found from the pixels of a page (no OCR needed for this part)."""

from __future__ import annotations

import pytest

from parsers.scan import grid, ocr, page, pixels, recognise
from parsers.scan.ocr import tesseract
from tools.paths import SAMPLES


@pytest.mark.parametrize("dpi", [150, 200, 300])
def test_grid_and_merged_cells_from_the_pixels_of_a_rendered_card(dpi):
    # samples/pdf/va-single.pdf is LibreOffice's export; PDFium renders it as a scanner would see it
    image, got_dpi = pixels.render_pdf_page(SAMPLES / "pdf" / "va-single.pdf", 0)
    image = image.resize((round(image.width * dpi / got_dpi), round(image.height * dpi / got_dpi)))
    grids, _, _ = grid.find_grids(pixels.prepare(image, dpi))
    shapes = [(len(g.ys) - 1, len(g.xs) - 1) for g in grids]
    assert shapes == [(8, 6), (16, 8)]  # the header table and the budget matrix
    header = {(r, c): (rs, cs) for r, c, rs, cs in grids[0].cells}
    assert header[(1, 1)] == (1, 5)  # 공약명's value spans the five columns right of its label
    assert header[(0, 0)] == (1, 1)
    matrix = {(r, c): (rs, cs) for r, c, rs, cs in grids[1].cells}
    assert matrix[(0, 0)] == (1, 2)  # 구분 over the plan-kind and fund columns
    assert matrix[(1, 0)] == matrix[(6, 0)] == matrix[(11, 0)] == (5, 1)  # 계획, 확보, 집행


def test_a_skewed_page_is_straightened():
    image, dpi = pixels.render_pdf_page(SAMPLES / "pdf" / "va-single.pdf", 0)
    tilted = image.rotate(2.0, expand=False, fillcolor="white")
    assert abs(pixels.skew_angle(pixels.prepare(tilted, dpi).ink)) < 0.15  # prepare() has turned it back
    grids, _, _ = grid.find_grids(pixels.prepare(tilted, dpi))
    assert [(len(g.ys) - 1, len(g.xs) - 1) for g in grids] == [(8, 6), (16, 8)]


def test_red_stamp_is_washed_out():
    from PIL import ImageDraw

    image, dpi = pixels.render_pdf_page(SAMPLES / "pdf" / "va-single.pdf", 0)
    draw = ImageDraw.Draw(image)
    draw.ellipse((1400, 300, 1700, 600), outline=(220, 30, 30), width=12)  # a seal over the header
    page = pixels.prepare(image, dpi)
    assert not page.ink[298:314, 1530:1570].any()  # the top of the seal's ring: no ink left
    grids, _, _ = grid.find_grids(page)
    assert [(len(g.ys) - 1, len(g.xs) - 1) for g in grids] == [(8, 6), (16, 8)]


def test_without_tesseract_an_image_keeps_no_text_layer_and_says_what_to_install(monkeypatch):
    from extract import read_file

    missing = tesseract.missing("the Korean model kor.traineddata was not found")
    monkeypatch.setattr(tesseract.Tesseract, "available", lambda self: missing)
    row = read_file(SAMPLES / "scan" / "va-single.png").files.astype(object).iloc[0]
    assert (row["status"], row["error_code"], row["format"]) == ("error", "no_text_layer", "image")
    assert "tesseract-ocr and tesseract-ocr-kor" in row["message"]


def test_an_image_claiming_a_billion_pixels_is_too_large(tmp_path):
    import struct
    import zlib

    from extract import read_file

    if (missing := ocr.engine().available()) is not None:
        pytest.skip(missing)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 40_000, 40_000, 8, 0, 0, 0, 0)  # 1.6 billion grey pixels
    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
    (tmp_path / "bomb.png").write_bytes(bomb + chunk(b"IEND", b""))
    row = read_file(tmp_path / "bomb.png").files.astype(object).iloc[0]
    assert (row["error_code"], row["format"]) == ("too_large", "image")


def test_a_card_read_with_low_confidence_is_flagged():
    from extract.cards.card import ocr_confidence
    from extract.cards.checks import OCR_CONFIDENCE_FLOOR, ocr_checks
    from extract.cards.split import CardBlocks
    from parsers.model import Paragraph

    blocks = CardBlocks(office="시장", title_line=Paragraph("시장 공약 관리카드", confidence=90.0))
    blocks.header = [Paragraph("공약번호 1-1", confidence=30.0), Paragraph("공약명 시험", confidence=40.0)]
    confidence = ocr_confidence(blocks)  # weighted by characters: (90*10 + 30*8 + 40*6) / 24
    assert confidence == pytest.approx(57.5)
    assert [c.check for c in ocr_checks(confidence)] == ["ocr_low_confidence"]
    assert ocr_checks(OCR_CONFIDENCE_FLOOR) == [] and ocr_checks(None) == []


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        (["① 가", "② 나", "① 다", "④ 라"], ["① 가", "② 나", "③ 다", "④ 라"]),
        (["① 가", "① 나"], ["① 가", "② 나"]),
        (["① 가", "① 나", "① 다", "④ 라"], ["① 가", "① 나", "① 다", "④ 라"]),  # two odd: left as read
        (["③ 가", "④ 나"], ["③ 가", "④ 나"]),  # a list that goes on from another cell
        (["① 가", "나", "① 다"], ["① 가", "나", "① 다"]),  # not a numbered list throughout
    ],
)
def test_a_circled_number_ocr_misread_in_a_numbered_list_takes_its_place(read, meant):
    from parsers.model import Paragraph

    paragraphs = [Paragraph(text, confidence=80.0) for text in read]
    page.renumber_circled(paragraphs)
    assert [p.text for p in paragraphs] == meant


def _margin_pages(tops: list[float], from_pixels: bool):
    from parsers.pages.assemble import PageBlocks
    from parsers.pages.lines import Line

    pages = []
    for number, top in enumerate(tops, start=1):
        line = Line("민선 8기 공약 이행 점검", 50.0, 200.0, top, top + 10, 10.0, False, 3.0, 80.0)
        pages.append(PageBlocks(number=number, height=842.0, margin_lines=[("top", line)], from_pixels=from_pixels))
    return pages


def test_a_running_header_a_scanner_moved_a_little_is_still_page_furniture():
    from parsers.pages.furniture import mark_furniture

    def roles(pages):
        mark_furniture(pages)
        return [block.role for page in pages for _, block in page.blocks]

    # the sheet sat 5 pt higher on the glass for page 2
    assert roles(_margin_pages([37.1, 32.0], from_pixels=True)) == ["furniture", "furniture"]
    # a text layer places a running header exactly: 5 pt apart is two different lines
    assert roles(_margin_pages([37.1, 32.0], from_pixels=False)) == ["body", "body"]
    assert roles(_margin_pages([37.1, 12.0], from_pixels=True)) == ["body", "body"]


def test_a_line_with_a_mark_read_from_its_shape_is_not_read_again_as_figures():
    assert recognise.looks_like_figures("(5576)")
    assert not recognise.looks_like_figures("(☎5576)")  # the figures reader would make the ☎ a 2
    assert recognise.looks_like_figures("-]")  # two marks and no letter: a short figure misread
    assert not recognise.looks_like_figures("-") and not recognise.looks_like_figures("ㅁ]")


def test_a_line_of_digits_with_a_unit_word_the_caller_names_is_a_phrase_not_a_figure():
    from parsers.scan.hints import TextHints

    assert recognise.looks_like_figures("2024 년")
    assert not recognise.looks_like_figures("2024 년", TextHints(unit_words=("년",)))


def test_image_only_chart_pages_read_without_crashing_the_ocr_engine():
    """Hangul's PDF of a chart is one image per page: OCR reads it (no card in it) and the reader
    process survives. Asking Tesseract for its thresholded image while its result iterator was
    still in use crashed the worker with SIGSEGV on exactly such pages."""
    from extract import read_folder
    from tools.paths import SHARED

    folder = SHARED / "corpus" / "hancom" / "pic-crop-01-f2bba5"
    if not folder.is_dir():
        pytest.skip("../shared/corpus not present")
    if (missing := ocr.engine().available()) is not None:
        pytest.skip(missing)
    files = read_folder(folder, isolate=True, jobs=1).files.set_index("source_file")
    assert files.loc["export-2022.pdf", "status"] == "skipped"
    assert files.loc["export-2022.pdf", "error_code"] == "no_card_found"
    assert "Part of the file" not in files.loc["export-2022.pdf", "message"]  # a scan is no repair


def test_a_seal_scanned_in_greyscale_is_washed_out_by_its_lighter_tone():
    from PIL import ImageDraw

    image, dpi = pixels.render_pdf_page(SAMPLES / "pdf" / "va-single.pdf", 0)
    draw = ImageDraw.Draw(image)
    draw.ellipse((1400, 300, 1700, 600), outline=(205, 35, 40), width=8)  # red ink, then scanned grey
    draw.text((1470, 420), "SEAL", fill=(205, 35, 40), font_size=50)
    for x in range(1532, 1570, 9):  # specks JPEG noise made as dark as the text, on the ring
        draw.rectangle((x, 303, x + 1, 304), fill="black")
    grey = image.convert("L")
    page = pixels.prepare(grey, dpi)
    assert page.washed is not None and page.washed[300:310, 1530:1570].any()
    # the same grey copy saved as a colour file, a speck of red JPEG noise in it: still found
    noisy = grey.convert("RGB")
    ImageDraw.Draw(noisy).point((50, 50), fill=(200, 40, 40))
    assert pixels.prepare(noisy, dpi).washed is not None
    assert not page.ink[298:314, 1530:1570].any()  # the top of the seal's ring: no ink left
    assert not page.ink[428:455, 1470:1600].any()  # nor of the letters inside it (a rule runs below)
    grids, _, _ = grid.find_grids(page)
    assert [(len(g.ys) - 1, len(g.xs) - 1) for g in grids] == [(8, 6), (16, 8)]


@pytest.mark.parametrize("mode", ["RGB", "L"])
def test_red_text_away_from_any_seal_stays_ink(mode):
    # an emphasis in red (or its grey in a greyscale scan) is text to read, not a seal
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1700, 1100), "white")
    draw = ImageDraw.Draw(image)
    for k in range(12):  # a line of heavy red letters, 0.25 inch tall at 300 dpi
        draw.rectangle((200 + 60 * k, 300, 245 + 60 * k, 375), fill=(205, 35, 40))
    draw.text((200, 600), "black text for the levels", fill="black", font_size=60)
    page = pixels.prepare(image.convert(mode), 300)
    assert page.washed is None
    assert page.ink[310:365, 210:235].all()


def test_a_red_word_of_a_seals_size_is_no_seal():
    # a logo's red calligraphy (`평창`) is as big as a seal but encloses nothing: it stays ink
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1700, 1100), "white")
    draw = ImageDraw.Draw(image)
    draw.line([(300, 300), (380, 300), (340, 300), (340, 440), (300, 440), (420, 440)], fill=(205, 35, 40), width=14)
    draw.line([(460, 310), (460, 450), (520, 380), (560, 450)], fill=(205, 35, 40), width=14)
    draw.text((200, 700), "black text for the levels", fill="black", font_size=60)
    page = pixels.prepare(image, 300)
    assert page.washed is None
    assert page.ink[295:306, 310:370].any()


def test_seal_components_join_diagonal_runs_and_keep_apart_what_does_not_touch():
    import numpy as np

    from parsers.scan import seals

    mask = np.zeros((6, 8), dtype=bool)
    mask[0, 0:2] = mask[1, 2] = mask[2, 3:5] = True  # a diagonal stroke: one region
    mask[4:6, 6:8] = True  # a separate blob
    assert sorted(seals.components(mask)) == [(0, 0, 3, 5), (4, 6, 6, 8)]


def _drawn_table(left_rule, double: bool = False):
    """A 3 x 4 table drawn with PIL at 200 dpi: black rules (or double ones), the left border
    drawn by `left_rule(draw, x, y0, y1)`, a block of 'text' ink in every cell."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 900), "white")
    draw = ImageDraw.Draw(image)
    xs, ys = [200, 500, 800, 1100, 1400], [200, 350, 500, 650]
    for y in ys:
        draw.rectangle((xs[0], y, xs[-1], y + 2), fill="black")
        if double:
            draw.rectangle((xs[0], y + 6, xs[-1], y + 8), fill="black")
    for x in xs[1:]:
        draw.rectangle((x, ys[0], x + 2, ys[-1]), fill="black")
        if double:
            draw.rectangle((x + 6, ys[0], x + 8, ys[-1]), fill="black")
    left_rule(draw, xs[0], ys[0], ys[-1])
    for x0 in xs[:-1]:
        for y0 in ys[:-1]:
            for k in range(3):  # three letters' worth, each shorter than a rule could be
                draw.rectangle((x0 + 40 + 35 * k, y0 + 60, x0 + 65 + 35 * k, y0 + 85), fill="black")
    return image


def test_a_hairline_lighter_than_the_ink_threshold_still_bounds_the_table():
    # rhwp and Chromium draw a 0.1 pt rule as one anti-aliased grey pixel column
    image = _drawn_table(lambda draw, x, y0, y1: draw.line((x, y0, x, y1), fill=(175, 175, 175), width=1))
    grids, _, notes = grid.find_grids(pixels.prepare(image, 200))
    assert [(len(g.ys) - 1, len(g.xs) - 1) for g in grids] == [(3, 4)] and notes == []


def test_ink_outside_every_cell_is_reported_when_no_search_finds_its_rule():
    image = _drawn_table(lambda draw, x, y0, y1: None)  # the left border not drawn at all
    from PIL import ImageDraw

    for k in range(2):  # a label left of the grid
        ImageDraw.Draw(image).rectangle((110 + 35 * k, 250, 135 + 35 * k, 275), fill="black")
    _, _, notes = grid.find_grids(pixels.prepare(image, 200))
    assert len(notes) == 1 and "leaves marks outside its cells" in notes[0]


def test_a_double_rule_is_one_grid_line():
    image = _drawn_table(lambda draw, x, y0, y1: draw.rectangle((x, y0, x + 2, y1), fill="black"), double=True)
    grids, _, _ = grid.find_grids(pixels.prepare(image, 200))
    assert [(len(g.ys) - 1, len(g.xs) - 1) for g in grids] == [(3, 4)]
    assert all(cell[2:] == (1, 1) for cell in grids[0].cells)  # no cell merged: each border found


def _ocr_line(text: str, x0: float, x1: float, top: float, bottom: float) -> recognise.OcrLine:
    return recognise.OcrLine(text, x0, x1, top, bottom, x0 + 10, 90.0, len(text.replace(" ", "")))


def test_a_partial_second_reading_of_a_line_is_dropped():
    # the engine read the final consonants under `이행 점검` again as a line of their own
    header = _ocr_line("민선 8 기 공약 이행 점검", 58, 159, 37, 47)
    echo = _ocr_line("ㅎㅎ ㅁㅁ", 131, 159, 42, 49)
    below = _ocr_line("시장 공약사항 관리카드", 57, 156, 58, 67)
    beside = _ocr_line("(단위: 천원)", 400, 450, 38, 46)  # the same height, another column
    kept = [
        line
        for line in [header, echo, below, beside]
        if not any(recognise._echoes(line, o) for o in [header, echo, below, beside])
    ]
    assert kept == [header, below, beside]


def _figures_image(text: str):
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=40)
    image = Image.new("L", (40 + 30 * len(text), 70), 255)
    ImageDraw.Draw(image).text((20, 10), text, fill=0, font=font)
    return image


def test_the_ink_counts_the_characters_of_a_line_of_figures():
    assert len(recognise.glyph_runs(_figures_image("2026.6."))) == 7
    assert len(recognise.glyph_runs(_figures_image("1-1-1"))) == 5


class _FiguresReader:
    def __init__(self, text: str, confidence: float) -> None:
        self.reading = (text, confidence)

    def read_figures(self, image):
        return self.reading


@pytest.mark.parametrize(
    ("korean", "figures", "confidence", "shown", "meant"),
    [
        ("2026.66.", "2026.6.", 0.0, "2026.6.", "2026.6."),  # the Korean model doubled a digit
        ("759%", "75%", 10.0, "75%", "75%"),
        ("2023.1.", "20231.", 95.0, "2023.1.", "2023.1."),  # the figures reader lost a point
        ("2-2", "222", 40.0, "2-2", "2-2"),  # as many either way: the surer reading stands
        ("3,/60", "3,760", 99.0, "3,760", "3,760"),
        ("2023'넌", "20234", 58.0, "2023", "2023'넌"),  # a misread 년, no digit: the surer reading stands
        ("용50", "850", 96.0, "850", "850"),  # a misread digit the figures reader is surer of
    ],
)
def test_the_ink_settles_which_reading_of_a_figure_made_a_character_up(
    monkeypatch, korean, figures, confidence, shown, meant
):
    monkeypatch.setattr(recognise, "engine", lambda: _FiguresReader(figures, confidence))
    line = recognise.OcrLine(korean, 0, 100, 0, 20, 10, 80.0, len(korean))
    assert recognise._reread_figures(line, _figures_image(shown), recognise.NO_HINTS).text == meant


def test_a_reading_that_left_ink_unread_gives_way_to_one_that_reads_it_all(monkeypatch):
    # `35` read as `-]` with confidence: both its characters stand on the `5`, the `3` is unread
    image = _figures_image("35")
    runs = recognise.glyph_runs(image)
    assert len(runs) == 2
    five = runs[1]
    monkeypatch.setattr(recognise, "engine", lambda: _FiguresReader("35", 96.0))
    line = recognise.OcrLine("-]", 0, 100, 0, 20, 10, 98.0, 2)
    assert recognise._reread_figures(line, image, recognise.NO_HINTS, [five, five]).text == "35"
    # where the same reading stands on both, the surer Korean reading stands
    assert recognise._reread_figures(line, image, recognise.NO_HINTS, runs).text == "-]"


def test_only_a_failure_to_decode_blames_the_image(tmp_path, monkeypatch):
    from PIL import Image

    from extract import read_file
    from parsers.scan import image as image_reader

    if ocr.engine().available() is not None:
        pytest.skip("Tesseract is not installed")
    path = tmp_path / "scan.png"
    Image.new("RGB", (400, 300), "white").save(path)
    truncated = tmp_path / "cut.png"
    truncated.write_bytes(path.read_bytes()[:200])
    assert read_file(truncated).files.iloc[0]["error_code"] == "corrupt"

    def broken(*args, **kwargs):
        raise ValueError("a bug in reading the pixels")

    monkeypatch.setattr(image_reader, "page_blocks", broken)
    row = read_file(path).files.iloc[0]
    assert row["error_code"] == "crashed" and "please report it" in row["message"]


def test_specks_the_engine_read_after_a_line_are_dropped():
    from parsers.scan.ocr import Word

    label = Word("담당자", (14, 12, 88, 38), 97.0)
    far = [Word("나", (219, 32, 246, 50), 0.0), Word("국", (294, 27, 301, 43), 0.0)]
    assert recognise._without_trailing_specks("담당자 나 국", [label, *far]) == ("담당자", [label])
    phone = [Word("(T.", (188, 13, 216, 40), 93.0), Word("061-286-2692)", (227, 13, 422, 40), 92.0)]
    blot = Word("큐", (610, 25, 618, 30), 0.0)
    assert recognise._without_trailing_specks("(T. 061-286-2692) 큐", [*phone, blot])[0] == "(T. 061-286-2692)"
    # a word read with confidence stays, and so does an unsure one of the line's size beside the text
    sure = Word("5", (430, 13, 445, 40), 91.0)
    assert recognise._without_trailing_specks("(T. 061-286-2692) 5", [*phone, sure])[0].endswith("5")
    unsure = Word("호", (430, 13, 458, 40), 5.0)
    assert recognise._without_trailing_specks("(T. 061-286-2692) 호", [*phone, unsure])[0].endswith("호")


def test_the_box_read_reaches_over_the_faint_half_of_a_ring():
    # a thin ○ blurred at 200 dpi: its right half dark enough to be ink, its left half grey
    import numpy as np
    from PIL import Image

    grey = np.full((60, 200), 255, dtype=np.uint8)
    y, x = np.mgrid[:60, :200]
    ring = np.abs(np.hypot(x - 40, y - 30) - 10) <= 1
    grey[ring & (x >= 40)] = 60
    grey[ring & (x < 40)] = 170  # lighter than the ink threshold, darker than paper
    grey[22:38, 60:120] = 0  # the text after the bullet
    page = pixels.Page(grey=Image.fromarray(grey, "L"), ink=grey < 128, dpi=200)
    x0, _, x1, _ = recognise._ink_box(page, (0, 0, 200, 60))
    assert x0 <= 29 and x1 >= 120


def test_a_point_the_korean_reading_saw_stays_where_the_figures_reader_saw_a_comma():
    assert recognise._points_kept("2018. 7.~ 2022.86.", "2018.7,~2022.6.") == "2018.7.~2022.6."
    assert recognise._points_kept("3,/60", "3,760") == "3,760"  # nothing but a point is kept
    assert recognise._points_kept("1.301", "1,301") == "1.301"


def test_only_runs_inside_a_table_or_an_inch_long_are_erased_as_rules():
    # under the lenient search, the top bars of two syllables in a row (`향후`) make a run as
    # long as a short rule: outside every table such a run is text, left for OCR
    from PIL import ImageDraw

    image = _drawn_table(lambda draw, x, y0, y1: draw.rectangle((x, y0, x + 2, y1), fill="black"))
    draw = ImageDraw.Draw(image)
    draw.rectangle((300, 760, 360, 762), fill="black")  # 0.3 inch of strokes below the table
    draw.rectangle((300, 840, 560, 842), fill="black")  # a 1.3-inch line under a title
    grids, lines, _ = grid.find_grids(pixels.prepare(image, 200))
    assert [(len(g.ys) - 1, len(g.xs) - 1) for g in grids] == [(3, 4)]
    assert lines[200:203, 600:700].all()  # the table's own rule
    assert not lines[760:763, 300:361].any()
    assert lines[840:843, 300:561].all()


def _blank_page():
    import numpy as np
    from PIL import Image

    return pixels.Page(grey=Image.new("L", (600, 200), 255), ink=np.zeros((200, 600), dtype=bool), dpi=200)


@pytest.mark.parametrize(
    ("again", "kept"),
    [
        ("5. 향후계획", "5. 향후계획"),  # read alone, the title the vocabulary knows
        ("5. 항후계획", "5. 랑우계획"),  # still in doubt: the first reading stands
        ("5.", "5. 랑우계획"),  # a reading that lost half the line is no better
    ],
)
def test_a_doubtful_line_of_the_page_is_read_again_on_its_own(monkeypatch, again, kept):
    from extract.cards import ocr_text

    first = _ocr_line("5. 랑우계획", 20, 80, 30, 40)
    monkeypatch.setattr(recognise, "recognise", lambda page, box, mode, hints: [_ocr_line(again, 20, 80, 30, 40)])
    assert recognise._read_alone(_blank_page(), first, ocr_text.hints()).text == kept


def test_a_stroke_a_washed_seal_cut_is_joined_and_a_gap_of_paper_is_not():
    import numpy as np

    from parsers.scan import seals

    grey = np.full((40, 40), 255.0)
    grey[5:35, 10:13] = 0.0  # a letter's stroke, cut at rows 18-22 by the seal's ring
    grey[5:17, 25:28] = grey[24:35, 25:28] = 0.0  # two strokes with paper between them and the ring
    washed = np.zeros((40, 40), dtype=bool)
    washed[18:23, 5:35] = True
    grey[18:23, 10:13] = 255.0
    ink = grey < 128
    seals.mend(grey, washed, ink, 200)
    assert (grey[18:23, 10:13] == 0.0).all()
    assert (grey[17:24, 25:28] == 255.0).all()
