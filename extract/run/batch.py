"""A batch: every input file read once, by an executor, its rows handed on in input order.

The batch asks the cache first (a file whose bytes were read before, by the
same cardex, needs no reading), gives the rest to an executor (see
`run.executors`), stores what may be stored, and passes each file's rows on
through a small reorder buffer, so the tables are byte-identical whatever
the executor and however many workers it runs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from extract.run.cache import ResultCache
from extract.run.collector import paced
from extract.run.executors import Executor, Job, RowSet
from extract.run.inputs import InputPath, file_sha256
from extract.tables.validate import validate


def run_batch(
    files: list[tuple[InputPath, str]],
    on_result: Callable[[RowSet], None],
    *,
    executor: Executor | None = None,
    cache: ResultCache | None = None,
    on_progress: Callable[[str], None] | None = None,
    annotate: Callable[[RowSet], RowSet] | None = None,
    **limits: float,
) -> int:
    """Read every file; call `on_result` once per file, in input order, with rows validated against
    the schema (by the reader, or here for cache hits). `executor` defaults to isolated worker
    processes on this machine, with `limits` (jobs, timeout, memory_mb). `annotate` sees each
    file's rows in input order before they are handed on, after the cache (`run.identity`: what
    depends on a file's place in the input). Returns how many files were reused from the cache."""
    if executor is None:
        from extract.run.executors.local import LocalProcesses

        executor = LocalProcesses(**limits)  # type: ignore[arg-type]
    done: dict[int, RowSet] = {}
    jobs: list[Job] = []
    reused = 0
    for index, (path, source_file) in enumerate(files):
        job = Job(index, path, source_file)
        if cache is not None:
            try:
                job.sha256 = file_sha256(path)
            except Exception:  # unreadable here (or unreachable storage): read it, and its row says why
                job.sha256 = None
            hit = cache.get(job.sha256, source_file) if job.sha256 else None
            if hit is not None:
                done[index] = validate(hit)[0]  # stored validated; the file's current name is new
                reused += 1
                continue
        jobs.append(job)

    next_out = 0

    def hand_on() -> None:
        nonlocal next_out
        while next_out in done:
            rows = done.pop(next_out)
            on_result(annotate(rows) if annotate is not None else rows)
            next_out += 1

    hand_on()
    with paced(), contextlib.closing(executor.results(jobs)) as outcomes:
        for outcome in outcomes:
            done[outcome.job.index] = outcome.rows
            if outcome.cacheable and cache is not None and outcome.job.sha256:
                cache.put(outcome.job.sha256, outcome.rows)
            if on_progress is not None:
                on_progress(outcome.job.source_file)
            hand_on()
    return reused
