"""The HWP 5.0 reader against real files, pyhwp, and hostile input."""

from __future__ import annotations

import shutil
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from extract import read_file, read_folder
from parsers import CardexError, read_document
from parsers.hangul.hwp import decode_text, parse_records
from parsers.model import Document, Table, iter_paragraphs
from tools.paths import GOLDEN, ROOT, SAMPLES, SHARED
from tools.reference import pyhwp_available, pyhwp_text, reference, squash

CORPUS = SHARED / "corpus" / "hwp"
WILD = SHARED / "corpus" / "hwp-wild"
FIXTURES = ROOT / "tests" / "fixtures" / "hwp"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
needs_pyhwp = pytest.mark.skipif(not pyhwp_available(), reason="pyhwp not installed")
TABLE_FILES = ["table.hwp", "matrix.hwp", "table-caption.hwp", "table-position.hwp", "sample-5017.hwp",
               "sample-5017-pics.hwp"]  # fmt: skip
PYHWP_PLACEHOLDERS = {"<표>", "<그림>"}


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.glob("*.hwp")) + sorted(WILD.glob("*.hwp"))


@pytest.fixture(scope="module")
def references() -> dict[str, tuple[str | None, Counter | None]]:
    with ProcessPoolExecutor(max_workers=2) as pool:
        return {name: (text, cells) for name, text, cells in pool.map(reference, _corpus_files(), chunksize=8)}


def _body_and_notes(doc: Document) -> tuple[str, list[str]]:
    body = squash("".join(p.text for p in iter_paragraphs(doc.blocks)))
    return body, [squash(p.text) for p in doc.furniture if squash(p.text)]


def _covered(line: str, body: str, notes: list[str]) -> bool:
    """In the body, or body text with a header/footer/note's text spliced in (as hwp5txt prints it)."""
    if line in body or line in notes:
        return True
    rest = line
    for note in notes:
        rest = rest.replace(note, "")
    return rest != line and (not rest or rest in body)


@needs_corpus
@needs_pyhwp
def test_text_coverage_against_pyhwp(references, capsys):
    total = hit = 0
    report = []
    for path in _corpus_files():
        text, _ = references[path.name]
        if text is None:
            continue
        doc = read_document(path)
        body, notes = _body_and_notes(doc)
        lines = [squash(line) for line in text.splitlines()]
        lines = [line for line in lines if line and line not in PYHWP_PLACEHOLDERS]
        found = sum(_covered(line, body, notes) for line in lines)
        total += len(lines)
        hit += found
        if found < len(lines):
            report.append(f"  {path.name}: {found}/{len(lines)}")
    with capsys.disabled():
        print(f"\nHWP text coverage against hwp5txt: {hit}/{total} lines = {hit / total:.2%}")
        print("\n".join(report) or "  every file 100%")
    assert total > 300
    assert hit / total >= 0.99


@needs_corpus
@needs_pyhwp
def test_table_cells_match_pyhwp(references):
    """Every cell: same row, column, spans and text as `hwp5proc xml`, on the table files and the wild corpus."""
    compared = 0
    for path in _corpus_files():
        _, cells = references[path.name]
        if cells is None or (path.parent == CORPUS and path.name not in TABLE_FILES):
            continue
        mine: Counter = Counter()

        def walk(blocks, mine=mine):
            for block in blocks:
                if isinstance(block, Table):
                    for cell in block.cells:
                        mine[(cell.row, cell.col, cell.row_span, cell.col_span, squash(cell.text))] += 1
                        walk(cell.blocks)

        walk(read_document(path).blocks)
        assert mine == cells, path.name
        compared += sum(cells.values())
    assert compared > 2000


@needs_corpus
def test_every_corpus_file_gets_its_expected_code():
    import pandas as pd

    files = pd.concat(
        [read_folder(CORPUS).files.assign(source_file=lambda f: "hwp/" + f["source_file"]),
         read_folder(WILD).files.assign(source_file=lambda f: "hwp-wild/" + f["source_file"])]
    ).set_index("source_file")  # fmt: skip
    assert len(files) == 36 + 255
    codes = Counter(files["error_code"].fillna("none"))
    assert files.loc["hwp/password-12345.hwp", "error_code"] == "encrypted"
    assert "password" in files.loc["hwp/password-12345.hwp", "message"]
    drm = [name for name in files.index if (SHARED / "corpus" / name).read_bytes().startswith(b"<MARKANY")]
    assert len(drm) == 4 and set(files.loc[drm, "error_code"]) == {"drm"}
    assert files.loc["hwp-wild/02_010000000000585068.hwp", "error_code"] == "unsupported_format"  # HTML as .hwp
    others = files.drop(index=["hwp/password-12345.hwp", "hwp-wild/02_010000000000585068.hwp", *drm])
    assert set(others["error_code"]) == {"no_card_found"}, codes  # every valid document reads
    assert set(others["status"]) == {"skipped"}


@needs_corpus
def test_distribution_document_is_decrypted():
    doc = read_document(CORPUS / "viewtext.hwp")
    assert "pyhwp 테스트를 위한 배포 문서 예제입니다." in [p.text for p in doc.blocks]


@needs_corpus
def test_headers_footers_and_notes_are_kept_out_of_the_body():
    doc = read_document(CORPUS / "headerfooter.hwp")
    assert [p.text for p in doc.blocks] == ["첫 페이지"]
    assert "이것은 머리말입니다." in " ".join(p.text for p in doc.furniture)
    notes = read_document(CORPUS / "footnote-endnote.hwp")
    assert [p.text for p in notes.blocks] == ["각주참조", "미주참조"]
    assert {p.text for p in notes.furniture} >= {"각주입니다.", "미주입니다."}


@needs_corpus
def test_text_boxes_and_merged_cells():
    assert "글상자" in [p.text for p in read_document(CORPUS / "textbox.hwp").blocks]
    table = read_document(CORPUS / "table.hwp").blocks[0]
    assert isinstance(table, Table) and (table.n_rows, table.n_cols) == (2, 3)
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in table.cells}
    assert spans == {(0, 0): (1, 1), (0, 1): (1, 1), (0, 2): (2, 1), (1, 0): (1, 2)}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("zlib-bomb.hwp", "too_large"),
        ("sector-loop.hwp", "corrupt"),
        ("stream-size-lie.hwp", "corrupt"),
        ("password-flag.hwp", "encrypted"),
        ("drm-flag.hwp", "drm"),
    ],
)
def test_hostile_files_get_codes_quickly(name, code, hostile_hwp):
    # read isolated with a time limit: a reader that hung would give `timeout`, not the code
    row = hostile_hwp.loc[name]
    assert (row["status"], row["error_code"]) == ("error", code)


@pytest.fixture(scope="module")
def hostile_hwp():
    return read_folder(FIXTURES, isolate=True, jobs=2, timeout=30).files.set_index("source_file")


def test_record_overrun_keeps_what_came_before():
    doc = read_document(FIXTURES / "record-overrun.hwp")
    assert [p.text for p in doc.blocks] == ["구청장 공약사항 관리카드", "정상 문서입니다."]
    assert any("ends inside a record" in w for w in doc.warnings)


def test_truncated_and_garbage_files_are_corrupt(tmp_path):
    sample = (SAMPLES / "hwp" / "gu-single-1.hwp").read_bytes()
    cases = {"half.hwp": sample[: len(sample) // 2], "header-only.hwp": sample[:600],
             "garbage.hwp": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8, "zero.hwp": b""}  # fmt: skip
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    files = read_folder(tmp_path).files.set_index("source_file")
    assert set(files["error_code"]) == {"corrupt"}, files[["error_code", "message"]]


def test_control_characters_do_not_leak_into_text():
    field_start = "\x03".encode("utf-16-le") + b"%hlk" + b"\0" * 8 + "\x03".encode("utf-16-le")
    field_end = "\x04".encode("utf-16-le") + b"\0" * 12 + "\x04".encode("utf-16-le")
    tab = "\x09".encode("utf-16-le") + b"\0" * 12 + "\x09".encode("utf-16-le")
    units = (
        "가".encode("utf-16-le")
        + field_start
        + "링크".encode("utf-16-le")
        + field_end
        + tab
        + "끝\r".encode("utf-16-le")
    )
    assert decode_text(units) == "가링크\t끝"


def test_records_bounded_by_stream():
    records, truncated = parse_records(b"\x42\x00\xf0\xff" + b"\xff\xff\xff\x7f" + b"\x00" * 8)
    assert records == [] and truncated


@needs_pyhwp
def test_generated_hwp_samples_read_back_through_pyhwp():
    """pyhwp (independent) finds one title line per titled card; cardex reads every card of the truth."""
    import json
    import re

    for truth_path in sorted((GOLDEN / "generated").glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        path = SAMPLES / truth["renderings"]["hwp"]["file"]
        text = pyhwp_text(path)
        assert text is not None, path.name
        titled = truth.get("title_lines", sum(1 for c in truth["cards"] if c["card"]["office"] is not None))
        lines = re.findall(r"공약\S*\s*(?:관리카드|실천계획|추진상황)", text)
        assert len(lines) == titled, path.name
        assert len(read_file(path).cards) == len(truth["cards"]), path.name


def test_hwp_reader_error_is_cardex_error(tmp_path):
    path = tmp_path / "x.hwp"
    shutil.copy(FIXTURES / "password-flag.hwp", path)
    with pytest.raises(CardexError) as err:
        read_document(path)
    assert err.value.code == "encrypted"


HANCOM = SHARED / "corpus" / "hancom"


def _all_text(doc: Document) -> str:
    def walk(blocks):
        for block in blocks:
            if isinstance(block, Table):
                for cell in block.cells:
                    yield from walk(cell.blocks)
            else:
                yield block.text

    return "\n".join(walk(doc.blocks))


def _hangul_pdf_text(folder: Path) -> str:
    """What Hangul itself printed, read by pdfplumber (not by cardex)."""
    import pdfplumber

    with pdfplumber.open(sorted(folder.glob("export-*.pdf"))[0]) as pdf:
        return squash("".join(page.extract_text() or "" for page in pdf.pages))


@pytest.mark.skipif(not HANCOM.is_dir(), reason="../shared/corpus not present")
def test_untouched_click_here_fields_are_blanks_as_hangul_prints_them():
    """A 누름틀 nobody typed in holds its guide ("이곳에 … 입력하세요"), which Hangul never prints."""
    form = HANCOM / "BlogForm_BookReview-0772b4"
    text = _all_text(read_document(form / "source.hwp"))
    printed = _hangul_pdf_text(form)
    for guide in ("이곳에 책 제목을 입력하세요.", "이곳에 책 리뷰를 입력하세요."):
        assert squash(guide) not in printed
        assert guide not in text
    assert "지은이" in text  # the form's own labels stay

    # a field someone typed in keeps its text, though its guide was different; an untouched one is blank
    rules = HANCOM / "80168_regulatory_analysis-41de07"
    text = _all_text(read_document(rules / "source.hwp"))
    printed = _hangul_pdf_text(rules)
    assert (
        "도심 복합개발 지원에 관한 법률 시행령" in text and squash("도심 복합개발 지원에 관한 법률 시행령") in printed
    )
    assert "적용이면 O표시" not in text and squash("적용이면 O표시") not in printed


def test_click_here_guide_kept_when_the_text_differs_or_was_typed():
    start = b"\x03\x00" + b"klc%" + b"\x00" * 8 + b"\x03\x00"
    end = b"\x04\x00" + b"klc\t" + b"\x00" * 8 + b"\x04\x00"
    payload = "가 ".encode("utf-16-le") + start + "여기에 입력".encode("utf-16-le") + end + "\r".encode("utf-16-le")
    assert decode_text(payload, iter(["여기에 입력"])) == "가 "
    assert decode_text(payload, iter(["다른 안내"])) == "가 여기에 입력"  # text is not the guide: typed
    assert decode_text(payload, iter([None])) == "가 여기에 입력"  # the modified flag was set
    assert decode_text(payload) == "가 여기에 입력"
