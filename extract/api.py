"""The Python API for notebooks: the same frames the command line writes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from extract.run.inputs import is_url, iter_input_files
from extract.run.pipeline import process_file
from extract.tables.frames import TableBuilder, Tables


def read_folder(
    folder: str | Path,
    exclude: Iterable[Path] = (),
    progress: Callable[[str], None] | None = None,
    *,
    isolate: bool = False,
    jobs: int = 0,
    timeout: float = 60.0,
    memory_mb: int = 1024,
    cache: str | Path | None = None,
    government_from: str | None = None,
    governments: str | Path | None = None,
    corrections: str | Path | None = None,
    dask: bool | str = False,
) -> Tables:
    """Every file under `folder` (recursively) into the seven SPEC tables.

    By default files are read in this process, one after another: quick for
    a folder you trust. `isolate=True` reads them as the command line does,
    in worker processes with a time and memory limit per file, so a hostile
    file cannot stall the notebook. `cache` (a folder) reuses the rows of
    files read before, either way. `progress` is called with each file's
    name as it is done. `government_from="folder"` takes each file's government from the
    first folder under `folder`; `governments` is a CSV of `path,government` (see the README).
    `corrections` is an analyst's corrections file (CSV, or a workbook's corrections sheet),
    applied on top of what was read. `dask=True` reads the files on a local Dask cluster of
    `jobs` workers, `dask="tcp://host:8786"` on that cluster (the `dask` extra), each file
    isolated as with `isolate=True`. `folder` may be a URL (`s3://bucket/path/`) where fsspec
    and the package for that storage are installed.
    """
    from extract.run.batch import run_batch
    from extract.run.cache import ResultCache
    from extract.run.corrections import Corrections, read_corrections
    from extract.run.executors import InProcess
    from extract.run.executors.local import LocalProcesses
    from extract.run.identity import GovernmentContext, Identity, read_mapping

    builder = TableBuilder()
    root = folder if is_url(folder) else Path(folder)
    files = list(iter_input_files(root, exclude))  # FileNotFoundError for a path that is not there
    mapping = read_mapping(Path(governments)) if governments is not None else []
    identity = Identity(GovernmentContext(from_folder=government_from == "folder", mapping=mapping))
    fixes = Corrections(read_corrections(Path(corrections)), Path(corrections).name) if corrections else None
    if dask:
        from extract.run.executors.cluster import DaskCluster

        executor = DaskCluster(dask if isinstance(dask, str) else None, jobs, timeout, memory_mb)
    else:
        executor = LocalProcesses(jobs, timeout, memory_mb) if isolate else InProcess()
    run_batch(
        files, builder.add, executor=executor, cache=ResultCache(Path(cache)) if cache is not None else None,
        on_progress=progress, annotate=identity if fixes is None else lambda rows: fixes(identity(rows)),
    )  # fmt: skip
    if fixes is not None:
        builder.add(fixes.leftovers())
    return builder.tables()


def read_file(path: str | Path) -> Tables:
    """One file into the seven SPEC tables (`files` has one row)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} is not a file")
    from extract.run.identity import Identity

    builder = TableBuilder()
    builder.add(Identity()(process_file(path, path.name).rows()))
    return builder.tables()
