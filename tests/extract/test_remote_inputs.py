"""Inputs given as a URL (fsspec): listed like a folder, each file fetched where it is read."""

from __future__ import annotations

import os

import pytest

from extract import read_folder
from extract.cli import main
from tests.extract.test_cluster import _mixed_folder, _tables
from tools.paths import SAMPLES

if not os.environ.get("CI"):
    pytest.importorskip("fsspec", reason="fsspec comes with the dask extra (pip install -e '.[dask]')")

import fsspec


def test_a_folder_given_as_a_url_gives_the_same_tables_as_its_path(tmp_path):
    folder = _mixed_folder(tmp_path / "in")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "skip.txt").write_text("not read", encoding="utf-8")
    common = ["--quiet", "--no-report", "--no-xlsx", "--jobs", "2"]
    assert main([str(folder), "--out", str(tmp_path / "path"), *common]) == 0
    assert main([folder.as_uri(), "--out", str(tmp_path / "url"), *common]) == 0
    assert _tables(tmp_path / "url") == _tables(tmp_path / "path")


def test_remote_storage_read_in_process_with_its_limits(monkeypatch):
    memory = fsspec.filesystem("memory")
    seed = (SAMPLES / "tsv" / "card-geumjeong-1-1-1.txt").read_bytes()
    memory.pipe("/deadline/금정구/card.txt", seed)
    try:
        import extract.run.inputs as inputs

        monkeypatch.setattr(inputs, "MAX_FILE_BYTES", len(seed))  # big.pdf is over it if the seed is small
        memory.pipe("/deadline/big.pdf", b"%PDF-1.4\n" + b"0" * len(seed))
        tables = read_folder("memory://deadline")
    finally:
        memory.rm("/deadline", recursive=True)
    files = tables.files.set_index("source_file")
    assert list(files.index) == ["big.pdf", "금정구/card.txt"]
    assert files.loc["금정구/card.txt", "status"] in ("ok", "warning")
    assert files.loc["big.pdf", "error_code"] == "too_large"
    assert (files.loc["big.pdf", "size_bytes"], files.loc["금정구/card.txt", "size_bytes"]) == (
        len(seed) + 9,
        len(seed),
    )
    assert tables.cards["title"].tolist() == [
        read_folder(SAMPLES / "tsv" / "card-geumjeong-1-1-1.txt").cards["title"][0]
    ]


def test_a_remote_file_gone_before_it_is_read_gets_a_row_that_says_so(monkeypatch):
    from extract.run.pipeline import process_file

    result = process_file("memory://deadline/gone.txt", "gone.txt")
    row = result.file_row
    assert (row["status"], row["error_code"]) == ("error", "corrupt")
    assert "could not be fetched from memory://deadline/gone.txt" in row["message"]


def test_a_url_that_does_not_exist_is_a_usage_error(tmp_path, capsys):
    assert main([(tmp_path / "nothing").as_uri(), "--out", str(tmp_path / "o"), "--quiet"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_a_url_lists_files_in_the_order_the_folder_is_walked(tmp_path):
    from extract.run.inputs import iter_input_files

    for name in ["z.txt", "a/b.txt", "a.txt", "a-b/x.txt", "a/b/c.txt", "a/a.txt", "B/q.txt", "_x", "a/z/y.txt",
                 "금정구/1.txt", "a b/c.txt", ".git/x", ".DS_Store"]:  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    local = [source for _, source in iter_input_files(tmp_path)]
    remote = [(url, source) for url, source in iter_input_files(tmp_path.as_uri())]
    assert [source for _, source in remote] == local
    assert ".git/x" not in local and ".DS_Store" in local
    assert all(url.startswith("file://") and url.endswith(source) for url, source in remote)
