"""The analyst's corrections, applied on top of what was read, run after run.

A corrections file (CSV, or the `corrections` sheet of a workbook such as
`cardex review` writes) holds one row per corrected value: the file's
sha256 (so renaming or moving the file keeps its corrections), the card
number, the table and column, the row's key where the table has several
rows per card (budget: `plan_kind/fund/period`; items and tasks: the item
or task number; fields: the label) and the corrected value, with an
optional reason and author. They are applied to each file's rows after the
cache and before anything is written or compared, so the cache stays valid
and the next deadline's run applies them again. Each applied correction
leaves a `corrected` check (severity info: what was read in `actual`, the
correction in `expected`); one whose file, card or row is not in the run is
a `stale_correction` warning, never dropped silently; one whose value does
not fit its column is refused when the file is read (`CorrectionError`,
every bad row in one sentence each).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from extract.tables.rows import failed_checks, restate_checks
from extract.tables.schema import BOOL, DATE, FLOAT, INT, SCHEMAS, STR
from extract.vocabulary import squash
from parsers.numbers import INT64_MAX

RowSet = dict[str, list[dict]]
COLUMNS = ("sha256", "card_no", "table", "column", "key", "value", "reason", "by")
CORRECTED, STALE = "corrected", "stale_correction"
# the columns that identify a row (or name the file): never corrected, they are how a correction finds its row
_KEY_COLUMNS = {"source_file", "card_index", "card_no", "sha256"}
_ROW_KEYS = {
    "budget": ("plan_kind", "fund", "period"),
    "items": ("item_no",),
    "tasks": ("task_no",),
    "fields": ("label",),
}
_TRUE, _FALSE = {"true", "1", "yes", "y", "예", "참"}, {"false", "0", "no", "n", "아니오", "거짓"}


class CorrectionError(ValueError):
    """A corrections file that cannot be applied as written: each line says which row and why."""


@dataclass
class Correction:
    line: int  # in the corrections file, for the sentences that name it
    sha256: str
    card_no: str
    table: str
    column: str
    key: str
    value: object  # typed for its column; None empties the cell
    written: str  # the value as the file holds it
    reason: str = ""
    by: str = ""
    applied: bool = False

    def where(self) -> str:
        return "/".join(part for part in (self.table, self.column, self.key) if part)


def read_corrections(path: Path) -> list[Correction]:
    """Corrections from a CSV or a workbook's `corrections` sheet; CorrectionError lists every row
    that names no table or column, or whose value does not fit the column."""
    rows = _rows_of(path)
    found: list[Correction] = []
    problems: list[str] = []
    for line, row in rows:
        table, column = (row.get("table") or "").strip(), (row.get("column") or "").strip()
        written = "" if row.get("value") is None else str(row.get("value")).strip()
        if not any((row.get(c) or "") for c in COLUMNS):
            continue
        if table not in SCHEMAS or table == "files":
            problems.append(f"line {line}: table {table!r} is none of cards, tasks, budget, items, checks, fields")
            continue
        if column not in SCHEMAS[table] or column in _KEY_COLUMNS:
            problems.append(f"line {line}: {table} has no column {column!r} that a correction can set")
            continue
        try:
            value = _typed(written, SCHEMAS[table][column])
        except ValueError as exc:
            problems.append(f"line {line}: {table}.{column} takes {exc}, not {written!r}; the correction was refused")
            continue
        text = {name: str(row.get(name) or "").strip() for name in ("sha256", "card_no", "key", "reason", "by")}
        found.append(
            Correction(
                line=line, sha256=text["sha256"].lower(), card_no=text["card_no"], table=table, column=column,
                key=text["key"], value=value, written=written, reason=text["reason"], by=text["by"],
            )
        )  # fmt: skip
    if problems:
        raise CorrectionError(f"{path}: " + "; ".join(problems))
    return found


def _rows_of(path: Path) -> list[tuple[int, dict]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        if "corrections" not in book.sheetnames:
            raise CorrectionError(f"{path}: the workbook has no sheet named 'corrections'")
        values = list(book["corrections"].iter_rows(values_only=True))
        book.close()
        header = _header(values)
        if header is None:
            raise CorrectionError(f"{path}: the corrections sheet has no header row with {', '.join(COLUMNS[:6])}")
        at, names = header
        return [(at + n + 2, dict(zip(names, row))) for n, row in enumerate(values[at + 1 :])]
    with open(path, encoding="utf-8-sig", newline="") as fh:
        values = list(csv.reader(fh))
    header = _header(values)
    if header is None:
        raise CorrectionError(f"{path}: no header row with {', '.join(COLUMNS[:6])}")
    at, names = header
    return [(at + n + 2, dict(zip(names, row))) for n, row in enumerate(values[at + 1 :])]


def _header(values: list) -> tuple[int, list[str]] | None:
    """The row naming the columns (a workbook may put a Korean header row above it)."""
    for at, row in enumerate(values[:5]):
        names = [str(v).strip() if v is not None else "" for v in row]
        if {"sha256", "table", "column", "value"} <= set(names):
            return at, names
    return None


def _typed(text: str, kind: object) -> object:
    if text == "":
        return None
    if kind == STR:
        return text
    if kind == INT:
        try:
            value = int(text.replace(",", "").replace(" ", ""))
        except ValueError:
            raise ValueError("a whole number (9,732,000,000)") from None
        if abs(value) > INT64_MAX:
            raise ValueError("a whole number within 19 digits")
        return value
    if kind == FLOAT:
        try:
            return float(text.replace(",", "").rstrip("%"))
        except ValueError:
            raise ValueError("a number (56.5)") from None
    if kind == BOOL:
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ValueError("true or false")
    if kind == DATE:
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            raise ValueError("a date as 2024-06-30") from None
    return text


# a header summary label in a check's location -> the cards column it fills
_HEADER_COLUMNS = {
    "total": "budget_total_krw", "national": "budget_national_krw", "provincial": "budget_provincial_krw",
    "local": "budget_local_krw", "other": "budget_other_krw",
}  # fmt: skip


def correction_target(check: dict, budget: list[dict]) -> tuple[str, str, str, object]:
    """(table, column, key, value) a correction for this failed check would set, with the value
    the card's own figures imply where they imply one; `budget` holds the budget rows of the
    check's card (rows of other cards are passed over). Shared by the review queue, which offers the correction,
    and by `Corrections`, which settles the check once such a correction is applied."""
    location = check.get("location") or ""
    name = check.get("check")
    if name in ("progress_range", "completed_progress"):
        return "cards", "progress_pct", "", None
    if name == "required_field":
        return "cards", location, "", None
    if name == "government_ambiguous":
        return "cards", "government", "", None
    if name == "budget_header_mismatch" and location.startswith("header/"):
        return "cards", _HEADER_COLUMNS.get(location.split("/", 1)[1], "budget_total_krw"), "", check.get("expected")
    if name in ("budget_row_sum", "budget_column_sum", "ocr_figure_repaired") and "/" in location:
        kind, label = location.split("/", 1)[0], location.split("/")[-1]
        mine = [
            r for r in budget if r["source_file"] == check["source_file"] and r["card_index"] == check["card_index"]
        ]
        if name == "budget_row_sum":  # the row's 계 disagrees with its periods: the 계 is what the sums fix
            found = [r for r in mine if (r["plan_kind"], r["fund_label"], r["period"]) == (kind, label, "total")]
        else:
            found = [r for r in mine if (r["plan_kind"], r["period_label"], r["fund"]) == (kind, label, "total")]
        if found:
            r = found[0]
            return "budget", "amount_krw", f"{r['plan_kind']}/{r['fund']}/{r['period']}", check.get("expected")
        return "budget", "amount_krw", "", None
    return "cards", "", "", None


class Corrections:
    """Applied to every file's rows in input order (`run_batch(annotate=…)`)."""

    def __init__(self, corrections: list[Correction], source: str = "corrections") -> None:
        self.corrections = corrections
        self.source = source  # the corrections file's name, for the checks of those that applied nowhere
        self.by_sha: dict[str, list[Correction]] = {}
        for correction in corrections:
            self.by_sha.setdefault(correction.sha256, []).append(correction)

    def __call__(self, rows: RowSet) -> RowSet:
        files = rows.get("files") or []
        mine = self.by_sha.get(files[0].get("sha256") or "") if files else None
        if not mine:
            return rows
        checks = rows.setdefault("checks", [])
        before = failed_checks(checks)
        applied: set[int] = set()
        for correction in mine:
            correction.applied = True
            card = next((c for c in rows.get("cards", []) if _same(c.get("card_no"), correction.card_no)), None)
            target = None if card is None else _target(rows, card, correction)
            if target is None:
                checks.append(self._stale(correction, files[0]["source_file"], card))
                continue
            read = target.get(correction.column)
            target[correction.column] = correction.value
            applied.add(correction.line)
            who, why = correction.by or "the analyst", f": {correction.reason}" if correction.reason else ""
            checks.append(
                {
                    "source_file": card["source_file"], "card_index": card["card_index"],
                    "card_no": card.get("card_no"), "check": CORRECTED, "severity": "info",
                    "message": f"corrected by {who}{why} (corrections line {correction.line})",
                    "expected": correction.written or None, "actual": None if read is None else str(read),
                    "location": correction.where(),
                }
            )  # fmt: skip
        self._settle(rows, [c for c in mine if c.applied and c.line in applied])
        restate_checks(files[0], before, failed_checks(checks))
        return rows

    def _settle(self, rows: RowSet, corrections: list[Correction]) -> None:
        """A failed check whose value an applied correction set is settled: it stays in the table,
        as a note (severity info) that names the correction, and leaves the review queue."""
        budget = rows.get("budget", [])
        for check in rows.get("checks", []):
            if check.get("severity") == "info" or check.get("card_index") is None:
                continue
            table, column, key, _ = correction_target(check, budget)
            for correction in corrections:
                if (table, column, key) == (correction.table, correction.column, correction.key) and column:
                    card_no = check.get("card_no")
                    if _same(card_no, correction.card_no):
                        check["severity"] = "info"
                        check["message"] = f"settled by the correction on line {correction.line}: {check['message']}"
                        break

    def leftovers(self) -> RowSet:
        """The corrections whose file was not in the run: each a stale_correction check, so no
        correction is dropped silently when the file it was made for is gone."""
        checks = [self._stale(c, self.source, None) for c in self.corrections if not c.applied]
        return {"checks": checks} if checks else {}

    def _stale(self, correction: Correction, source_file: str, card: dict | None) -> dict:
        if source_file == self.source:
            why = f"no file of this run has sha256 {correction.sha256[:12]}…"
        elif card is None:
            why = f"the file holds no card numbered {correction.card_no!r}"
        else:
            why = f"the card has no {correction.table} row {correction.key!r}"
        return {
            "source_file": source_file, "card_index": None if card is None else card["card_index"],
            "card_no": correction.card_no or None, "check": STALE, "severity": "warning",
            "message": f"The correction on line {correction.line} of the corrections file was not applied: {why}; "
            "update or remove it",
            "expected": correction.written or None, "actual": None, "location": correction.where(),
        }  # fmt: skip


def _same(card_no: object, wanted: str) -> bool:
    return squash(str(card_no or "")) == squash(wanted)


def _target(rows: RowSet, card: dict, correction: Correction) -> dict | None:
    """The row a correction sets: the card's own row, or its row of the table with that key."""
    if correction.table == "cards":
        return card
    keys = _ROW_KEYS.get(correction.table)
    wanted = correction.key.split("/") if keys and len(keys) > 1 else [correction.key]
    for row in rows.get(correction.table, []):
        if row.get("card_index") != card["card_index"]:
            continue
        if keys is None or [squash(str(row.get(k) or "")) for k in keys] == [squash(w) for w in wanted]:
            return row
    return None
