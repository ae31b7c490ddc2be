"""Scanned cards (samples/scan/) graded fact by fact.

Each scan's truth is its source card's; see tools/scoring.py for what a fact is. The scans
tools/samplegen/scans.py makes (LibreOffice's PDF rasterised by poppler) must be at least
95% right in every component. The producer matrix (tools/samplegen/producers.py: pages from
Ghostscript, poppler, rhwp and Chromium, hairline to double rules, grey and colour, and PDFs
printed through PostScript, which must be read by OCR) is graded per renderer, each held to
the same 95% in every component; docs/readers/scans.md says where each renderer stands.
"""

from __future__ import annotations

import json
import os

import pytest

from parsers.scan.ocr import engine
from tools import scoring
from tools.paths import GOLDEN, SAMPLES

LISTING = json.loads((GOLDEN / "scans.json").read_text(encoding="utf-8"))
FLOORS = {"cards": 0.95, "tasks": 0.95, "budget": 0.95, "items": 0.95, "fields": 0.95}
# the renderers of the producer matrix, each held to FLOORS on its own
RENDERERS = ["chromium", "ghostscript", "poppler", "print-driver", "rhwp"]


@pytest.fixture(scope="module")
def scan_tables():
    missing = engine().available()
    if missing is not None:
        if os.environ.get("CARDEX_REQUIRE_OCR"):
            pytest.fail(missing)
        pytest.skip(missing)
    from extract import read_folder

    return read_folder(SAMPLES / "scan")


def test_every_scan_is_read_as_a_scan(scan_tables):
    files = scan_tables.files.set_index("source_file")
    for source in LISTING:
        row = files.loc[source.split("/", 1)[1]].astype(object)
        assert row["n_cards"] == 1 and row["status"] == "warning", source  # a scan is always worth a look
        assert "check(s) to look at" in row["message"]
        assert row["format"] == ("pdf" if source.endswith(".pdf") else "image")
    # the warning's cause is a check row on the card, with the pages and the confidence
    ocr = scan_tables.checks[scan_tables.checks["check"] == "read_by_ocr"]
    assert len(ocr) == len(scan_tables.cards) and set(ocr["severity"]) == {"warning"}
    assert ocr["location"].str.startswith("pages 1").all() and ocr["actual"].notna().all()
    confidence = scan_tables.cards["ocr_confidence"]
    assert confidence.notna().all() and confidence.between(0, 100).all()


def _shares(scan_tables, renderer: str | None) -> dict[str, float]:
    """Facts right per component over the scans of one renderer, or (None) of the seven scans
    tools/samplegen/scans.py makes, which poppler renders and so count for poppler too."""
    total: dict[str, list[int]] = {}
    for source, info in LISTING.items():
        if (renderer is None and "renderer" in info) or renderer not in (None, info.get("renderer", "poppler")):
            continue
        truth = json.loads((GOLDEN / "generated" / f"{info['truth']}.json").read_text(encoding="utf-8"))
        for index, card in enumerate(truth["cards"]):
            scoring.add(total, scoring.score_card(card, scan_tables, source.split("/", 1)[1], index))
    return {name: scoring.share(*total[name]) for name in FLOORS}


def test_scans_read_their_facts(scan_tables):
    shares = _shares(scan_tables, None)
    print("scan facts right:", {k: f"{v:.1%}" for k, v in shares.items()})
    assert {k: v for k, v in shares.items() if v < FLOORS[k]} == {}


@pytest.mark.parametrize("renderer", RENDERERS)
def test_scans_from_every_renderer_read_their_facts(scan_tables, renderer):
    assert any(info.get("renderer") == renderer for info in LISTING.values())  # no renderer passes unseen
    shares = _shares(scan_tables, renderer)
    print(f"{renderer} scan facts right:", {k: f"{v:.1%}" for k, v in shares.items()})
    assert {k: v for k, v in shares.items() if v < FLOORS[k]} == {}


def test_a_budget_read_from_a_clean_scan_is_exact(scan_tables):
    budget = scan_tables.budget[scan_tables.budget["source_file"] == "va-single.png"]
    truth = json.loads((GOLDEN / "generated" / "va-single.json").read_text(encoding="utf-8"))["cards"][0]

    def key(kind, fund, period):  # a scan cannot see every space: `2027년 ~2030년`
        return kind, fund, "".join(period.split())

    want = {key(b["plan_kind"], b["fund_label"], b["period_label"]): b["amount_krw"] for b in truth["budget"]}
    got = {key(r.plan_kind, r.fund_label, r.period_label): r.amount_krw for r in budget.itertuples()}
    assert got == want


def _value(tables, source: str, label: str) -> str:
    fields = tables.fields
    (value,) = fields[(fields["source_file"] == source) & (fields["label"] == label)]["value"]
    return "".join(value.split())


def test_marks_the_korean_model_cannot_write_are_read_from_their_shapes(scan_tables):
    # check boxes Tesseract read as `@완료 니추진중 ㅁ보류`
    assert _value(scan_tables, "vc-single.pdf", "추진상황") == "■완료□추진중□보류"
    # the ○ bullet read as `(2` (then taken for ②), the ☎ read as `죠` or lost in the `(` beside it
    assert _value(scan_tables, "vc-single.pdf", "공약목표") == "○돌봄센터건립○문화예술활성화사업"
    assert _value(scan_tables, "vb-single.png", "과장") == "최영호☎3586"
    assert _value(scan_tables, "va-single.png", "팀장") == "행정6급정다은(☎5364)"


def test_punctuation_dropped_inside_figures_is_read_from_the_pixels(scan_tables):
    assert _value(scan_tables, "si-single-1.tif", "공약번호") == "2-2"
    assert _value(scan_tables, "si-single-1.tif", "추진기간") == "2018.7.~2022.6."
    assert _value(scan_tables, "va-single.png", "총사업비").endswith("민자32,340)")
    cards = scan_tables.cards.set_index("source_file")
    assert cards.loc["si-single-1.tif", "card_no"] == "2-2"
    assert cards.loc["si-single-1.tif", "period_end_year"] == 2022


def test_card_numbers_keep_their_marks(scan_tables):
    cards = scan_tables.cards.set_index("source_file")
    # a serif font's Roman numerals read as ones, the circled number read from its ring
    assert cards.loc["chromium-hairline-vb-single.pdf", "card_no"] == "III-①-5"
    assert cards.loc["vb-single.png", "card_no"].endswith("-①-5")


def test_a_faint_hairline_column_is_not_lost(scan_tables):
    # rhwp draws its rules one pixel wide: anti-aliased grey, lighter than the ink threshold;
    # the grid's self-check finds the label column's text outside the grid and searches again
    fields = scan_tables.fields[scan_tables.fields["source_file"] == "rhwp-gun-single-1.tif"]
    assert {"연번", "팀장", "추진기간", "추진상태", "공약목표", "추진과제"} <= set(fields["label"])
    cards = scan_tables.cards.set_index("source_file")
    assert cards.loc["rhwp-gun-single-1.tif", "card_no"] == "3"


def test_a_pdf_whose_fonts_map_to_noise_is_read_by_ocr(scan_tables):
    files = scan_tables.files.set_index("source_file")
    for name in ("print-driver-vc-single.pdf", "print-driver-si-single-1.pdf"):
        message = files.loc[name, "message"]
        assert "map them to no text" in message and "read from its image by OCR" in message
    cards = scan_tables.cards.set_index("source_file")
    assert cards.loc["print-driver-si-single-1.pdf", "card_no"] == "2-2"


def test_a_washed_out_seal_is_said_on_its_card(scan_tables):
    # what lay under a seal is unknown: a stamped scan, colour or grey, says so; a clean one does not
    checks = scan_tables.checks[scan_tables.checks["check"] == "reader_repaired"]
    said = set(checks[checks["message"].str.contains("a seal stamped")]["source_file"])
    assert {"vb-single.png", "vc-single.pdf", "poppler-double-vd-single.tif"} <= said
    assert not said & {"va-single.png", "do-single.jpg", "rhwp-gun-single-1.tif", "gs-heavy-do-single.tif"}
