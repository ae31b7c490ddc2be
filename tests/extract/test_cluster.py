"""The same batch on a Dask cluster: same bytes, same rows for a hang, no file lost with a worker."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from extract.cli import main
from extract.run.batch import run_batch
from extract.run.inputs import iter_input_files
from tests.extract.test_batch import SEED, _children, _slow_file
from tools.paths import SAMPLES

if not os.environ.get("CI"):
    pytest.importorskip("distributed", reason="the dask extra is not installed (pip install -e '.[dask]')")

from distributed import LocalCluster

from extract.run.executors.cluster import ALLOWED_FAILURES, DaskCluster

TABLES = ("files", "cards", "tasks", "budget", "items", "checks", "fields")


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each, as an operator would start them."""
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
        local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                             silence_logs=40)  # fmt: skip
    with local:
        yield local


def _mixed_folder(folder: Path) -> Path:
    """A few cards of every digital format, and a file that is no card."""
    for fmt in ("tsv", "hwp", "hwpx", "pdf"):
        for path in sorted((SAMPLES / fmt).iterdir())[:3]:
            (folder / fmt).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, folder / fmt / path.name)
    (folder / "notes.txt").write_text("회의 메모\n다음 주 월요일\n", encoding="utf-8")
    return folder


def _tables(out: Path) -> dict[str, bytes]:
    return {f"{n}.{ext}": (out / f"{n}.{ext}").read_bytes() for n in TABLES for ext in ("csv", "parquet")}


def test_a_dask_run_writes_the_same_bytes_as_two_local_jobs(tmp_path, cluster):
    folder = _mixed_folder(tmp_path / "in")
    common = ["--quiet", "--no-report", "--no-xlsx"]
    assert main([str(folder), "--out", str(tmp_path / "local"), "--jobs", "2", *common]) == 0
    assert main([str(folder), "--out", str(tmp_path / "remote"), "--scheduler", cluster.scheduler_address,
                 *common]) == 0  # fmt: skip
    assert main([str(folder), "--out", str(tmp_path / "own"), "--executor", "dask", "--jobs", "2", *common]) == 0
    # storage every worker reaches, named by URL: each worker fetches its files
    assert main([folder.as_uri(), "--out", str(tmp_path / "url"), "--scheduler", cluster.scheduler_address,
                 *common]) == 0  # fmt: skip
    local = _tables(tmp_path / "local")
    assert _tables(tmp_path / "remote") == local
    assert _tables(tmp_path / "own") == local
    assert _tables(tmp_path / "url") == local
    import pandas as pd

    files = pd.read_csv(tmp_path / "remote" / "files.csv")
    assert len(files) == 13
    assert files.set_index("source_file").loc["notes.txt", "error_code"] == "no_card_found"


def test_a_hanging_file_times_out_on_a_worker_and_the_batch_goes_on(tmp_path, cluster):
    _slow_file(tmp_path / "a-slow.txt")
    shutil.copy(SEED, tmp_path / "b-card.txt")
    rows: list[dict] = []
    executor = DaskCluster(cluster.scheduler_address, timeout=0.5)
    run_batch(list(iter_input_files(tmp_path)), lambda r: rows.extend(r["files"]), executor=executor)
    assert [(r["source_file"], r["status"], r["error_code"]) for r in rows] == [
        ("a-slow.txt", "error", "timeout"),
        ("b-card.txt", "ok", None),
    ]
    assert "--timeout" in rows[0]["message"]


def _busy_workers(pid: int) -> list[int]:
    """The cluster's worker processes that have a reader child (a worker that is reading)."""
    return [child for child in _children(pid) if _children(child)]


def test_a_worker_killed_mid_run_loses_no_file(tmp_path, cluster):
    for i in range(3):
        _slow_file(tmp_path / f"slow{i}.txt")
    for i in range(3):
        shutil.copy(SEED, tmp_path / f"card{i}.txt")
    killed: list[int] = []

    def kill_a_worker() -> None:
        deadline = time.monotonic() + 60
        while not killed and time.monotonic() < deadline:
            time.sleep(0.3)
            busy = _busy_workers(os.getpid())
            if busy:
                time.sleep(1.0)  # its child is reading a slow file by now
                os.kill(busy[0], signal.SIGKILL)
                killed.append(busy[0])

    killer = threading.Thread(target=kill_a_worker)
    killer.start()
    rows: list[dict] = []
    run_batch(list(iter_input_files(tmp_path)), lambda r: rows.extend(r["files"]),
              executor=DaskCluster(cluster.scheduler_address, timeout=120))  # fmt: skip
    killer.join()
    assert killed, "no worker was killed: the test did not test anything"
    assert sorted(r["source_file"] for r in rows) == [f"card{i}.txt" for i in range(3)] + [
        f"slow{i}.txt" for i in range(3)
    ]
    assert [r["error_code"] for r in rows] == [None] * 6
    assert {r["n_cards"] for r in rows} == {1}


def test_the_cache_filled_on_the_cluster_serves_a_local_run(tmp_path, cluster, capsys):
    folder = _mixed_folder(tmp_path / "in")
    cache = tmp_path / "cache"
    common = ["--quiet", "--no-report", "--no-xlsx", "--cache", str(cache)]
    assert main([str(folder), "--out", str(tmp_path / "a"), "--scheduler", cluster.scheduler_address, *common]) == 0
    capsys.readouterr()
    assert main([str(folder), "--out", str(tmp_path / "b"), "--jobs", "2", *common]) == 0
    assert "13 reused from the cache" in capsys.readouterr().out
    assert _tables(tmp_path / "b") == _tables(tmp_path / "a")


def test_dask_without_the_extra_is_a_usage_error(tmp_path, monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    assert main([str(SAMPLES / "tsv"), "--out", str(tmp_path / "o"), "--executor", "dask", "--quiet"]) == 2
    assert "cardex[dask]" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
