"""Writing the tables: streamed, escaped for spreadsheets, swapped in atomically.

Rows are appended file by file to CSV and Parquet writers in a staging
folder beside the output folder, so memory stays flat however large the
batch. Only when every table is complete is the staging folder exchanged
with the output folder in one atomic step (Linux renameat2 RENAME_EXCHANGE),
so an interrupted run (Ctrl-C, SIGTERM, even SIGKILL) leaves the previous
outputs whole and readable.

CSV cells of text columns that a spreadsheet would run as a formula
(starting with = + - @, a tab or a line break) are prefixed with an
apostrophe; so is a cell that already starts with one, which makes the
escaping reversible (`unescape_cell`). Numbers, and text that is a plain
number such as `-15000` or a lone `-`, are left alone. Parquet keeps every
value unchanged.
"""

from __future__ import annotations

import csv
import ctypes
import ctypes.util
import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from extract.tables.frames import frame
from extract.tables.records import records
from extract.tables.schema import FLOAT, SCHEMAS, STR, TABLE_NAMES
from extract.tables.validate import InvalidRows, validate

FLUSH_ROWS = 20_000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "'")
_FORMULA_PATTERN = "^[=+\\-@\t\r\n']"  # what `_FORMULA_START` lists, for Arrow's regex
_PLAIN_NUMBER = re.compile(r"^[+-]?[\d,]*(\.\d+)?$")


def escape_cell(value: str) -> str:
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def escaped_for_csv(df, schema: dict[str, object]):
    """A copy of `df` whose text columns are escaped with `escape_cell`."""
    escaped = df.copy()
    for column, dtype in schema.items():
        if dtype == STR:
            values = escaped[column]
            risky = values.str.startswith(_FORMULA_START).fillna(False).astype(bool)
            if risky.any():  # most cells start with a letter: only the few that may not are looked at
                escaped.loc[risky, column] = values[risky].map(escape_cell)
    return escaped


def unescape_cell(value: str) -> str:
    """The inverse of `escape_cell`, for reading cardex CSVs back."""
    return value[1:] if value.startswith("'") else value


def check_writable(out: Path) -> None:
    """Raise OSError early when the output folder cannot be created or replaced."""
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    probe = tempfile.mkdtemp(prefix=f".{out.name}.probe-", dir=parent)
    os.rmdir(probe)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(20, "exists and is not a folder", str(out))


class StagedFolder:
    """A hidden folder beside `out`, filled by the caller, then swapped in for `out` in one step."""

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(self.out)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.new-{os.getpid()}-", dir=self.out.parent))
        # mkdtemp makes the folder private (0700); the output is the user's, as any folder they make
        os.chmod(self.staging, 0o777 & ~_umask())

    def commit_files(self, extras: Callable[[Path], None] | None = None) -> None:
        """Swap the staging folder in, once `extras` has added its files."""
        if extras is not None:
            extras(self.staging)
        if self.out.exists():
            for keep in self.out.iterdir():  # dotfiles (.gitkeep) are not ours: carry them over
                if keep.name.startswith(".") and keep.is_file():
                    shutil.copy2(keep, self.staging / keep.name)
            if _exchange(self.staging, self.out):
                shutil.rmtree(self.staging, ignore_errors=True)
                return
            retired = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
            os.rename(self.out, retired)
            os.rename(self.staging, self.out)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.rename(self.staging, self.out)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


class OutputFolder(StagedFolder):
    """Staging folder with one CSV and one Parquet writer per table."""

    def __init__(self, out: Path) -> None:
        super().__init__(out)
        self.pending: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
        self.counts: dict[str, int] = dict.fromkeys(TABLE_NAMES, 0)
        self.dropped: dict[str, int] = dict.fromkeys(TABLE_NAMES, 0)  # rows no table could hold (should stay 0)
        self.csv = {}
        self.parquet = {}
        for name in TABLE_NAMES:
            # UTF-8 with a byte-order mark, which Excel needs to read Korean; written by hand, as the
            # utf-8-sig codec encodes each write in Python and the C codec does it many times faster
            handle = open(self.staging / f"{name}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in commit/abort
            handle.write("\ufeff" + ",".join(SCHEMAS[name]) + "\n")
            self.csv[name] = handle
            schema = pa.Schema.from_pandas(frame(name, [], storage=True), preserve_index=False)
            self.parquet[name] = pq.ParquetWriter(self.staging / f"{name}.parquet", schema)

    def add(self, rows: dict[str, list[dict]], *, validated: bool = False) -> None:
        """One file's rows. Rows that did not come from `process_file` or `run_batch` (which
        validate them where the file is read: pass `validated=True`) are checked here, so rows
        from anywhere cannot break the writer: a file whose rows do not fit keeps only its
        `files` row."""
        if not validated:
            rows = _validated(rows)
        for name, table_rows in rows.items():
            self.pending[name].extend(table_rows)
            if len(self.pending[name]) >= FLUSH_ROWS:
                self._flush(name)

    def _arrow(self, name: str, rows: list[dict]) -> tuple[list[dict], pa.Table]:
        """The rows and their Arrow table, typed by the Parquet schema; should a row still not fit
        (a gap in the validation), the rows are converted one by one and that row alone is dropped."""
        schema = self.parquet[name].schema
        try:
            return rows, pa.Table.from_pylist(rows, schema=schema)
        except Exception:
            kept = []
            for row in rows:
                try:
                    pa.Table.from_pylist([row], schema=schema)
                    kept.append(row)
                except Exception:
                    self.dropped[name] += 1
            return kept, pa.Table.from_pylist(kept, schema=schema)

    def _flush(self, name: str) -> None:
        rows = self.pending[name]
        if not rows:
            return
        rows, table = self._arrow(name, rows)
        self.parquet[name].write_table(table)
        _write_csv(self.csv[name], records(name, rows), table, SCHEMAS[name])
        self.counts[name] += table.num_rows
        self.pending[name] = []

    def commit(self, extras: Callable[[Path], None] | None = None) -> None:
        """Finish every file, let `extras` add files made from the finished tables (the
        workbook, the report) to the staging folder, then put it in place of the output folder."""
        for name in TABLE_NAMES:
            self._flush(name)
            self.csv[name].close()
            self.parquet[name].close()
        self.commit_files(extras)

    def abort(self) -> None:
        for name in TABLE_NAMES:
            try:
                self.csv[name].close()
                self.parquet[name].close()
            except Exception:
                pass
        super().abort()


def _write_csv(handle, found: list[tuple], table: pa.Table, schema: dict[str, object]) -> None:
    """Rows as `DataFrame.to_csv` writes the typed frame (the format cardex has always written):
    minimal quoting, an empty cell for a missing value, numbers as Python prints them (a
    Float64 column's 50 as `50.0`), True/False, ISO dates; text cells escaped (`escape_cell`).
    The csv module itself writes None as an empty cell, a float as its repr and anything else
    as its str, so the records (`found`, `records.records`) are written as they are, but for the
    few cells that need it: text that may be a formula (found in the Arrow `table` at once),
    a whole number in a number column."""
    changed: dict[int, dict[int, object]] = {}  # row -> column -> the value written
    for at, (column, dtype) in enumerate(schema.items()):
        if dtype == STR:
            risky = pc.fill_null(pc.match_substring_regex(table.column(column), _FORMULA_PATTERN), False)
            if pc.any(risky).as_py():
                for i in pc.indices_nonzero(risky).to_pylist():
                    changed.setdefault(i, {})[at] = escape_cell(found[i][at])
        elif dtype == FLOAT:
            for i in [i for i, row in enumerate(found) if type(row[at]) is int]:
                changed.setdefault(i, {})[at] = float(found[i][at])
    rows: list = found
    if changed:
        rows = list(found)
        for i, cells in changed.items():
            row = list(rows[i])
            for at, value in cells.items():
                row[at] = value
            rows[i] = row
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    handle.write(buffer.getvalue())


def _validated(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    try:
        return validate({name: list(table) for name, table in rows.items()})[0]
    except InvalidRows as exc:
        row = dict(rows["files"][0]) if rows.get("files") else {}
        row.update(status="error", n_cards=0, error_code=exc.code, message=exc.message)
        return validate({"files": [{col: row.get(col) for col in SCHEMAS["files"]}]})[0]


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def _remove_abandoned(out: Path) -> None:
    """Staging folders left by runs that were killed (their process is gone)."""
    for path in out.parent.glob(f".{out.name}.*-*"):
        match = re.match(rf"\.{re.escape(out.name)}\.(?:new|old)-(\d+)-?", path.name)
        if match and path.is_dir() and not _alive(int(match[1])):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _umask() -> int:
    """The process's umask (read by setting it, then put back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
