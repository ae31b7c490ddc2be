"""Files in, rows out: error codes, whole-batch behaviour, outputs, the command line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from extract import SCHEMAS, read_folder
from extract.cli import main
from extract.tables.frames import USER_DTYPES
from tools.paths import ROOT, SAMPLES

SEED = SAMPLES / "tsv" / "card-geumjeong-1-1-1.txt"


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "dept").mkdir(parents=True)
    shutil.copy(SEED, folder / "dept" / "good.txt")
    (folder / "notes.txt").write_text("회의 메모\n내일 10시\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x81\xff\xfe\xfd\x80\x81\x82")
    (folder / "page.hwp").write_bytes(b"<!DOCTYPE html><html><body>not a document</body></html>")
    (folder / "drm.hwp").write_bytes(b"<MARKANY_DOCUMENTS version=1>" + bytes(range(256)) * 4)
    (folder / "image.bin").write_bytes(bytes(range(256)) * 8)
    return folder


def _status(tables) -> dict[str, tuple[str, str | None]]:
    files = tables.files.astype(object).where(tables.files.notna(), None)
    return {r.source_file: (r.status, r.error_code) for r in files.itertuples()}


def test_every_file_gets_one_row_with_a_stable_code(batch):
    tables = read_folder(batch)
    assert _status(tables) == {
        "broken.txt": ("error", "decode_error"),
        "dept/good.txt": ("ok", None),
        "drm.hwp": ("error", "drm"),
        "image.bin": ("error", "unsupported_format"),
        "notes.txt": ("skipped", "no_card_found"),
        "page.hwp": ("error", "unsupported_format"),
    }
    messages = tables.files.set_index("source_file")["message"]
    assert "without DRM" in messages["drm.hwp"]
    assert "UTF-8" in messages["broken.txt"]
    # the bad files took nothing from the good one
    assert tables.cards["source_file"].tolist() == ["dept/good.txt"]
    assert len(tables.budget) == 80


def test_frames_have_the_spec_columns_and_dtypes(sample_tables):
    for name, frame in sample_tables.items_by_name():
        assert list(frame.columns) == list(SCHEMAS[name]), name
        for column, dtype in USER_DTYPES[name].items():
            assert str(frame[column].dtype) == str(dtype), (name, column)


def test_command_line_writes_all_tables_and_exit_codes(batch, tmp_path, capsys):
    out = tmp_path / "out"
    assert main([str(batch), "--out", str(out), "--quiet"]) == 1  # a file errored
    printed = capsys.readouterr().out
    assert re.search(r"6 file\(s\) in [\d.]+ s: 1 ok, 0 warning, 4 error, 1 skipped;", printed), printed
    for name in SCHEMAS:
        csv = out / f"{name}.csv"
        assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
        parquet = pd.read_parquet(out / f"{name}.parquet")
        assert list(parquet.columns) == list(SCHEMAS[name])
    cards = pd.read_parquet(out / "cards.parquet")
    assert str(cards["as_of"].iloc[0]) == "2024-06-30"
    assert str(cards["budget_total_krw"].dtype) == "Int64"

    good_only = tmp_path / "good"
    good_only.mkdir()
    shutil.copy(SEED, good_only / "a.txt")
    assert main([str(good_only), "--out", str(out), "--quiet"]) == 0
    assert pd.read_csv(out / "files.csv", encoding="utf-8-sig")["source_file"].tolist() == ["a.txt"]
    assert main([str(tmp_path / "missing"), "--out", str(out), "--quiet"]) == 2


def test_rerun_is_byte_identical_whatever_the_number_of_workers(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert main([str(SAMPLES), "--out", str(first), "--quiet", "--jobs", "1"]) == 0
    assert main([str(SAMPLES), "--out", str(second), "--quiet", "--jobs", "2"]) == 0
    for name in SCHEMAS:
        assert (first / f"{name}.csv").read_bytes() == (second / f"{name}.csv").read_bytes(), name


def test_command_line_tables_equal_the_python_api(sample_tables, tmp_path):
    out = tmp_path / "out"
    assert main([str(SAMPLES), "--out", str(out), "--quiet"]) == 0
    for name, frame in sample_tables.items_by_name():
        written = pd.read_parquet(out / f"{name}.parquet")
        assert written.astype(str).values.tolist() == frame.astype(str).values.tolist(), name


def test_failed_write_leaves_previous_output(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert main([str(SAMPLES / "tsv"), "--out", str(out), "--quiet"]) == 0
    before = (out / "cards.csv").read_bytes()

    import extract.outputs.writer as output

    def explode(self, name):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.OutputFolder, "_flush", explode)
    assert main([str(SEED), "--out", str(out), "--quiet"]) == 2
    assert (out / "cards.csv").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging litter


def test_output_inside_input_is_not_read_back(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "card.txt")
    assert main([str(folder), "--out", str(folder / "output"), "--quiet"]) == 0
    assert main([str(folder), "--out", str(folder / "output"), "--quiet"]) == 0
    files = pd.read_csv(folder / "output" / "files.csv", encoding="utf-8-sig")
    assert files["source_file"].tolist() == ["card.txt"]


def test_dump_shows_cells_with_coordinates():
    result = subprocess.run(
        [sys.executable, "-m", "extract", "dump", str(SEED)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert "cell r0 c4: '관리번호'" in result.stdout
    assert "# 1 card(s) found" in result.stdout
    assert "section 2. 투자계획(예산/비예산) (budget)" in result.stdout
