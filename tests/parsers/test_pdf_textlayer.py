"""The PDF reader's check of its own text layer (parsers/pdf/textlayer.py).

Inputs from independent writers: rhwp's PDF (its pages drawn in a form XObject scaled to
a unit square, where PDFium's text page drops every narrow glyph), the same card printed
through PostScript by poppler and distilled again by Ghostscript (fonts without a
character map), and ReportLab's fake bold and dot leader (copies PDFium merges, not text
missed).
"""

from __future__ import annotations

import pytest

from extract import read_file
from parsers.model import iter_paragraphs
from parsers.pdf import objects, textlayer
from parsers.pdf.reader import read
from parsers.pdf.textlayer import Verdict
from tools.paths import ROOT, SAMPLES

RHWP = SAMPLES / "producers" / "rhwp-nanumgothic" / "va-single.pdf"
PRINTED = SAMPLES / "scan" / "print-driver-si-single-1.pdf"
OVERPRINTED = ROOT / "tests" / "fixtures" / "pdf" / "drawing" / "overprinted.pdf"


def _page(path, index=0):
    document = objects.open_document(path)
    try:
        page = document[index]
        width, height = page.get_size()
        page.close()
        return objects.read_page(document, index, (0.0, 0.0, width, height), 0)
    finally:
        document.close()


def _cells(doc) -> list[str]:
    return [p.text for p in iter_paragraphs(doc.blocks)]


def test_glyphs_the_text_page_dropped_are_read_again_by_pdfminer():
    page = _page(RHWP)
    # PDFium's own text page has no digit of the card number
    assert page.dropped > 50
    assert "4-01-1" not in "".join(g["text"] for g in page.glyphs)
    assert textlayer.verdict(page.dropped, page.garbled, page.letters) is Verdict.REREAD
    doc = read(RHWP)
    assert "4-01-1" in _cells(doc)
    assert any("84,120백만원" in text for text in _cells(doc))
    assert doc.incomplete_pages == [] and doc.warnings == []
    assert any("read again by pdfminer" in note for note in doc.notes)


def test_a_reread_page_is_said_in_files_but_is_no_defect():
    tables = read_file(RHWP)
    row = tables.files.astype(object).iloc[0]
    assert row["status"] == "ok" and "read again by pdfminer" in row["message"]
    assert tables.cards.iloc[0]["card_no"] == "4-01-1"
    assert tables.cards.iloc[0]["budget_total_krw"] == 84_120_000_000


def test_overprinted_copies_are_no_missing_text():
    page = _page(OVERPRINTED)
    assert len(page.dropped_boxes) > 0  # the fake bold's second strokes are left out of the text page
    assert page.dropped == 0  # ... but each lies over a glyph the text page kept
    cells = _cells(read(OVERPRINTED))
    assert cells[:3] == ["구분", "사업명", "추진상황"]


def test_pdfminer_reading_keeps_one_glyph_of_an_overprint():
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    with open(OVERPRINTED, "rb") as stream:
        (page,) = list(PDFPage.create_pages(PDFDocument(PDFParser(stream))))
        glyphs, unmapped = textlayer.glyphs(page)
    text = "".join(g["text"] for g in sorted(glyphs, key=lambda g: (round(g["top"]), g["x0"])))
    assert "구분" in text and "구구" not in text and unmapped == 0


def test_fonts_that_map_glyphs_to_noise_send_the_page_to_ocr():
    page = _page(PRINTED)
    assert page.garbled >= 0.9 * page.letters > 500
    assert textlayer.verdict(page.dropped, page.garbled, page.letters) is Verdict.OCR


@pytest.mark.parametrize(
    ("text", "garbled"),
    [
        ("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEF", True),  # glyph ids read as codes, in order of use
        ("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", False),  # an alphabet typed out
        ("1. 2. 3. 4. 5. 6. 7. 8. 9.", False),  # a list's numbers
        ('int main() { return add(i, j); } printf("%d", k);', False),  # code is punctuation-heavy text
        ("\ufffd" * 30, True),  # no character map at all
    ],
)
def test_what_a_font_without_a_character_map_looks_like(text, garbled):
    use = objects._FontUse()
    for char in text:
        if char != " ":
            use.glyphs += 1
            use.unmapped += char == "\ufffd"
            use.first_seen.setdefault(char, None)
    assert use.garbled() is garbled


def test_without_ocr_a_pdf_of_noise_is_an_error_not_a_skipped_file(monkeypatch):
    from parsers.scan.ocr import tesseract

    missing = tesseract.missing("the Python package tesserocr is not installed")
    monkeypatch.setattr(tesseract.Tesseract, "available", lambda self: missing)
    row = read_file(PRINTED).files.astype(object).iloc[0]
    assert row["status"] == "error" and row["error_code"] == "no_text_layer"
    assert "map its glyphs to no text" in row["message"] and "tesseract-ocr" in row["message"]


def test_a_page_left_incomplete_is_an_error_check_naming_it(monkeypatch):
    monkeypatch.setattr(textlayer, "glyphs", lambda page_obj: ([], 0))  # the second path recovers nothing
    tables = read_file(RHWP)
    checks = tables.checks[tables.checks["check"] == "text_layer_incomplete"]
    assert len(checks) == 1
    check = checks.astype(object).iloc[0]
    assert check["severity"] == "error" and check["location"] == "pages 1, 2"
    row = tables.files.astype(object).iloc[0]
    assert row["status"] == "warning" and "could not be read completely" in row["message"]


def test_a_few_glyphs_in_a_font_of_noise_are_said_even_where_the_page_is_not_ocrd(monkeypatch):
    monkeypatch.setattr(textlayer, "GARBLED_SHARE", 2.0)  # as if the noisy font drew a small share of the page
    doc = read(PRINTED)
    assert doc.incomplete_pages == [1, 2] and doc.scanned_pages == []
    assert any("that text is noise" in warning for warning in doc.warnings)
    # here nothing else is legible, so no card: the file says why, never a silent skip
    row = read_file(PRINTED).files.astype(object).iloc[0]
    assert row["error_code"] == "no_card_found" and "that text is noise" in row["message"]


def test_objects_left_out_that_hold_only_spaces_are_no_missing_text():
    """Hangul's underlined blanks are space glyphs with a trace of ink; PDFium's text page leaves
    them out. The second reading shows spaces there: nothing is missing. A box it shows a glyph in,
    or nothing at all in, is missing text."""

    def glyph(text, x0, x1):
        return {"text": text, "x0": x0, "x1": x1, "top": 100.0, "bottom": 110.0, "size": 10.0, "upright": True}

    second = [glyph("(", 90, 94), glyph(" ", 95, 98), glyph(" ", 98, 101), glyph(")", 102, 106), glyph("-", 200, 204)]
    underline = (95.5, 108.0, 100.5, 109.0)  # over the two spaces only
    hyphen = (200.5, 104.0, 203.5, 104.6)
    nowhere = (300.0, 104.0, 310.0, 106.0)
    assert textlayer.blank([underline], second) == 1
    assert textlayer.blank([underline, hyphen, nowhere], second) == 1
    assert textlayer.blank([hyphen], second) == 0


def test_a_left_out_object_is_asked_whether_it_draws_ink():
    """Before a page is read a second time, each text object PDFium's text page left out is
    rendered alone: one that covers no pixel needs no second reading, a fake bold's copy does
    (ReportLab's PDFs, read back by PDFium). Glyphs drawn in an invisible render mode stand for
    Hangul's blank of space glyphs: a box, and no ink; a run of spaces ReportLab writes has no box
    at all, so it cannot be told (None), never "ink"."""
    import pypdfium2.raw as C

    from parsers.pdf.plain import P, address

    def answers(pdf, kept_out_only):
        document = objects.open_document(pdf)
        page = document[0]
        try:
            width, height = page.get_size()
            out = objects.PageObjects(width=width, height=height)
            textpage = page.get_textpage()
            count = P.FPDFText_CountChars(address(textpage.raw))
            kept = {P.FPDFText_GetTextObject(address(textpage.raw), i) for i in range(count)}
            textpage.close()
            found = []
            for i in range(P.FPDFPage_CountObjects(address(page.raw))):
                obj = P.FPDFPage_GetObject(address(page.raw), i)
                if P.FPDFPageObj_GetType(obj) != C.FPDF_PAGEOBJ_TEXT or (kept_out_only and obj in kept):
                    continue
                box = objects._shown_box(obj, objects._IDENTITY, objects._Frame((0, 0, width, height), 0))
                found.append(objects._draws_ink(page, obj, box, out))
            return found
        finally:
            page.close()
            document.close()

    assert answers(ROOT / "tests" / "fixtures" / "pdf" / "drawing" / "ink.pdf", kept_out_only=False) == [
        None,
        False,
        True,
    ]
    copies = answers(OVERPRINTED, kept_out_only=True)
    assert copies and all(copies)  # each fake bold copy PDFium merged leaves ink
