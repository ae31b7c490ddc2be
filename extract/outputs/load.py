"""Tables back from an earlier run's output folder, typed as they were written."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from extract.tables.frames import USER_DTYPES, Tables, frame
from extract.tables.schema import TABLE_NAMES

# Tables added after the first release: an earlier run's folder may lack them (read as empty).
LATER_TABLES = ("fields",)
COMPARED_FILE = "compared.json"  # written by `cardex compare`: the two runs the changes are between


def load_tables(folder: str | Path) -> Tables:
    """The tables (and `changes`, where the folder has one) from their Parquet files."""
    folder = Path(folder)
    missing = [n for n in TABLE_NAMES if n not in LATER_TABLES and not (folder / f"{n}.parquet").is_file()]
    if missing:
        raise FileNotFoundError(
            2, f"not a cardex output folder (no {', '.join(n + '.parquet' for n in missing)})", str(folder)
        )
    frames = {
        name: _read(folder / f"{name}.parquet", name) if (folder / f"{name}.parquet").is_file() else frame(name, [])
        for name in TABLE_NAMES
    }
    changes = folder / "changes.parquet"
    compared = folder / COMPARED_FILE
    return Tables(
        **frames,
        changes=_read(changes, "changes") if changes.is_file() else None,
        compared=json.loads(compared.read_text(encoding="utf-8")) if changes.is_file() and compared.is_file() else None,
    )


def _read(path: Path, name: str) -> pd.DataFrame:
    """A table as written; columns added since (government, duplicate_of, …) come back empty, in
    the schema's order, so an earlier run's folder compares with today's."""
    df = pd.read_parquet(path)
    for column, dtype in USER_DTYPES[name].items():
        if column not in df.columns:
            df[column] = pd.Series([None] * len(df), dtype=dtype)
        elif str(df[column].dtype) != str(dtype):
            df[column] = df[column].astype(dtype)
    return df[[*USER_DTYPES[name], *(c for c in df.columns if c not in USER_DTYPES[name])]]
