"""Tables back from an earlier run's output folder, typed as they were written."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..rows import TABLE_NAMES
from ..tables import PANDAS_DTYPES, Tables


def load_tables(folder: str | Path) -> Tables:
    """The six tables (and `changes`, where the folder has one) from their Parquet files."""
    folder = Path(folder)
    missing = [name for name in TABLE_NAMES if not (folder / f"{name}.parquet").is_file()]
    if missing:
        raise FileNotFoundError(
            2, f"not a cardex output folder (no {', '.join(n + '.parquet' for n in missing)})", str(folder)
        )
    frames = {name: _read(folder / f"{name}.parquet", name) for name in TABLE_NAMES}
    changes = folder / "changes.parquet"
    return Tables(**frames, changes=_read(changes, "changes") if changes.is_file() else None)


def _read(path: Path, name: str) -> pd.DataFrame:
    df = pd.read_parquet(path)
    for column, dtype in PANDAS_DTYPES[name].items():
        if column in df.columns and str(df[column].dtype) != str(dtype):
            df[column] = df[column].astype(dtype)
    return df
