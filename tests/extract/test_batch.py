"""Batch runs: isolation per file, nothing lost, interruption, cache, spreadsheet safety."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main
from extract.outputs.writer import escape_cell, unescape_cell
from extract.run.batch import run_batch
from extract.run.cache import ResultCache
from extract.run.inputs import iter_input_files
from tools.paths import ROOT, SAMPLES

SEED = SAMPLES / "tsv" / "card-geumjeong-1-1-1.txt"


def _slow_file(path: Path) -> Path:
    """A text export of a card with 130,000 table rows (within the document limits): seconds of honest work."""
    row = "\t".join(["국비", "1,000", "2,000"]) + "\n"
    path.write_text(SEED.read_text(encoding="utf-8") + row * 130_000, encoding="utf-8")
    return path


def _collect(folder: Path, **options) -> list[dict]:
    rows: list[dict] = []
    run_batch(list(iter_input_files(folder)), lambda r: rows.extend(r["files"]), **options)
    return rows


def test_a_file_over_the_time_limit_gets_timeout_and_the_batch_goes_on(tmp_path):
    _slow_file(tmp_path / "a-slow.txt")
    shutil.copy(SEED, tmp_path / "b-card.txt")
    rows = _collect(tmp_path, jobs=1, timeout=0.5)
    assert [(r["source_file"], r["status"], r["error_code"]) for r in rows] == [
        ("a-slow.txt", "error", "timeout"),
        ("b-card.txt", "ok", None),
    ]
    assert "--timeout" in rows[0]["message"]


def test_a_worker_that_dies_gives_crashed_and_the_batch_goes_on(tmp_path):
    _slow_file(tmp_path / "a-slow.txt")
    shutil.copy(SEED, tmp_path / "b-card.txt")

    def kill_worker():
        time.sleep(2.0)  # the worker has started and is parsing the slow file
        for child in _children(os.getpid()):
            os.kill(child, signal.SIGKILL)

    killer = threading.Thread(target=kill_worker)
    killer.start()
    rows = _collect(tmp_path, jobs=1, timeout=60)
    killer.join()
    assert [(r["source_file"], r["error_code"]) for r in rows] == [("a-slow.txt", "crashed"), ("b-card.txt", None)]
    assert "signal 9" in rows[0]["message"]


def test_a_file_that_exhausts_memory_gets_too_large(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:  # 300 MB of text; the worker may use 256 MiB
        line = ("구청장 공약사항 관리카드\t" * 20 + "\n").encode()
        for _ in range(300 * 1024 * 1024 // len(line)):
            fh.write(line)
    shutil.copy(SEED, tmp_path / "z-card.txt")
    rows = _collect(tmp_path, jobs=1, timeout=120, memory_mb=256)
    big.unlink()
    assert rows[0]["error_code"] in ("too_large", "crashed")
    assert (rows[1]["source_file"], rows[1]["status"]) == ("z-card.txt", "ok")


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found |= {int(p) for p in text}
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_interrupting_a_run_keeps_the_previous_output_and_leaves_no_orphans(tmp_path, how):
    out = tmp_path / "out"
    assert main([str(SAMPLES / "tsv"), "--out", str(out), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    big = tmp_path / "in"
    for i in range(10):  # long enough that the signal lands mid-run, not after the commit
        shutil.copytree(SAMPLES / "pdf", big / f"copy{i}")
    process = subprocess.Popen(
        [sys.executable, "-m", "extract", str(big), "--out", str(out), "--quiet", "--jobs", "2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        # a shell's background job inherits SIGINT ignored, and Python then keeps it ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    workers: set[int] = set()
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        workers = _children(process.pid)
    time.sleep(0.5)
    process.send_signal(how)
    process.wait(timeout=30)
    assert process.returncode != 0
    if how != signal.SIGKILL:
        assert process.returncode == 130
    time.sleep(1.0)
    assert not [pid for pid in workers if _alive(pid)], "a worker outlived the batch"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert pd.read_parquet(out / "cards.parquet").shape[0] > 0


def test_a_sigterm_while_the_report_is_written_keeps_the_previous_output(tmp_path, monkeypatch):
    """The workbook and report are written last, inside a guard for their own errors; a
    SIGTERM landing there must still abort the run, not be taken for a report error."""
    import extract.outputs.extras as extras

    out = tmp_path / "out"
    assert main([str(SAMPLES / "tsv"), "--out", str(out), "--quiet", "--jobs", "1"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def terminated(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(extras, "write_extras", terminated)
    assert main([str(SAMPLES / "tsv" / "card-geumjeong-1-1-1.txt"), "--out", str(out), "--quiet", "--jobs", "1"]) == 130
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_cache_reuses_unchanged_files_and_gives_identical_tables(tmp_path, capsys):
    cache = tmp_path / "cache"
    first, second, plain = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert main([str(SAMPLES / "tsv"), "--out", str(first), "--quiet", "--cache", str(cache)]) == 0
    assert "0 reused" in capsys.readouterr().out
    assert main([str(SAMPLES / "tsv"), "--out", str(second), "--quiet", "--cache", str(cache)]) == 0
    n_files = len(list((SAMPLES / "tsv").iterdir()))
    assert f"{n_files} reused from the cache" in capsys.readouterr().out
    assert main([str(SAMPLES / "tsv"), "--out", str(plain), "--quiet"]) == 0
    for name in ("files", "cards", "tasks", "budget", "items", "checks"):
        assert (
            (first / f"{name}.csv").read_bytes()
            == (second / f"{name}.csv").read_bytes()
            == (plain / f"{name}.csv").read_bytes()
        ), name


def test_cache_is_keyed_by_content_not_name(tmp_path):
    cache = ResultCache(tmp_path / "cache")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "first.txt")
    rows: list[dict] = []
    run_batch(list(iter_input_files(folder)), lambda r: rows.extend(r["cards"]), cache=cache)
    (folder / "first.txt").rename(folder / "renamed.txt")
    again: list[dict] = []
    reused = run_batch(list(iter_input_files(folder)), lambda r: again.extend(r["cards"]), cache=cache)
    assert reused == 1
    assert again[0]["source_file"] == "renamed.txt"
    assert {k: v for k, v in again[0].items() if k != "source_file"} == {
        k: v for k, v in rows[0].items() if k != "source_file"
    }


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("\nline", "'\nline"),
        ("'quoted", "''quoted"),
        ("-15000", "-15000"),
        ("-", "-"),
        ("1,844", "1,844"),
        ("정상 텍스트", "정상 텍스트"),
    ],
)
def test_csv_escaping_is_safe_and_reversible(value, escaped):
    assert escape_cell(value) == escaped
    assert unescape_cell(escape_cell(value)) == value


def test_formula_text_is_escaped_in_csv_but_not_in_parquet(tmp_path):
    card = SEED.read_text(encoding="utf-8").replace(
        "- 2024년 지역주도형 청년일자리사업 참가 사업장 지도점검: 분기별", '- =HYPERLINK("http://evil","클릭")'
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "card.txt").write_text(card, encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(folder), "--out", str(out), "--quiet"]) == 0
    csv_items = pd.read_csv(out / "items.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    parquet_items = pd.read_parquet(out / "items.parquet")
    assert '\'=HYPERLINK("http://evil","클릭")' in csv_items["text"].tolist()
    assert '=HYPERLINK("http://evil","클릭")' in parquet_items["text"].tolist()
    budget = pd.read_csv(out / "budget.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert "-" in budget["amount_raw"].tolist()  # a lone dash (zero) is not a formula
    assert [unescape_cell(v) for v in csv_items["text"]] == parquet_items["text"].tolist()


def test_isolated_api_gives_the_same_frames(sample_tables):
    from extract import read_folder

    isolated = read_folder(SAMPLES / "tsv", isolate=True, jobs=2)
    plain = sample_tables.cards[sample_tables.cards["source_file"].str.startswith("tsv/")]
    # duplicate_of differs by design: in all of samples/ the TSV cards repeat the HWP ones read first
    assert plain["duplicate_of"].str.startswith("hwp/").all() and isolated.cards["duplicate_of"].isna().all()
    assert (
        isolated.cards.drop(columns=["source_file", "duplicate_of"]).astype(str).values.tolist()
        == plain.drop(columns=["source_file", "duplicate_of"]).astype(str).values.tolist()
    )


def test_the_cache_fingerprint_covers_the_code_the_vocabulary_and_the_ocr_engine(monkeypatch):
    """A change to any source file, to the vocabulary, or to the OCR engine or its model must
    start a fresh cache: scans read by an older Tesseract are not served as today's."""
    from extract.run import cache as cache_module
    from parsers.scan.ocr import tesseract

    assert (cache_module.PACKAGE_ROOT / "extract" / "vocabulary.toml").is_file()
    assert (cache_module.PACKAGE_ROOT / "parsers" / "scan" / "ocr" / "tesseract.py").is_file()
    cache_module.fingerprint.cache_clear()
    before = cache_module.fingerprint()
    monkeypatch.setattr(tesseract.Tesseract, "version", lambda self: "tesseract 9.9 kor:1")
    cache_module.fingerprint.cache_clear()
    try:
        assert cache_module.fingerprint() != before
    finally:
        monkeypatch.undo()
        cache_module.fingerprint.cache_clear()
    assert cache_module.fingerprint() == before


def test_a_batch_paces_the_garbage_collector_and_gives_the_callers_thresholds_back():
    """The batch collects cyclic garbage every 10,000 allocations while it runs (Python's 700 cost
    4% of the run), and a notebook that called it has its own thresholds back, even after an error."""
    import gc

    from extract.run.collector import GEN0_ALLOCATIONS

    seen: list[tuple[int, int, int]] = []
    before = gc.get_threshold()

    def on_result(rows):
        seen.append(gc.get_threshold())
        raise RuntimeError("the caller's own failure")

    from extract.run.executors import InProcess

    with pytest.raises(RuntimeError):
        run_batch(
            [(SAMPLES / "tsv" / "card-geumjeong-1-1-1.txt", "card-geumjeong-1-1-1.txt")],
            on_result,
            executor=InProcess(),
        )
    assert seen and seen[0][0] == GEN0_ALLOCATIONS
    assert gc.get_threshold() == before
