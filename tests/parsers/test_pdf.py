"""The PDF reader: distributed letters, wrapped cells, tables across pages, errors."""

from __future__ import annotations

import pytest

from extract import read_file, read_folder
from parsers import read_document
from parsers.model import Table
from parsers.pages.lines import _line, paragraphs
from tools.paths import ROOT, SAMPLES

FIXTURES = ROOT / "tests" / "fixtures" / "pdf"


def _chars(spec: list[tuple[str, float, float]], top: float = 100.0, size: float = 10.0) -> list[dict]:
    return [
        {"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + size, "size": size, "upright": True}
        for t, x0, x1 in spec
    ]


def test_distributed_letters_read_as_the_typed_word():
    spread = _chars([("진", 90.1, 99.5), ("도", 109.5, 118.9)])  # 10 pt between letters, no space glyph
    assert _line(spread).text == "진도"
    three = _chars([("보", 0, 9.4), ("류", 19.4, 28.8), ("중", 38.8, 48.2)])
    assert _line(three).text == "보류중"


def test_words_split_by_space_glyphs_or_wide_gaps():
    glyphs = _chars([("국", 0, 9.4), ("비", 9.4, 18.8), (" ", 18.8, 21.6), ("6", 21.6, 27.7)])
    assert _line(glyphs).text == "국비 6"
    no_glyph = _chars([("A", 0, 6), ("B", 6, 12), ("C", 16, 22)])  # a 4 pt gap where letters touch
    assert _line(no_glyph).text == "AB C"


def test_wrapped_cell_lines_join_by_evidence():
    first = _line(_chars([("청", 0, 9.4), ("년", 9.4, 18.8), (" ", 18.8, 21.6)], top=0))
    word_cut = _line(_chars([("취", 0, 9.4), ("업", 9.4, 18.8)], top=11.5))
    assert paragraphs([first, word_cut], text_right=21.6) == [("청년 취업", first)]
    mid_word = _line(_chars([("활", 0, 9.4), ("성", 9.4, 18.8)], top=0))  # room for a space was left unused
    rest = _line(_chars([("화", 0, 9.4)], top=11.5))
    assert paragraphs([mid_word, rest], text_right=24.0)[0][0] == "활성화"
    digits = _line(_chars([("1", 0, 6), (",", 6, 9), ("3", 9, 15)], top=0))
    more = _line(_chars([("0", 0, 6)], top=11.5))
    assert paragraphs([digits, more], text_right=15.5)[0][0] == "1,30"
    bullet = _line(_chars([("○", 0, 9.4), (" ", 9.4, 12.2), ("끝", 12.2, 21.6)], top=11.5))
    assert len(paragraphs([digits, bullet], text_right=15.5)) == 2  # a bullet always starts anew


def test_table_cut_by_a_page_break_is_one_table():
    for name in ("si-single-1.pdf", "gu-single-2.pdf"):  # with and without a repeated header row
        tables = [b for b in read_document(SAMPLES / "pdf" / name).blocks if isinstance(b, Table)]
        matrix = tables[-1]
        assert matrix.n_rows == 11, name  # header + 5 planned + 5 invested rows: nothing lost or doubled
        assert {c.prov.page for c in matrix.cells} == {1, 2}, name
        headers = [c.text for c in matrix.cells if c.row == 0]
        assert headers[0].replace(" ", "") == "구분"
        assert sum(1 for c in matrix.cells if c.text.replace(" ", "") == "구분") == 1  # repeated header dropped


def test_page_numbers_and_running_headers_are_furniture():
    doc = read_document(SAMPLES / "pdf" / "gu-many.pdf")
    furniture = [p.text for p in doc.blocks if getattr(p, "role", "body") == "furniture"]
    assert "- 1 -" in furniture and "민선8기 공약 이행 점검" in furniture
    items = read_file(SAMPLES / "pdf" / "gu-many.pdf").items
    assert not items["text"].str.contains("공약 이행 점검|^- \\d+ -$", regex=True).any()


@pytest.mark.parametrize(
    ("name", "status", "code"),
    [
        ("user-password.pdf", "error", "encrypted"),
        ("scan.pdf", "error", "no_text_layer"),
        ("owner-password-only.pdf", "ok", None),  # opens without a password: read it
    ],
)
def test_protected_and_scanned_pdfs(name, status, code, monkeypatch):
    from parsers.scan.ocr import tesseract

    # the machine without Tesseract: the scan keeps no_text_layer and says what to install
    missing = tesseract.missing("the Python package tesserocr is not installed")
    monkeypatch.setattr(tesseract.Tesseract, "available", lambda self: missing)
    row = read_file(FIXTURES / name).files.astype(object).iloc[0]
    assert row["status"] == status
    assert (row["error_code"] if isinstance(row["error_code"], str) else None) == code
    if code == "no_text_layer":
        assert "tesseract-ocr and tesseract-ocr-kor" in row["message"]


def test_empty_truncated_and_fake_pdfs_are_corrupt(tmp_path):
    data = (SAMPLES / "pdf" / "gu-single-1.pdf").read_bytes()
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "truncated.pdf").write_bytes(data[:5000])
    (tmp_path / "header-only.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "fake.pdf").write_bytes(b"\x00\x01\x02 not a pdf at all" * 20)
    # isolated with a time limit: a reader that hung would give `timeout`, not `corrupt`
    files = read_folder(tmp_path, isolate=True, jobs=2, timeout=30).files
    assert set(files["error_code"]) == {"corrupt"}, files[["source_file", "message"]]


# ---------------------------------------------------------------- hostile page dictionaries and streams

BOX = b"/MediaBox[0 0 595.303937007874 841.889763779528]"


def _with_first_page_box(tmp_path, replacement: bytes):
    """The two-page sample with its first page's MediaBox replaced (same length, so the xref holds)."""
    data = (SAMPLES / "pdf" / "gu-single-2.pdf").read_bytes()
    assert BOX in data and len(replacement) <= len(BOX)
    path = tmp_path / "hostile.pdf"
    path.write_bytes(data.replace(BOX, replacement.ljust(len(BOX)), 1))
    return path


@pytest.mark.parametrize(
    ("replacement", "words"),
    [
        (b"/MediaBox[0 0 595.303937007874]", "page box (MediaBox) is missing or invalid; read as A4"),
        (b"/MediaBox/None", "page box (MediaBox) is missing or invalid"),
        (b"/MediaBox[0 0 1e30 842]", "page box (MediaBox) is missing or invalid"),
        (b"/MediaBox[0 0 595.3 841.9]/Rotate/Upside", "rotation (/Rotate) is not a multiple of 90"),
        (b"/MediaBox[0 0 595.3 841.9]/CropBox[0 0 1]", "CropBox is invalid"),
    ],
)
def test_a_broken_page_box_reads_the_card_with_a_warning(tmp_path, replacement, words):
    tables = read_file(_with_first_page_box(tmp_path, replacement))
    original = read_file(SAMPLES / "pdf" / "gu-single-2.pdf")
    row = tables.files.iloc[0]
    assert row["status"] == "warning" and words in row["message"], row["message"]
    assert tables.cards["title"].tolist() == original.cards["title"].tolist()
    assert tables.budget["amount_krw"].tolist() == original.budget["amount_krw"].tolist()


def test_glyphs_at_impossible_coordinates_are_left_out():
    from parsers.pdf.safety import usable

    assert usable({"x0": 1.0, "x1": 2.0, "top": 3.0, "bottom": 4.0})
    assert not usable({"x0": float("inf"), "x1": 2.0, "top": 3.0, "bottom": 4.0})
    assert not usable({"x0": float("nan"), "x1": 2.0, "top": 3.0, "bottom": 4.0})
    assert not usable({"x0": 1e30, "x1": 2.0, "top": 3.0, "bottom": 4.0})


def test_pdfminers_flate_decoder_is_the_bounded_lenient_one():
    """The reader routes pdfminer's Flate decoding (both its paths) through parsers.inflate."""
    import zlib

    from pdfminer import pdftypes

    from parsers.errors import CardexError
    from parsers.pdf import safety

    safety.install()
    safety.BUDGET.reset(1000)
    text = b"BT (card) Tj ET " * 1000
    assert pdftypes.zlib.decompress(zlib.compress(text)) == text
    damaged = bytearray(zlib.compress(text))
    damaged[-1] ^= 0xFF  # bad checksum: the data is still all there
    assert pdftypes.decompress_corrupted(bytes(damaged)) == text
    bomb = zlib.compress(b"\0" * (200 * 1024 * 1024))
    safety.BUDGET.reset(len(bomb))
    with pytest.raises(CardexError) as caught:
        pdftypes.zlib.decompress(bomb)
    assert caught.value.code == "too_large"


def test_characters_asked_in_c_and_in_python_get_the_same_answers():
    """The glyph walk asks PDFium about every character through `_charfetch` (C, built at install)
    or, where no compiler was at hand, through ctypes: both must give the same flags, origins,
    text objects, fonts, sizes and matrices on every page, the hostile ones (infinite
    coordinates, broken boxes) included."""
    import os

    import pypdfium2 as pdfium

    from parsers.pdf import objects
    from parsers.pdf.plain import P, address

    if objects._fetch_in_c is None:
        if os.environ.get("CI"):
            pytest.fail("parsers/pdf/charfetch.c was not built: CI installs with a C compiler")
        pytest.skip("parsers/pdf/_charfetch is not built here (no C compiler at install time)")
    paths = sorted(p for p in SAMPLES.rglob("*.pdf") if "scan" not in p.parts)
    paths += sorted((ROOT.parent / "shared" / "fuzz-repro").glob("*.pdf"))
    pages = characters = 0
    for path in paths:
        try:
            doc = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            continue
        for index in range(len(doc)):
            textpage = doc[index].get_textpage()
            raw = address(textpage.raw)
            count = max(P.FPDFText_CountChars(raw), 0)
            in_c, in_python = objects._characters(raw, count), objects._characters(raw, count, in_c=False)
            for field in in_c.__slots__:
                assert bytes(getattr(in_c, field)) == bytes(getattr(in_python, field)), (path.name, index + 1, field)
            pages, characters = pages + 1, characters + count
        doc.close()
    assert pages >= 60 and characters >= 40_000
    # and the answers are the page's: a sample card's characters stand on the page, in text objects
    doc = pdfium.PdfDocument(str(SAMPLES / "pdf" / "gu-single-1.pdf"))
    textpage = doc[0].get_textpage()
    raw = address(textpage.raw)
    found = objects._characters(raw, max(P.FPDFText_CountChars(raw), 0))
    width, height = doc[0].get_size()
    flags, xs, ys = found.flags, found.xs, found.ys
    placed = [i for i, flag in enumerate(flags) if flag & objects._ORIGIN_READ and not flag & objects._GENERATED]
    assert len(placed) > 100 and all(0 < xs[i] < width and 0 < ys[i] < height for i in placed)
    assert all(found.objects[i] and found.fonts[i] and 5 <= found.sizes[i] <= 30 for i in placed)
    assert all(flags[i] & objects._HAS_MATRIX and found.matrices[4 * i] > 0 for i in placed)
    doc.close()
