"""Files read on a Dask cluster (`cardex IN --executor dask [--scheduler tcp://HOST:8786]`).

Each file is one task. A worker reads it exactly as this machine would, in
an isolated child process with the same time and memory limits
(`isolated.Reader`, one child per worker thread, reused file after file), so
a hang, a crash or an exhausted memory gives the same `files` row as
locally. Only the rows travel back; the batch on the client puts them in
input order, asks and fills the cache, and writes the tables, so they are
byte-identical to a local run.

A worker that dies mid-run loses no file: the scheduler sends its tasks to
another worker. A file whose task was in hand on two workers that died (the
scheduler's `allowed-failures`, set to 1 on the local cluster started here)
gets `crashed`. Workers must see the input paths (shared storage), which are
sent as absolute paths.

A batch stopped early cancels the tasks not yet started; a file already in
hand on a worker finishes there (or meets its time limit), as Dask cannot
interrupt a running task.

At most `in_flight` tasks are submitted at a time (default: 4 per worker
thread, at least 16), so the client's memory stays flat however many files
the batch holds.
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from extract.run.executors import Job, Outcome, RowSet
from extract.run.executors.isolated import Reader, failure

ALLOWED_FAILURES = 1  # a task may be in hand on one dying worker and be retried; the second death is the file's
_readers: dict[int, tuple[threading.Lock, Reader]] = {}  # worker thread id -> its child (per worker process)
_readers_lock = threading.Lock()


def read_on_worker(job: Job, timeout: float, memory_mb: int) -> tuple[RowSet, bool]:
    """Run on a worker: one file through this thread's isolated child."""
    key = threading.get_ident()
    with _readers_lock:
        entry = _readers.get(key)
        if entry is None or entry[1].memory_mb != memory_mb:
            if entry is not None:  # this thread's own child, idle: another batch's memory limit
                entry[1].close()
            entry = _readers[key] = (threading.Lock(), Reader(memory_mb))
    busy, reader = entry
    with busy:  # `close_readers` leaves a child alone while it reads
        outcome = reader.read(job, timeout)
    return outcome.rows, outcome.cacheable


def close_readers() -> int:
    """Run on every worker after a batch: end the idle children (each holds a Python). A child
    reading for another batch on the same cluster is left to finish."""
    closed = 0
    with _readers_lock:
        for key, (busy, reader) in list(_readers.items()):
            if busy.acquire(blocking=False):
                try:
                    reader.close()
                finally:
                    busy.release()
                del _readers[key]
                closed += 1
    return closed


def _lost(exc: BaseException) -> str:
    from distributed import KilledWorker

    if isinstance(exc, KilledWorker):
        return (
            "Two cluster workers died while this file was being read on them (a crash outside the reader, "
            "or the machine's memory exhausted); the rest of the batch went on. Please report the file."
        )
    return (
        f"The cluster could not read this file ({type(exc).__name__}: {str(exc)[:200]}); the rest of the "
        "batch went on. Check that every worker has cardex installed and sees the input folder."
    )


class DaskCluster:
    """A Dask cluster: the one at `scheduler` (an address such as tcp://host:8786), or, with
    none, a local cluster of `jobs` worker processes (0: one per core) started for the batch."""

    def __init__(
        self,
        scheduler: str | None = None,
        jobs: int = 0,
        timeout: float = 60.0,
        memory_mb: int = 1024,
        in_flight: int | None = None,
    ) -> None:
        self.scheduler, self.jobs, self.timeout, self.memory_mb = scheduler, jobs, timeout, memory_mb
        self.in_flight = in_flight

    @contextlib.contextmanager
    def _client(self):
        import dask
        from distributed import Client, LocalCluster

        if self.scheduler:
            with Client(self.scheduler) as client:
                yield client
            return
        workers = self.jobs or os.cpu_count() or 1
        with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                silence_logs=40,  # logging.ERROR: a worker restarted after a crash is the batch's business
            )  # fmt: skip
        with cluster, Client(cluster) as client:
            yield client

    def results(self, jobs: Sequence[Job]) -> Iterator[Outcome]:
        if not jobs:
            return
        from distributed import as_completed

        with self._client() as client:
            threads = sum(client.nthreads().values())
            window = self.in_flight or max(16, 4 * threads)
            run = uuid.uuid4().hex[:12]
            waiting = iter(jobs)
            by_key: dict[str, Job] = {}
            completed = as_completed()

            def submit_next() -> None:
                job = next(waiting, None)
                if job is None:
                    return
                # workers see shared storage (or the URL), not this process's working folder
                sent = replace(job, path=job.path.resolve()) if isinstance(job.path, Path) else job
                key = f"cardex-{run}-{job.index}"
                by_key[key] = job
                future = client.submit(read_on_worker, sent, self.timeout, self.memory_mb, key=key, pure=False)
                completed.add(future)

            for _ in range(window):
                submit_next()
            try:
                for future in completed:
                    job = by_key.pop(future.key)
                    try:
                        rows, cacheable = future.result()
                    except Exception as exc:  # the task itself was lost, not the file's reading
                        rows, cacheable = failure(job, "crashed", _lost(exc)), False
                    future.release()
                    submit_next()
                    yield Outcome(job, rows, cacheable)
            finally:
                for future in completed.futures:
                    future.cancel()
                with contextlib.suppress(Exception):
                    client.run(close_readers)
