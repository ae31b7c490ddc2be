"""The Python API for notebooks: the same frames the command line writes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .pipeline import iter_input_files, process_file
from .tables import TableBuilder, Tables


def read_folder(
    folder: str | Path,
    exclude: Iterable[Path] = (),
    progress: Callable[[str], None] | None = None,
) -> Tables:
    """Every file under `folder` (recursively) into the six SPEC tables.

    Runs in this process, one file after another: for notebooks. The command
    line runs the same pipeline in isolated worker processes (time and memory
    limits per file) and streams the tables to disk.
    """
    builder = TableBuilder()
    for path, rel in iter_input_files(Path(folder), exclude):
        if progress is not None:
            progress(rel)
        builder.add(process_file(path, rel).rows())
    return builder.tables()


def read_file(path: str | Path) -> Tables:
    """One file into the six SPEC tables (`files` has one row)."""
    path = Path(path)
    builder = TableBuilder()
    builder.add(process_file(path, path.name).rows())
    return builder.tables()
