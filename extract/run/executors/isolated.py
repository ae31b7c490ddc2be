"""Files read one at a time in an isolated child process, with a time and a memory limit.

Every executor reads a file the same way: a child Python process, started
with `python -m extract.run.executors.isolated`, reads the files it is handed
one after another and answers with each file's rows. The parent watches
three things: the answer, the child's death (`crashed`: its pipe closes) and
the clock (`timeout`: the child is killed and replaced). The child caps its
own address space (a file that exhausts memory gets `too_large`), ignores
Ctrl-C (the parent decides what it means) and dies with its parent, so no
orphan keeps parsing after a batch is stopped.

Why a plain subprocess and not `multiprocessing`: a cluster's worker
(`dask worker`) is a daemonic process, which `multiprocessing` forbids to
have children, and a spawned `multiprocessing` child runs the caller's
`__main__` again. Here the child runs cardex's own module only; the two
sides talk through `multiprocessing.connection.Connection` over a pair of
pipes passed by descriptor.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import time
from collections import deque
from multiprocessing.connection import Connection, wait
from pathlib import Path

from extract.run.executors import Job, Outcome, RowSet
from extract.run.inputs import file_size, is_url
from extract.tables.rows import files_row
from extract.tables.schema import TABLE_NAMES
from extract.tables.validate import validate

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[3])  # the folder holding `extract/` and `parsers/`


def failure(job: Job, code: str, message: str) -> RowSet:
    """The rows of a file the child could not answer for: its `files` row alone."""
    size = file_size(job.path)
    row = files_row(job.source_file, sha256=job.sha256, size_bytes=size, error_code=code, message=message)
    rows, _ = validate({name: [row] if name == "files" else [] for name in TABLE_NAMES})
    return rows


def timeout_message(timeout: float) -> str:
    return (
        f"Reading the file took longer than {timeout:g} s and was stopped; it may be damaged "
        "or very large (rerun it alone with a larger --timeout)."
    )


class Reader:
    """One child process, reused file after file until it fails; then a new one is started.

    Up to `depth` files may be handed to the child at once: it reads them one after another, and
    the next file is already in its pipe when it answers, so it never waits for the parent to
    take an answer and send another file (the parent also merges and writes the tables). The
    file at the head of the queue is the one in hand: its clock starts when the file before it
    is answered, and a hang or a crash is its outcome alone. The files behind it were not begun
    and are handed back (`handed_back`) to be read again."""

    def __init__(self, memory_mb: int = 1024) -> None:
        self.memory_mb = memory_mb
        self.process: subprocess.Popen | None = None
        self.pending: deque[Job] = deque()  # sent to the child, in its order; the first is in hand
        self.handed_back: list[Job] = []  # sent, not begun, when the child was stopped: to read again
        self.started = 0.0

    @property
    def job(self) -> Job | None:
        """The file in hand (None: the child is idle)."""
        return self.pending[0] if self.pending else None

    # the child ---------------------------------------------------------------------------------
    def _start(self) -> None:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "extract.run.executors.isolated", str(to_child_r), str(from_child_w),
                 str(self.memory_mb), str(os.getpid())],
                pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL, env=env,
            )  # fmt: skip
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self.to_child = Connection(to_child_w, readable=False)
        self.from_child = Connection(from_child_r, writable=False)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def give(self, job: Job) -> None:
        """Hand the child one more file (starting a child first where there is none)."""
        if not self.alive():
            self.stop()
            self._start()
        if not self.pending:
            self.started = time.monotonic()
        self.pending.append(job)
        with contextlib.suppress(OSError):  # the child died at once: `collect` sees its pipe closed
            self.to_child.send((job.index, str(job.path), job.source_file, job.sha256))

    def deadline(self, timeout: float) -> float:
        return self.started + timeout

    def collect(self, timeout: float, ready: bool) -> Outcome | None:
        """The outcome of the file in hand, if there is one yet: its rows when the child answered
        (`ready`: its pipe has something), `crashed` when it died, `timeout` past the limit."""
        job = self.job
        assert job is not None
        if ready or self.from_child.poll():
            try:
                index, rows, cacheable = self.from_child.recv()
            except (EOFError, OSError):
                outcome = Outcome(job, failure(job, "crashed", self._died()), False)
                self.stop()
                return outcome
            assert index == job.index, "the child answers its files in the order they were sent"
            self.pending.popleft()
            self.started = time.monotonic()  # the next file's clock
            return Outcome(job, rows, cacheable)
        if time.monotonic() >= self.deadline(timeout):
            self.stop()
            return Outcome(job, failure(job, "timeout", timeout_message(timeout)), False)
        return None

    def read(self, job: Job, timeout: float) -> Outcome:
        """One file, start to finish (what a cluster's worker does with each file it is sent)."""
        self.give(job)
        while True:
            left = max(0.0, self.deadline(timeout) - time.monotonic())
            ready = bool(wait([self.from_child], timeout=left))
            outcome = self.collect(timeout, ready)
            if outcome is not None:
                return outcome

    def close(self) -> None:
        """Let an idle child finish on its own; kill a busy one."""
        if self.alive() and not self.pending:
            try:
                self.to_child.send(None)
                self.process.wait(timeout=5)  # type: ignore[union-attr]
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.stop()

    def stop(self) -> None:
        """End the child; the files sent to it behind the one in hand go to `handed_back`."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self.to_child.close()
            self.from_child.close()
        self.handed_back.extend(list(self.pending)[1:])
        self.process = None
        self.pending.clear()

    def _died(self) -> str:
        assert self.process is not None
        try:
            code = self.process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            code = None
        how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited with status {code}"
        return (
            f"The reader process {how} while reading this file (a crash in a parsing library, or memory "
            "exhausted); the rest of the batch went on. Please report the file."
        )


def _die_with_parent(parent: int) -> None:
    libc_name = ctypes.util.find_library("c")
    if libc_name:
        pr_set_pdeathsig = 1
        ctypes.CDLL(libc_name).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def serve(read_fd: int, write_fd: int, memory_mb: int, parent: int) -> None:
    """The child's loop: read the files the parent sends until it sends None or goes away."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from extract.run.collector import pace_reader
    from extract.run.pipeline import process_file  # imported before the cap, as the parent's own code

    pace_reader()

    if memory_mb:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    inbox, outbox = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    while True:
        try:
            message = inbox.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, path, source_file, sha256 = message
        result = process_file(path if is_url(path) else Path(path), source_file, sha256)
        outbox.send((index, result.rows(), result.cacheable))


if __name__ == "__main__":
    serve(*(int(arg) for arg in sys.argv[1:5]))
