"""The files beside the tables: what `make extract`, `cardex report`, `cardex workbook` and
`cardex compare` write, always from typed tables (fresh or loaded from a folder)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

from extract.outputs.load import COMPARED_FILE, load_tables
from extract.outputs.report import write_report
from extract.outputs.workbook import write_workbook
from extract.tables.frames import Tables, frame
from extract.tables.schema import TABLE_NAMES


def write_extras(folder: Path, tables: Tables | None = None, *, report: bool = True, xlsx: bool = True) -> list[Path]:
    """`tables.xlsx` and `report.html` in `folder`, from `tables` or from the folder's own Parquet files."""
    if not (report or xlsx):
        return []
    tables = tables if tables is not None else load_tables(folder)
    written = []
    if xlsx:
        written.append(write_workbook(tables, folder / "tables.xlsx"))
    if report:
        written.append(write_report(tables, folder / "report.html"))
    return written


def write_changes(old_folder: Path, new_folder: Path, out: Path, *, report: bool = True, xlsx: bool = True) -> Tables:
    """`cardex compare`: the changes between two runs' folders, written into `out` with the new
    run's tables (so `out` is a complete output folder), the workbook and the report."""
    from extract.outputs.compare import compare
    from extract.outputs.writer import StagedFolder

    old, new = load_tables(old_folder), load_tables(new_folder)
    new.changes = compare(old, new)
    new.compared = {"old": _run_facts(old, old_folder), "new": _run_facts(new, new_folder)}
    staging = StagedFolder(out)
    try:
        _copy_tables(new_folder, staging.staging)
        _write_changes(new, staging.staging)
        (staging.staging / COMPARED_FILE).write_text(json.dumps(new.compared, ensure_ascii=False, indent=1) + "\n")

        def extras(path: Path) -> None:
            write_extras(path, new, report=report, xlsx=xlsx)

        staging.commit_files(extras)
    except BaseException:
        staging.abort()
        raise
    return new


def _run_facts(tables: Tables, folder: Path) -> dict[str, object]:
    """A run as the comparison names it: its folder, its as-of dates, the cards that count."""
    cards = tables.counted().cards
    dates = sorted({d.date().isoformat() for d in pd.to_datetime(cards["as_of"]).dropna()})
    as_of = None if not dates else dates[0] if len(dates) == 1 else f"{dates[0]} ~ {dates[-1]}"
    return {"folder": str(folder), "as_of": as_of, "cards": len(cards)}


def _copy_tables(source: Path, target: Path) -> None:
    for name in TABLE_NAMES:
        for suffix in (".csv", ".parquet"):
            shutil.copy2(source / f"{name}{suffix}", target / f"{name}{suffix}")


def _write_changes(tables: Tables, target: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from extract.outputs.writer import escaped_for_csv
    from extract.tables.schema import CHANGES

    changes = tables.changes if tables.changes is not None else frame("changes", [])
    stored = pa.Schema.from_pandas(frame("changes", [], storage=True), preserve_index=False)  # dates as date32
    pq.write_table(pa.Table.from_pandas(changes, schema=stored, preserve_index=False), target / "changes.parquet")
    escaped_for_csv(changes, CHANGES).to_csv(
        target / "changes.csv", index=False, encoding="utf-8-sig", lineterminator="\n"
    )
