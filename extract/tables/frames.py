"""The output tables as pandas frames: typed from `schema.SCHEMAS`, rows in file order."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import pyarrow as pa

from extract.tables.records import columns
from extract.tables.schema import CHANGES, DATE, SCHEMAS, TABLE_NAMES

# How the tables are stored (Parquet `date32`, CSV `2024-06-30`) ...
PANDAS_DTYPES = {name: {col: (pd.ArrowDtype(pa.date32()) if dtype == DATE else dtype) for col, dtype in schema.items()}
                 for name, schema in {**SCHEMAS, "changes": CHANGES}.items()}  # fmt: skip
# ... and how the frames users get hold them: a date is a pandas datetime (midnight), so `as_of`
# compares with "2024-06-30" and with pd.Timestamp, and .dt works
USER_DTYPES = {name: {col: ("datetime64[ns]" if dtype == DATE else dtype) for col, dtype in schema.items()}
               for name, schema in {**SCHEMAS, "changes": CHANGES}.items()}  # fmt: skip


@dataclass
class Tables:
    """The seven output tables as typed pandas frames (SPEC section 2), rows in file order: what
    `read_folder` and `read_file` return and every output is made from. `repr` shows rows per
    table; the frames are attributes (`tables.cards`, `tables.budget`, …)."""

    files: pd.DataFrame
    cards: pd.DataFrame
    tasks: pd.DataFrame
    budget: pd.DataFrame
    items: pd.DataFrame
    checks: pd.DataFrame
    fields: pd.DataFrame
    changes: pd.DataFrame | None = None  # only from `cardex compare`
    # only from `cardex compare`: the two runs compared, each {"folder", "cards", "as_of"}
    compared: dict[str, dict[str, object]] | None = None

    def counted(self) -> Tables:
        """The tables without the cards that repeat an earlier card of the run (`duplicate_of`):
        what totals and charts count, so a card submitted twice counts once."""
        repeats = self.cards[self.cards["duplicate_of"].notna()]
        if repeats.empty:
            return self
        keys = set(zip(repeats["source_file"], repeats["card_index"].astype(int)))

        def kept(df: pd.DataFrame) -> pd.DataFrame:
            mask = [pd.isna(i) or (s, int(i)) not in keys for s, i in zip(df["source_file"], df["card_index"])]
            return df[mask].reset_index(drop=True)

        return replace(
            self,
            **{name: kept(getattr(self, name)) for name in ("cards", "tasks", "budget", "items", "checks", "fields")},
        )

    def __repr__(self) -> str:
        """Rows per table, not every frame: `Tables(files=24, cards=46, …)`."""
        counts = [f"{name}={len(frame)}" for name, frame in self.items_by_name()]
        if self.changes is not None:
            counts.append(f"changes={len(self.changes)}")
        return f"Tables({', '.join(counts)})"

    def items_by_name(self) -> list[tuple[str, pd.DataFrame]]:
        return [(name, getattr(self, name)) for name in TABLE_NAMES]


def frame(name: str, rows: list[dict], *, storage: bool = False) -> pd.DataFrame:
    """A typed frame of `rows`: as users get it (dates as pandas datetimes), or with `storage`
    as the writer stores it (dates as Arrow date32)."""
    schema = PANDAS_DTYPES[name] if storage else USER_DTYPES[name]
    values = columns(name, rows)
    return pd.DataFrame({col: pd.Series(values[col], dtype=dtype) for col, dtype in schema.items()})


def sort_key(row: dict) -> tuple[str, int]:
    return row["source_file"], row.get("card_index") or 0


class TableBuilder:
    """Collects rows file by file and turns them into typed frames (in memory: for the API)."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}

    def add(self, rows: dict[str, list[dict]]) -> None:
        for name, table_rows in rows.items():
            self.rows[name].extend(table_rows)

    def tables(self) -> Tables:
        ordered = {name: sorted(rows, key=sort_key) for name, rows in self.rows.items()}
        return Tables(**{name: frame(name, rows) for name, rows in ordered.items()})
