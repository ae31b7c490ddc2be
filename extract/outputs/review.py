"""What needs the analyst's eye first: the review queue, and `review.xlsx` to correct it in.

Made from the typed tables only. A card enters the queue for each check
that failed (an error first, then a warning; an applied correction, an
info note, does not), for OCR confidence under REVIEW_CONFIDENCE, and for
header labels cardex does not know. Each entry carries what was read, what
the card's own figures imply, and a corrections row already aimed at the
value (`sha256`, card number, table, column, key) with the implied value
filled in where the sums give one: the analyst checks it against the paper,
keeps or edits the value, and passes the sheet back with `--corrections`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pandas as pd

from extract.run.corrections import correction_target
from extract.tables.frames import Tables
from extract.vocabulary import vocabulary

REVIEW_CONFIDENCE = 80.0  # OCR confidence (0-100) under which a scanned card is read again by a person
SEVERITY_ORDER = {"error": 0, "warning": 1, "review": 2}
CORRECTION_COLUMNS = ("sha256", "card_no", "table", "column", "key", "value", "reason", "by")
CONTEXT_COLUMNS = ("severity", "check", "what", "source_file", "page", "card_index", "government", "title",
                   "location", "actual", "expected")  # fmt: skip


def review_queue(tables: Tables) -> pd.DataFrame:
    """One row per thing to look at, most severe first, with its corrections row. A card repeating
    an earlier one (`duplicate_of`) adds nothing but its conflict, where its content differs."""
    conflicts = tables.checks[tables.checks["check"] == "conflicting_duplicate"]
    everything = tables
    tables = tables.counted()
    if len(conflicts):
        tables = replace(tables, checks=pd.concat([tables.checks, conflicts]).drop_duplicates().reset_index(drop=True))
    tables = replace(tables, cards=everything.cards)  # the conflicting card's own title and government
    labels = vocabulary().check_labels
    cards = tables.cards.set_index(["source_file", "card_index"])
    sha = dict(zip(tables.files["source_file"], tables.files["sha256"]))
    rows: list[dict] = []

    def card_of(source: str, index: object) -> pd.Series | None:
        key = (source, int(index)) if pd.notna(index) else None
        return cards.loc[key] if key is not None and key in cards.index else None

    def add(severity: str, check: str, source: str, index: object, card_no: object, location: object,
            actual: object, expected: object, target: tuple[str, str, str, object]) -> None:  # fmt: skip
        card = card_of(source, index)
        table, column, key, value = target
        rows.append(
            {
                "severity": severity, "check": check, "what": labels.get(check, check), "source_file": source,
                "card_index": None if pd.isna(index) else int(index),
                "page": None if card is None or pd.isna(card["page"]) else int(card["page"]),
                "government": None if card is None else _text(card["government"]),
                "title": None if card is None else _text(card["title"]), "location": _text(location),
                "actual": _text(actual), "expected": _text(expected),
                "sha256": sha.get(source), "card_no": _text(card_no), "table": table, "column": column,
                "key": key, "value": _text(value), "reason": None, "by": None,
            }
        )  # fmt: skip

    budget_of: dict[tuple, list[dict]] = {}  # each card's budget rows, found once (not per check)
    for row in tables.budget.to_dict("records"):
        budget_of.setdefault((row["source_file"], row["card_index"]), []).append(row)
    for check in tables.checks.itertuples(index=False):
        if check.severity == "info":
            continue
        target = correction_target(check._asdict(), budget_of.get((check.source_file, check.card_index), []))
        add(check.severity, check.check, check.source_file, check.card_index, check.card_no, check.location,
            check.actual, check.expected, target)  # fmt: skip
    for card in tables.cards.itertuples(index=False):
        if pd.notna(card.ocr_confidence) and card.ocr_confidence < REVIEW_CONFIDENCE:
            add("review", "ocr_low_confidence", card.source_file, card.card_index, card.card_no, "ocr",
                f"{card.ocr_confidence:g}", f"{REVIEW_CONFIDENCE:g}", ("cards", "", "", None))  # fmt: skip
    unknown = tables.fields[tables.fields["field"].isna() & tables.fields["label"].fillna("").str.strip().ne("")]
    for (source, index), group in unknown.groupby(["source_file", "card_index"], sort=False):
        labels_read = ", ".join(group["label"].astype(str))
        target = ("fields", "value", str(group["label"].iloc[0]), None)
        add("review", "unknown_label", source, index, group["card_no"].iloc[0], "fields", labels_read, None, target)
    queue = pd.DataFrame(rows, columns=[*CONTEXT_COLUMNS, *CORRECTION_COLUMNS])
    queue["page"] = queue["page"].astype("Int64")
    order = queue["severity"].map(SEVERITY_ORDER).fillna(3)
    return (
        queue.assign(_order=order)
        .sort_values(["_order", "source_file", "card_index"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def correction_line(entry: dict) -> str:
    """The entry's corrections row as one CSV line, to paste into a corrections file."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(["" if entry.get(c) is None else entry[c] for c in CORRECTION_COLUMNS])
    return out.getvalue()


def write_review(tables: Tables, path: str | Path) -> Path:
    """`review.xlsx`: the queue as a `corrections` sheet (read back by `--corrections`), the
    columns to fill first, what the check found after them."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    path = Path(path)
    queue = review_queue(tables)
    book = Workbook()
    sheet = book.active
    sheet.title = "corrections"
    columns = [*CORRECTION_COLUMNS, *CONTEXT_COLUMNS]
    korean = {
        "sha256": "파일 해시", "card_no": "관리번호", "table": "표", "column": "열", "key": "행 키", "value": "수정값",
        "reason": "사유", "by": "수정자", "severity": "심각도", "check": "검증 항목", "what": "설명",
        "source_file": "파일", "page": "쪽", "card_index": "파일 내 순번", "government": "기관", "title": "공약명",
        "location": "위치", "actual": "읽은 값", "expected": "카드 합계가 말하는 값",
    }  # fmt: skip
    sheet.append([korean[c] for c in columns])
    sheet.append(columns)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")
    for row in sheet.iter_rows(min_row=1, max_row=2):
        for cell in row:
            cell.font, cell.fill = bold, fill
    for entry in queue.to_dict("records"):
        sheet.append([None if pd.isna(entry[c]) else entry[c] for c in columns])
    sheet.freeze_panes = "A3"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(row=2, column=index).column_letter].width = 14 if column != "sha256" else 20
    tmp = path.with_name(f".{path.name}.tmp")
    book.save(tmp)
    tmp.replace(path)
    return path


def _text(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)
