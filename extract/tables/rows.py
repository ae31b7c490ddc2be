"""Rows of the output tables as plain dicts (no pandas), so worker processes stay light: a file's
`files` row and the rows of each of its cards."""

from __future__ import annotations

from extract.cards.card import Card


def files_row(
    source_file: str,
    *,
    sha256: str | None = None,
    size_bytes: int | None = None,
    error_code: str | None = None,
    message: str | None = None,
) -> dict:
    """The one `files` row of a file, as it starts: an error until the file is read (so a
    reader that dies half-way leaves an honest row), or the failure it is given."""
    return {
        "source_file": source_file, "sha256": sha256, "size_bytes": size_bytes, "format": "unknown",
        "government": None, "encoding": None, "status": "error", "n_cards": 0, "error_code": error_code,
        "message": message,
    }  # fmt: skip


def checks_note(failed: int) -> str:
    """The sentence a file's `message` opens with when its cards failed checks."""
    return f"{failed} check(s) to look at; see the checks table."


def failed_checks(checks: list[dict]) -> int:
    """Checks that failed (error or warning); an `info` note (an applied correction) is none."""
    return sum(1 for check in checks if check.get("severity") != "info")


def restate_checks(file_row: dict, before: int, after: int) -> None:
    """A file's `message` and `status` after checks were added or settled across files (the
    run's identity and corrections passes), so the count it states stays the count of failed
    checks (warning or error: an `info` note is no failure) the checks table holds."""
    message = file_row.get("message") or ""
    stated = checks_note(before) if before else ""
    rest = message[len(stated) :].lstrip() if stated and message.startswith(stated) else message
    file_row["message"] = " ".join(part for part in (checks_note(after) if after else "", rest) if part) or None
    if file_row.get("status") in ("ok", "warning"):
        file_row["status"] = "warning" if file_row["message"] else "ok"


def card_rows(source_file: str, index: int, card: Card) -> dict[str, list[dict]]:
    """Rows of every card-level table for one card."""
    key = {"source_file": source_file, "card_index": index, "card_no": card.row.get("card_no")}
    return {
        "cards": [{"source_file": source_file, "card_index": index, **card.row}],
        "tasks": [
            {**key, "task_no": t.task_no, "text": t.text, "amount_krw": t.amount_krw, "end_year": t.end_year}
            for t in card.tasks
        ],
        "budget": [
            {
                **key,
                "plan_kind": c.plan_kind,
                "fund_label": c.fund_label,
                "fund": c.fund,
                "period_label": c.period.label,
                "period": c.period.code,
                "year": c.period.year,
                "year_to": c.period.year_to,
                "amount_krw": c.amount_krw,
                "amount_raw": c.amount_raw,
            }
            for c in card.matrix.cells
        ],
        "items": [
            {
                **key,
                "section_no": i.section_no,
                "section_title": i.section_title,
                "item_no": i.item_no,
                "level": i.level,
                "marker": i.marker,
                "text": i.text,
                "parent_item_no": i.parent_item_no,
            }
            for i in card.items
        ],
        "checks": [
            {
                **key,
                "check": c.check,
                "severity": c.severity,
                "message": c.message,
                "expected": c.expected,
                "actual": c.actual,
                "location": c.location,
            }
            for c in card.checks
        ],
        "fields": [{**key, **row} for row in card.field_rows()],
    }
