"""The HWPX reader: real packages, order of sections, hostile zips and XML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from extract import read_file, read_folder
from parsers import read_document
from parsers.model import Table, iter_paragraphs
from tools.paths import ROOT, SAMPLES, SHARED

CORPUS = SHARED / "corpus" / "hwpx"
FIXTURES = ROOT / "tests" / "fixtures" / "hwpx"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _reference_texts(path) -> list[str]:
    """Every hp:t of the sections, by plain zipfile + ElementTree (trusted corpus only).

    Left out: the guide text of a click-here field nobody typed in (`dirty="0"`), which
    Hangul shows on screen and never prints; its command names it as `Direction:wstring:N:…`.
    """
    texts, guides = [], set()
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if re.fullmatch(r"Contents/section\d+\.xml", name):
                root = ET.fromstring(package.read(name))
                texts += [_squash("".join(t.itertext())) for t in root.iter() if t.tag.endswith("}t")]
                for field in root.iter():
                    if field.tag.endswith("}fieldBegin") and field.get("dirty") == "0":
                        command = "".join(field.itertext())
                        found = re.search(r"Direction:wstring:(\d+):", command)
                        if found:
                            guides.add(_squash(command[found.end() : found.end() + int(found.group(1))]))
    return [t for t in texts if t and t not in guides]


@needs_corpus
def test_every_hp_t_of_the_corpus_is_in_the_model(capsys):
    total = found = 0
    for path in sorted(CORPUS.glob("*.hwpx")):
        doc = read_document(path)
        model = _squash("".join(p.text for p in iter_paragraphs(doc.blocks)) + "".join(p.text for p in doc.furniture))
        texts = _reference_texts(path)
        missing = [t for t in texts if t not in model]
        assert not missing, (path.name, missing[:5])
        total += len(texts)
        found += len(texts) - len(missing)
    with capsys.disabled():
        print(f"\nHWPX hp:t coverage over the corpus: {found}/{total}")
    assert total > 200


@needs_corpus
def test_every_corpus_package_reads():
    files = read_folder(CORPUS).files
    assert len(files) == 32
    assert set(files["error_code"]) == {"no_card_found"}, files[["source_file", "error_code", "message"]]


@needs_corpus
def test_headers_footers_out_of_body_and_merged_cells():
    doc = read_document(CORPUS / "reader_writer-HeaderFooter.hwpx")
    assert doc.blocks == []
    assert {p.text for p in doc.furniture} == {"머리말 테스트", "꼬리말"}
    table = read_document(CORPUS / "reader_writer-SimpleTable.hwpx").blocks[0]
    assert isinstance(table, Table) and (table.n_rows, table.n_cols) == (3, 3)
    assert (table.cells[0].row_span, table.cells[0].col_span, table.cells[0].text) == (2, 2, "1")
    boxes = [p.text for p in read_document(CORPUS / "tool-textextractor-RectInPara.hwpx").blocks]
    assert "사각 시각한 사각형입니다." in boxes  # text inside a rectangle shape


def test_sections_follow_the_manifest_then_numeric_order():
    assert [p.text for p in read_document(FIXTURES / "manifest-order.hwpx").blocks] == ["첫째", "둘째"]
    assert [p.text for p in read_document(FIXTURES / "numeric-order.hwpx").blocks] == ["첫째", "둘째", "셋째"]


def test_member_names_with_dot_dot_or_absolute_paths_are_ignored():
    doc = read_document(FIXTURES / "traversal.hwpx")
    assert [p.text for p in doc.blocks] == ["구청장 공약사항 관리카드"]


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("zip-bomb.hwpx", {"too_large"}),
        ("overlap-bomb.hwpx", {"too_large"}),
        ("size-lie.hwpx", {"too_large", "corrupt"}),
        ("billion-laughs.hwpx", {"corrupt"}),
        ("external-entity.hwpx", {"corrupt"}),
        ("zip-encrypted.hwpx", {"encrypted"}),
        ("password.hwpx", {"encrypted"}),
        ("no-section.hwpx", {"corrupt"}),
        ("bad-xml.hwpx", {"corrupt"}),
    ],
)
def test_hostile_packages_are_refused_fast(name, codes, hostile_hwpx):
    # read isolated with a time limit: a reader that hung would give `timeout`, not the code
    row = hostile_hwpx.loc[name]
    assert row["status"] == "error" and row["error_code"] in codes, row["message"]


@pytest.fixture(scope="module")
def hostile_hwpx():
    return read_folder(FIXTURES, isolate=True, jobs=2, timeout=30).files.set_index("source_file")


def test_not_a_zip_and_truncated_packages_are_corrupt(tmp_path):
    sample = (SAMPLES / "hwpx" / "gu-single-1.hwpx").read_bytes()
    (tmp_path / "cut.hwpx").write_bytes(sample[: len(sample) // 2])
    (tmp_path / "noise.hwpx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    files = read_folder(tmp_path).files
    assert set(files["error_code"]) == {"corrupt"}, files[["source_file", "message"]]


def test_external_entity_is_never_resolved():
    # defusedxml refuses the DTD before any entity could be expanded or fetched
    row = read_file(FIXTURES / "external-entity.hwpx").files.iloc[0]
    assert "root:" not in (row["message"] or "")


def _rezip(tmp_path, method_patch: int | None = None, version_patch: int | None = None):
    """The sample package with the first central-directory entry's method or version changed."""
    import struct

    data = bytearray((SAMPLES / "hwpx" / "gu-single-1.hwpx").read_bytes())
    at = data.find(b"PK\x01\x02")
    if version_patch is not None:
        struct.pack_into("<H", data, at + 6, version_patch)
    if method_patch is not None:
        struct.pack_into("<H", data, at + 10, method_patch)
    path = tmp_path / "odd.hwpx"
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(("method", "version"), [(None, 138), (14, None), (99, None)])
def test_zip_features_python_lacks_get_a_code(tmp_path, method, version):
    row = read_file(_rezip(tmp_path, method, version)).files.iloc[0]
    assert row["status"] == "error" and row["error_code"] == "unsupported_format", row["message"]
    assert "save it again as HWPX" in row["message"]


def test_a_hostile_cell_address_is_refused(tmp_path):
    data = zipfile.ZipFile(SAMPLES / "hwpx" / "gu-single-1.hwpx")
    out = tmp_path / "far.hwpx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in data.infolist():
            body = data.read(info)
            if info.filename == "Contents/section0.xml":
                body = re.sub(rb'rowAddr="\d+"', b'rowAddr="999999999"', body, count=1)
                body = re.sub(rb'colAddr="\d+"', b'colAddr="' + b"9" * 5000 + b'"', body, count=1)
            target.writestr(info, body)
    row = read_file(out).files.iloc[0]
    assert row["error_code"] == "too_large" and "rows by" in row["message"], row["message"]


@needs_corpus
def test_untouched_click_here_field_is_blank_and_a_typed_one_spanning_paragraphs_stays():
    doc = read_document(CORPUS / "reader_writer-sample1.hwpx")  # guide "수학", dirty="0"
    assert "수학" not in "".join(p.text for p in iter_paragraphs(doc.blocks))
    hancom = (
        SHARED / "corpus" / "hancom" / "36389312_결재문서본문_특정소방대상물_화재발생_알림_화재번호_2026-177-eae98e"
    )
    texts = [p.text for p in iter_paragraphs(read_document(hancom / "source.hwpx").blocks)]
    assert "1. 관련 근거" in texts  # inside a dirty="1" field that runs over many paragraphs
