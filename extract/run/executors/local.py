"""Batch runs: every file in an isolated worker process, results streamed in input order.

Why not multiprocessing.Pool or ProcessPoolExecutor: a Pool can hang for
ever when a worker is killed, and an Executor marks every pending file as
failed once one worker dies. Here each worker is a plain process with its
own pipe; the parent hands it one file at a time and watches three things:
its answer, its death (`crashed`), and the clock (`timeout`: the worker is
killed and replaced). Each worker caps its own address space (a file that
exhausts memory gets `too_large`) and dies with its parent, so no orphan
keeps parsing after the batch is stopped.

Results are passed on in input order through a small reorder buffer, so
the written tables are byte-identical whatever the number of workers.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from extract.run.cache import ResultCache
from extract.run.pipeline import file_sha256, process_file
from extract.tables.schema import TABLE_NAMES
from extract.tables.validate import validate

RowSet = dict[str, list[dict]]


@dataclass
class Job:
    index: int
    path: Path
    source_file: str
    sha256: str | None = None


def _failure(job: Job, code: str, message: str) -> RowSet:
    size = job.path.stat().st_size if job.path.exists() else None
    row = {
        "source_file": job.source_file, "sha256": job.sha256, "size_bytes": size, "format": "unknown",
        "encoding": None, "status": "error", "n_cards": 0, "error_code": code, "message": message,
    }  # fmt: skip
    rows, _ = validate({name: [row] if name == "files" else [] for name in TABLE_NAMES})
    return rows


def _die_with_parent(parent: int) -> None:
    libc_name = ctypes.util.find_library("c")
    if libc_name:
        pr_set_pdeathsig = 1
        ctypes.CDLL(libc_name).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _worker(conn, parent: int, memory_bytes: int) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    if memory_bytes:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, path, source_file, sha256 = message
        result = process_file(Path(path), source_file, sha256)
        conn.send((index, result.rows(), result.cacheable))


class _Worker:
    def __init__(self, ctx, memory_bytes: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child, os.getpid(), memory_bytes), daemon=True)
        self.process.start()
        child.close()
        self.job: Job | None = None
        self.started = 0.0

    def give(self, job: Job) -> None:
        self.job, self.started = job, time.monotonic()
        self.conn.send((job.index, str(job.path), job.source_file, job.sha256))

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


def run_batch(
    files: list[tuple[Path, str]],
    on_result: Callable[[RowSet], None],
    *,
    jobs: int = 0,
    timeout: float = 60.0,
    memory_mb: int = 1024,
    cache: ResultCache | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> int:
    """Read every file; call `on_result` once per file, in input order, with rows validated against
    the schema (by the worker, or here for cache hits and failures). Returns files reused from cache."""
    ctx = multiprocessing.get_context("spawn")
    memory_bytes = memory_mb * 1024 * 1024
    queue: deque[Job] = deque()
    done: dict[int, RowSet] = {}
    reused = 0
    for index, (path, source_file) in enumerate(files):
        job = Job(index, path, source_file)
        if cache is not None:
            try:
                job.sha256 = file_sha256(path)
            except OSError:
                job.sha256 = None
            hit = cache.get(job.sha256, source_file) if job.sha256 else None
            if hit is not None:
                done[index] = validate(hit)[0]  # stored validated; the file's current name is new
                reused += 1
                continue
        queue.append(job)

    workers: list[_Worker] = []
    next_out = 0

    def finish(job: Job, rows: RowSet, cacheable: bool) -> None:
        done[job.index] = rows
        if cacheable and cache is not None and job.sha256:
            cache.put(job.sha256, rows)
        if on_progress is not None:
            on_progress(job.source_file)

    def replace(worker: _Worker) -> None:
        worker.stop()
        workers[workers.index(worker)] = _Worker(ctx, memory_bytes)

    try:
        workers.extend(_Worker(ctx, memory_bytes) for _ in range(max(1, min(jobs or os.cpu_count() or 1, len(queue)))))
        while next_out < len(files):
            for worker in workers:
                if worker.job is None and queue:
                    worker.give(queue.popleft())
            busy = [w for w in workers if w.job is not None]
            if busy:
                soonest = min(w.started + timeout for w in busy)
                handles = [w.conn for w in busy] + [w.process.sentinel for w in busy]
                ready = set(wait(handles, timeout=max(0.0, soonest - time.monotonic())))
                for worker in busy:
                    job = worker.job
                    assert job is not None
                    if worker.conn in ready or worker.conn.poll():
                        try:
                            index, rows, cacheable = worker.conn.recv()
                        except (EOFError, OSError):
                            finish(job, _failure(job, "crashed", _died(worker)), False)
                            replace(worker)
                            continue
                        worker.job = None
                        finish(job, rows, cacheable)
                    elif worker.process.sentinel in ready:
                        finish(job, _failure(job, "crashed", _died(worker)), False)
                        replace(worker)
                    elif time.monotonic() - worker.started > timeout:
                        message = (
                            f"Reading the file took longer than {timeout:g} s and was stopped; it may be damaged "
                            "or very large (rerun it alone with a larger --timeout)."
                        )
                        finish(job, _failure(job, "timeout", message), False)
                        replace(worker)
            while next_out in done:
                on_result(done.pop(next_out))
                next_out += 1
    finally:
        for worker in workers:
            try:
                if worker.process.is_alive() and worker.job is None:
                    worker.conn.send(None)
            except OSError:
                pass
            worker.stop()
    return reused


def _died(worker: _Worker) -> str:
    worker.process.join(timeout=1)
    code = worker.process.exitcode
    how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited with status {code}"
    return (
        f"The reader process {how} while reading this file (a crash in a parsing library, or memory "
        "exhausted); the rest of the batch went on. Please report the file."
    )
