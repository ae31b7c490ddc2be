"""Where files are read: the seam between a batch and the processes that read it.

A batch (`run.batch`) decides which files need reading (the cache answers
the rest), keeps the output in input order and reports progress; an
executor only turns jobs into outcomes, in whatever order they finish:

    executor.results(jobs) -> iterator of Outcome(job, rows, cacheable)

Every job yields exactly one outcome, whatever happens to the file (a hang,
a crash and an exhausted memory are outcomes too, with their `files` row),
so a new executor (a cluster's) plugs in without touching the batch.
`InProcess` reads in the caller's own process (a notebook on files it
trusts); `local.LocalProcesses` reads each file in an isolated child process
with a time and memory limit (the command line); `cluster.DaskCluster`
sends each file to a Dask worker, which reads it in the same isolated child
(`isolated.Reader`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from extract.run.inputs import InputPath

RowSet = dict[str, list[dict]]  # table name -> rows, validated against the schema


@dataclass
class Job:
    index: int  # the file's place in the input order
    path: InputPath  # a local path, or a file's URL in remote storage
    source_file: str  # the path as the tables name it (relative to the input folder)
    sha256: str | None = None  # where the batch hashed it already (for the cache)


@dataclass
class Outcome:
    job: Job
    rows: RowSet
    cacheable: bool  # False where another run may end differently (a time-out, a crash)


class Executor(Protocol):
    def results(self, jobs: Sequence[Job]) -> Iterator[Outcome]:
        """One outcome per job, as each finishes. Closing the iterator early stops the work."""


class InProcess:
    """Read each file here, one after another: quick for files you trust."""

    def results(self, jobs: Sequence[Job]) -> Iterator[Outcome]:
        from extract.run.pipeline import process_file

        for job in jobs:
            result = process_file(job.path, job.source_file, job.sha256)
            yield Outcome(job, result.rows(), result.cacheable)
