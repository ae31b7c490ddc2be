"""Writing the tables: all or nothing.

Tables are written into a temporary folder beside the output folder and
swapped in only once every file is complete, so a failed or interrupted run
leaves the previous outputs as they were. CSVs are UTF-8 with a BOM (Excel
opens Korean text correctly only then) and byte-identical for identical
input; Parquet keeps the dtypes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .tables import Tables


def check_writable(out: Path) -> None:
    """Raise OSError early when the output folder cannot be created or replaced."""
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    probe = tempfile.mkdtemp(prefix=f".{out.name}.probe-", dir=parent)
    os.rmdir(probe)


def write_tables(tables: Tables, out: Path) -> None:
    out = out.resolve()
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=parent))
    try:
        for name, df in tables.items_by_name():
            df.to_csv(staging / f"{name}.csv", index=False, encoding="utf-8-sig", lineterminator="\n")
            table = pa.Table.from_pandas(df, preserve_index=False)
            pq.write_table(table, staging / f"{name}.parquet")
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_in(staging: Path, out: Path) -> None:
    """Replace `out` by `staging`, keeping dotfiles (such as .gitkeep) of the old folder."""
    if out.exists():
        for keep in out.iterdir():
            if keep.name.startswith(".") and keep.is_file():
                shutil.copy2(keep, staging / keep.name)
        retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.rmdir(retired)
        os.rename(out, retired)
        os.rename(staging, out)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.rename(staging, out)
