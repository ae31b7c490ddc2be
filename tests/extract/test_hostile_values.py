"""Hostile values: a figure, a text or a page box no real card holds never takes a batch down.

The reproducers of `../shared/fuzz-repro/` (inputs that once broke cardex)
run as one batch with good cards; property tests put hostile values inside
otherwise valid cards; the writer is fed rows no table could hold.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import read_file
from extract.cli import main
from extract.outputs.writer import OutputFolder
from extract.run.pipeline import process_file
from extract.tables.frames import frame
from extract.tables.schema import TABLE_NAMES
from parsers.model import iter_paragraphs
from parsers.tsv import parse_text
from tools.paths import SAMPLES, SHARED

REPRO = SHARED / "fuzz-repro"
GOOD = [
    SAMPLES / "tsv" / "card-geumjeong-1-1-1.txt",
    SAMPLES / "hwp" / "gu-single-1.hwp",
    SAMPLES / "pdf" / "si-single-1.pdf",
]
SEED = (SAMPLES / "tsv" / "card-geumjeong-1-1-1.txt").read_text(encoding="utf-8")
needs_repro = pytest.mark.skipif(not REPRO.is_dir(), reason="../shared/fuzz-repro is absent")

# What an analyst sees for each reproducer: status, error code, and words of the message.
EXPECTED = {
    "crashed-IndexError-pdf_pages-mediabox-3-numbers.pdf": ("skipped", "no_card_found", "page box"),
    "crashed-MalformedPDFException-pdf_pages-cropbox-1e30.pdf": ("skipped", "no_card_found", "CropBox is invalid"),
    "crashed-NotImplementedError-safezip-zip-version-13.8.hwpx": ("error", "unsupported_format", "zip feature"),
    # PDFium reads the 400-digit coordinate as 0 (as Chromium shows it): the glyph is read, no card in it
    "crashed-OverflowError-pdf_shape-infinite-coordinate.pdf": ("skipped", "no_card_found", "no pledge card"),
    "crashed-TypeError-pdf_pages-no-mediabox.pdf": ("skipped", "no_card_found", "page box"),
    "crashed-TypeError-pdf_pages-rotate-name.pdf": ("skipped", "no_card_found", "/Rotate"),
    "crashed-ValueError-checks_won-4301-digit-amount.txt": ("warning", None, "check(s) to look at"),
    "crashed-ValueError-hwpx_sections-4301-digit-section-name.hwpx": ("skipped", "no_card_found", "no pledge card"),
    "memory-text-1M-tabs-one-line.txt": ("warning", None, "check(s) to look at"),
    "rows_error-OverflowError-tables_frame-int64-amount.txt": ("warning", None, "check(s) to look at"),
    # the ToUnicode entry is a lone surrogate; PDFium falls back to the font's own map and reads ☎
    "rows_error-UnicodeEncodeError-pdf-tounicode-lone-surrogate.pdf": ("ok", None, None),
    "slow-text-parse_text-20k-interleaved-tables.txt": ("skipped", "no_card_found", "no pledge card"),
    "timeout-pdf-pdfminer-decompress_corrupted-bad-checksum.pdf": ("skipped", "no_card_found", "no pledge card"),
    "timeout-text-header_read_table-40k-label-cells.txt": ("warning", None, "check(s) to look at"),
}


@needs_repro
def test_every_reproducer_is_one_files_row_beside_good_cards(tmp_path, capfd):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in REPRO.iterdir():
        if path.name != "README.md":
            shutil.copy(path, folder / path.name)
    for path in GOOD:
        shutil.copy(path, folder / f"good-{path.name}")
    out = tmp_path / "out"
    code = main([str(folder), "--out", str(out), "--quiet", "--jobs", "2", "--timeout", "60"])
    captured = capfd.readouterr()
    assert code in (0, 1)
    assert "Traceback" not in captured.err + captured.out
    for name in TABLE_NAMES:
        assert (out / f"{name}.csv").is_file() and (out / f"{name}.parquet").is_file()
    files = pd.read_parquet(out / "files.parquet").set_index("source_file")
    inputs = sorted(p.name for p in folder.iterdir())
    assert sorted(files.index) == inputs  # exactly one row per input
    assert set(EXPECTED) <= set(inputs), "a reproducer was added: say what it must give"
    for name, (status, code_, words) in EXPECTED.items():
        row = files.loc[name]
        assert row["status"] == status, (name, row["message"])
        assert (row["error_code"] if pd.notna(row["error_code"]) else None) == code_, name
        if words is not None:
            assert words in row["message"], (name, row["message"])
    assert "crashed" not in set(files["error_code"].dropna())
    # the good cards lost nothing to their neighbours
    cards = pd.read_parquet(out / "cards.parquet")
    budget = pd.read_parquet(out / "budget.parquet")
    for path in GOOD:
        alone = read_file(path)
        mine = cards[cards.source_file == f"good-{path.name}"]
        assert mine["title"].tolist() == alone.cards["title"].tolist()
        assert (files.loc[f"good-{path.name}", "status"]) == alone.files["status"].iloc[0]
        assert (
            budget[budget.source_file == f"good-{path.name}"]["amount_krw"].tolist()
            == alone.budget["amount_krw"].tolist()
        )
    # the figures too long to be real are flagged, their raw text kept
    checks = pd.read_parquet(out / "checks.parquet")
    huge = checks[(checks.check == "value_out_of_range") & checks.source_file.str.contains("digit-amount|int64")]
    assert len(huge) >= 2 and set(huge["severity"]) == {"error"}
    raw = budget[budget.source_file == "rows_error-OverflowError-tables_frame-int64-amount.txt"]
    cell = raw[raw.amount_raw == "99999999999999999999"]
    assert len(cell) == 1 and pd.isna(cell["amount_krw"].iloc[0])


@needs_repro
def test_the_writer_takes_every_reproducers_rows(tmp_path):
    folder = OutputFolder(tmp_path / "out")
    inputs = sorted(p for p in REPRO.iterdir() if p.name != "README.md")
    for path in inputs:
        folder.add(process_file(path, path.name).rows())
    folder.commit()
    files = pd.read_parquet(tmp_path / "out" / "files.parquet")
    assert files["source_file"].tolist() == [p.name for p in inputs]
    assert folder.dropped == dict.fromkeys(TABLE_NAMES, 0)


def test_the_writer_survives_rows_that_no_table_can_hold(tmp_path):
    """Rows that skipped the worker's validation (an old cache, a caller's own rows)."""
    good = process_file(GOOD[0], "good.txt").rows()
    bad = process_file(GOOD[0], "bad\udcff.txt").rows()
    bad["budget"][0]["amount_krw"] = 10**25
    bad["cards"][0]["title"] = "제목\x00\ud800"
    worse = process_file(GOOD[0], "worse.txt").rows()
    worse["budget"][0]["amount_krw"] = "12"  # a text where a number belongs: the file cannot be made valid
    folder = OutputFolder(tmp_path / "out")
    for rows in (good, bad, worse):
        folder.add(rows)
    folder.commit()
    files = pd.read_parquet(tmp_path / "out" / "files.parquet").set_index("source_file")
    assert files.loc["worse.txt", "error_code"] == "invalid_value"
    assert files.loc["bad\ufffd.txt", "status"] == "warning"
    cards = pd.read_parquet(tmp_path / "out" / "cards.parquet")
    assert cards["title"].tolist() == [good["cards"][0]["title"], "제목\ufffd\ufffd"]
    checks = pd.read_parquet(tmp_path / "out" / "checks.parquet")
    flagged = checks[checks.source_file == "bad\ufffd.txt"].set_index("location")
    assert flagged.loc["budget.amount_krw", "check"] == "value_out_of_range"
    assert flagged.loc["cards.title", "check"] == "invalid_text"


# ---------------------------------------------------------------- hostile values inside valid cards

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


PLACE = "§HOSTILE§"


def _document(text: str, hostile: str):
    """The text card's model with `hostile` put where PLACE stands: what a reader of another
    format could hand over (a PDF font can map a glyph to NUL or to a lone surrogate)."""
    doc = parse_text(text, "utf-8")
    for paragraph in iter_paragraphs(doc.blocks):
        paragraph.text = paragraph.text.replace(PLACE, hostile)
    return doc


def _card(text: str, tmp_path: Path, hostile: str = "") -> tuple[dict, dict[str, list[dict]]]:
    """`text` read through the whole per-file pipeline, as if a reader had produced it."""
    path = tmp_path / "card.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("extract.run.pipeline.read_document", lambda path, fmt=None, hints=None: _document(text, hostile))
        result = process_file(path, "card.txt")
    rows = result.rows()
    for name in TABLE_NAMES:  # the writer's conversion must never fail
        frame(name, rows[name])
    assert result.file_row["error_code"] != "crashed", result.file_row["message"]
    return result.file_row, rows


def _replace_cell(label: str, value: str) -> str:
    """The seed with the first cell after `label` (in a tab row) replaced by `value`."""
    pattern = re.compile(rf"(^|\t){re.escape(label)}\t[^\t\n]*", re.M)
    assert pattern.search(SEED), label
    return pattern.sub(lambda m: f"{m[1]}{label}\t{value}", SEED, count=1)


digits = st.text("0123456789", min_size=1, max_size=60)


@SETTINGS
@given(number=digits, sign=st.sampled_from(["", "-", "△", "▲"]))
def test_any_amount_in_the_matrix(tmp_path_factory, number, sign):
    text = re.sub(r"(\t총계\t)[^\t\n]+", lambda m: m[1] + sign + number, SEED, count=1)
    row, rows = _card(text, tmp_path_factory.mktemp("amount"))
    cell = next(r for r in rows["budget"] if r["amount_raw"] == sign + number)
    significant = len(number.lstrip("0"))
    if significant > 19 or (significant and int(number) * 1_000_000 > 2**63 - 1):
        assert cell["amount_krw"] is None
        assert any(c["check"] == "value_out_of_range" and c["severity"] == "error" for c in rows["checks"])
        assert row["status"] == "warning"
    else:
        value = int(number) * 1_000_000  # the seed's unit is 백만원
        assert cell["amount_krw"] == (-value if sign else value)


@SETTINGS
@given(progress=st.one_of(digits, st.sampled_from(["1" + "0" * 30, "1e30", "-5", "50.5", "99999999999999999999.5"])))
def test_any_progress(tmp_path_factory, progress):
    _, rows = _card(_replace_cell("진 도", progress + "%"), tmp_path_factory.mktemp("progress"))
    value = rows["cards"][0]["progress_pct"]
    whole = re.match(r"-?(\d+)", progress)
    if whole and len(whole[1].lstrip("0")) > 6:
        assert value is None
        assert any(c["check"] == "value_out_of_range" and c["location"] == "progress_pct" for c in rows["checks"])
    elif value is not None and not 0 <= value <= 100:
        assert any(c["check"] == "progress_range" for c in rows["checks"])


@SETTINGS
@given(year=st.text("0123456789", min_size=5, max_size=40))
def test_forty_digit_years(tmp_path_factory, year):
    _, rows = _card(_replace_cell("사업기간", f"{year} ~ 2026"), tmp_path_factory.mktemp("year"))
    assert rows["cards"][0]["period_start_year"] is None  # not a year: never a giant integer
    assert rows["cards"][0]["period_end_year"] == 2026


hostile_text = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\ud800", "\udfff", "\x00", "\x1b", "\u202e", "\u200f", "\ufeff", "\x7f", "\u2028"]),
    ),
    min_size=1,
    max_size=40,
)


@SETTINGS
@given(value=hostile_text)
def test_surrogates_nuls_controls_and_rtl_marks_in_text(tmp_path_factory, value):
    value = value.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    _, rows = _card(_replace_cell("공약제목", "제목" + PLACE), tmp_path_factory.mktemp("text"), value)
    title = rows["cards"][0]["title"] or ""
    title.encode("utf-8")  # valid UTF-8: no lone surrogate left
    assert "\x00" not in title
    if any(unicodedata.category(ch) == "Cs" for ch in value) or "\x00" in value:
        assert any(c["check"] == "invalid_text" for c in rows["checks"])


def test_a_million_cell_row(tmp_path):
    text = SEED.replace("구 분\t", "구 분\t" + "1\t" * 1_000_000, 1)
    row, _ = _card(text, tmp_path)
    assert row["error_code"] == "too_large"
    assert "tab-separated cells" in row["message"]


def test_a_million_empty_cells_are_one_row(tmp_path):
    text = SEED.replace("구 분\t", "\t" * 1_000_000 + "\n구 분\t", 1)
    row, rows = _card(text, tmp_path)
    assert row["n_cards"] == 1 and rows["cards"][0]["title"] == "지역 기업육성 및 청년 취업 지원 활성화"
