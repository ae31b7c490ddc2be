"""Every file read on this machine, in isolated child processes (`executors.isolated`).

Why not multiprocessing.Pool or ProcessPoolExecutor: a Pool can hang for
ever when a worker is killed, and an Executor marks every pending file as
failed once one worker dies. Here each child is a plain process with its
own pipes; the parent hands each up to two files (the one it reads and the
next, so it never waits for the parent between files) and waits on all of
them at once, and a child that hangs, crashes or runs out of memory costs
only the file in hand; the file queued behind it is read by the next child
(see `isolated.Reader`).

Outcomes are handed on as they finish; the batch puts them back in input
order, so the written tables are byte-identical whatever the number of
children.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterator, Sequence
from multiprocessing.connection import wait

from extract.run.executors import Job, Outcome
from extract.run.executors.isolated import Reader


class LocalProcesses:
    """`jobs` child processes on this machine (0: one per core), each file limited to `timeout`
    seconds and each child to `memory_mb` MiB of address space. Each child holds `DEPTH` files
    at a time (`isolated.Reader`): the one it reads and the next."""

    DEPTH = 2

    def __init__(self, jobs: int = 0, timeout: float = 60.0, memory_mb: int = 1024) -> None:
        self.jobs, self.timeout, self.memory_mb = jobs, timeout, memory_mb

    def results(self, jobs: Sequence[Job]) -> Iterator[Outcome]:
        queue: deque[Job] = deque(jobs)
        readers = [Reader(self.memory_mb) for _ in range(max(1, min(self.jobs or os.cpu_count() or 1, len(queue))))]
        try:
            while queue or any(r.job is not None for r in readers):
                for reader in readers:
                    while len(reader.pending) < self.DEPTH and queue:
                        reader.give(queue.popleft())
                busy = [r for r in readers if r.job is not None]
                soonest = min(r.deadline(self.timeout) for r in busy)
                ready = set(wait([r.from_child for r in busy], timeout=max(0.0, soonest - time.monotonic())))
                for reader in busy:
                    outcome = reader.collect(self.timeout, reader.from_child in ready)
                    if reader.handed_back:  # not begun by a child that hung or died: read by the next
                        queue.extendleft(reversed(reader.handed_back))
                        reader.handed_back.clear()
                    if outcome is not None:
                        yield outcome
        finally:
            for reader in readers:
                reader.close()
