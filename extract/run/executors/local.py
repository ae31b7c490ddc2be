"""Every file read in an isolated worker process, with a time and a memory limit.

Why not multiprocessing.Pool or ProcessPoolExecutor: a Pool can hang for
ever when a worker is killed, and an Executor marks every pending file as
failed once one worker dies. Here each worker is a plain process with its
own pipe; the parent hands it one file at a time and watches three things:
its answer, its death (`crashed`), and the clock (`timeout`: the worker is
killed and replaced). Each worker caps its own address space (a file that
exhausts memory gets `too_large`) and dies with its parent, so no orphan
keeps parsing after the batch is stopped.

Outcomes are handed on as they finish; the batch puts them back in input
order, so the written tables are byte-identical whatever the number of
workers.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from multiprocessing.connection import wait
from pathlib import Path

from extract.run.executors import Job, Outcome, RowSet
from extract.run.pipeline import process_file
from extract.tables.rows import files_row
from extract.tables.schema import TABLE_NAMES
from extract.tables.validate import validate


def _failure(job: Job, code: str, message: str) -> RowSet:
    size = job.path.stat().st_size if job.path.exists() else None
    row = files_row(job.source_file, sha256=job.sha256, size_bytes=size, error_code=code, message=message)
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


@contextlib.contextmanager
def _caller_hidden():
    """Start workers without the caller's script: a spawned process runs the parent's `__main__`
    again unless guarded by `if __name__ == "__main__"`, and a plain notebook or script calling
    `read_folder(isolate=True)` would start its batch again in every worker. The worker runs
    cardex's own code only, so the script's path and module name are hidden while it starts."""
    main = sys.modules.get("__main__")
    saved = {name: getattr(main, name) for name in ("__file__", "__spec__") if hasattr(main, name)}
    if "__file__" in saved:
        del main.__file__
    if "__spec__" in saved:
        main.__spec__ = None  # spawn reads the attribute; None means "no module to run again"
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(main, name, value)


class _Worker:
    def __init__(self, ctx, memory_bytes: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child, os.getpid(), memory_bytes), daemon=True)
        with _caller_hidden():
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


class LocalProcesses:
    """`jobs` worker processes on this machine (0: one per core), each file limited to `timeout`
    seconds and each worker to `memory_mb` MiB of address space."""

    def __init__(self, jobs: int = 0, timeout: float = 60.0, memory_mb: int = 1024) -> None:
        self.jobs, self.timeout, self.memory_bytes = jobs, timeout, memory_mb * 1024 * 1024

    def results(self, jobs: Sequence[Job]) -> Iterator[Outcome]:
        ctx = multiprocessing.get_context("spawn")
        queue: deque[Job] = deque(jobs)
        workers: list[_Worker] = []
        timeout = self.timeout

        def replace(worker: _Worker) -> None:
            worker.stop()
            workers[workers.index(worker)] = _Worker(ctx, self.memory_bytes)

        try:
            n_workers = max(1, min(self.jobs or os.cpu_count() or 1, len(queue)))
            workers.extend(_Worker(ctx, self.memory_bytes) for _ in range(n_workers if queue else 0))
            while queue or any(w.job is not None for w in workers):
                for worker in workers:
                    if worker.job is None and queue:
                        worker.give(queue.popleft())
                busy = [w for w in workers if w.job is not None]
                soonest = min(w.started + timeout for w in busy)
                handles = [w.conn for w in busy] + [w.process.sentinel for w in busy]
                ready = set(wait(handles, timeout=max(0.0, soonest - time.monotonic())))
                for worker in busy:
                    job = worker.job
                    assert job is not None
                    if worker.conn in ready or worker.conn.poll():
                        try:
                            _, rows, cacheable = worker.conn.recv()
                        except (EOFError, OSError):
                            yield Outcome(job, _failure(job, "crashed", _died(worker)), False)
                            replace(worker)
                            continue
                        worker.job = None
                        yield Outcome(job, rows, cacheable)
                    elif worker.process.sentinel in ready:
                        yield Outcome(job, _failure(job, "crashed", _died(worker)), False)
                        replace(worker)
                    elif time.monotonic() - worker.started > timeout:
                        message = (
                            f"Reading the file took longer than {timeout:g} s and was stopped; it may be damaged "
                            "or very large (rerun it alone with a larger --timeout)."
                        )
                        yield Outcome(job, _failure(job, "timeout", message), False)
                        replace(worker)
        finally:
            for worker in workers:
                try:
                    if worker.process.is_alive() and worker.job is None:
                        worker.conn.send(None)
                except OSError:
                    pass
                worker.stop()


def _died(worker: _Worker) -> str:
    worker.process.join(timeout=1)
    code = worker.process.exitcode
    how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited with status {code}"
    return (
        f"The reader process {how} while reading this file (a crash in a parsing library, or memory "
        "exhausted); the rest of the batch went on. Please report the file."
    )
