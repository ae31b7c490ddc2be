"""Consistency checks: what a careful reader of a card would verify.

Each failed check is one row with the numbers on both sides, so an analyst
can see at a glance what disagrees: `expected` is what the other figures
imply, `actual` what the card states.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from extract.cards.budget import BudgetCell, Matrix
from extract.cards.government import Resolution
from extract.cards.money import BudgetSummary
from extract.cards.ocr_repair import Repair
from extract.cards.pairs import Pair
from parsers.numbers import OutOfRange

REQUIRED_FIELDS = ("as_of", "card_no", "title", "lead_department", "status")


@dataclass(slots=True)
class Check:
    check: str
    severity: str  # error, warning
    message: str
    expected: str | None
    actual: str | None
    location: str | None = None


def _won(value: int | None) -> str:
    return "" if value is None else f"{value:,}원"


def range_checks(found: list[tuple[str, OutOfRange]]) -> list[Check]:
    """Figures too long to be real: the value stays empty, the raw text is kept, and this says why."""
    return [
        Check(
            "value_out_of_range",
            "error",
            f"The figure {exc.text!r} at {where} was not read: {exc.reason}; check the card for a typing error",
            "a real figure",
            exc.text,
            where,
        )
        for where, exc in found
    ]


def budget_checks(matrix: Matrix) -> list[Check]:
    found: list[Check] = []
    by_row: dict[tuple[str, str], list[BudgetCell]] = defaultdict(list)
    for cell in matrix.cells:
        by_row[(cell.plan_kind, cell.fund_label)].append(cell)
    for (kind, fund_label), cells in by_row.items():
        total = next((c for c in cells if c.period.kind == "total"), None)
        parts = [c.amount_krw for c in cells if c.period.kind != "total" and c.amount_krw is not None]
        if total is None or total.amount_krw is None or not parts:
            continue
        if sum(parts) != total.amount_krw:
            found.append(
                Check(
                    "budget_row_sum",
                    "error",
                    f"{kind} {fund_label}: the periods add up to {_won(sum(parts))} "
                    f"but 계 says {_won(total.amount_krw)}",
                    str(sum(parts)),
                    str(total.amount_krw),
                    f"{kind}/{fund_label}",
                )
            )
    by_column: dict[tuple[str, str], list[BudgetCell]] = defaultdict(list)
    for cell in matrix.cells:
        by_column[(cell.plan_kind, cell.period.label)].append(cell)
    for (kind, period_label), cells in by_column.items():
        total = next((c for c in cells if c.fund == "total"), None)
        parts = [c.amount_krw for c in cells if c.fund not in (None, "total") and c.amount_krw is not None]
        if total is None or total.amount_krw is None or not parts:
            continue
        if sum(parts) != total.amount_krw:
            found.append(
                Check(
                    "budget_column_sum",
                    "error",
                    f"{kind} {period_label}: the sources add up to {_won(sum(parts))} "
                    f"but {total.fund_label} says {_won(total.amount_krw)}",
                    str(sum(parts)),
                    str(total.amount_krw),
                    f"{kind}/{period_label}",
                )
            )
    return found


def header_budget_checks(summary: BudgetSummary, matrix: Matrix) -> list[Check]:
    if summary.total is None or summary.non_budget or not matrix.found:
        return []
    planned = matrix.planned_totals()
    found = []
    for fund in ("total", "national", "provincial", "local", "other"):
        stated = getattr(summary, fund)
        in_matrix = planned.get(fund)
        if stated is None or in_matrix is None or stated == in_matrix:
            continue
        found.append(
            Check(
                "budget_header_mismatch",
                "error",
                f"The header's budget ({fund}) says {_won(stated)} but the matrix's planned 계 is {_won(in_matrix)}",
                str(in_matrix),
                str(stated),
                f"header/{fund}",
            )
        )
    return found


def progress_checks(progress: float | None, status_code: str | None) -> list[Check]:
    found = []
    if progress is not None and not 0 <= progress <= 100:
        found.append(
            Check(
                "progress_range",
                "error",
                f"Progress {progress:g}% is outside 0–100",
                "0-100",
                f"{progress:g}",
                "progress_pct",
            )
        )
    if status_code == "completed" and progress is not None and progress < 100:
        found.append(
            Check(
                "completed_progress",
                "warning",
                f"The status says completed but progress is {progress:g}%",
                "100",
                f"{progress:g}",
                "progress_pct",
            )
        )
    return found


def required_checks(row: dict) -> list[Check]:
    return [
        Check("required_field", "warning", f"The card has no {name}", "present", "", name)
        for name in REQUIRED_FIELDS
        if row.get(name) in (None, "")
    ]


# Below this mean word confidence (0-100) an OCR reading is flagged: at the scan samples
# 85-92 the figures are mostly right and the sums catch the rest; under 70 Tesseract is
# guessing at whole words.
OCR_CONFIDENCE_FLOOR = 70.0


def ocr_checks(confidence: float | None) -> list[Check]:
    """A card read from a scan whose OCR confidence is low: retype or check it against the paper."""
    if confidence is None or confidence >= OCR_CONFIDENCE_FLOOR:
        return []
    return [
        Check(
            "ocr_low_confidence",
            "warning",
            f"The card was read by OCR with a confidence of {confidence:.0f} (below {OCR_CONFIDENCE_FLOOR:.0f}); "
            "check every figure against the paper, or ask for the digital file",
            f">= {OCR_CONFIDENCE_FLOOR:.0f}",
            f"{confidence:.1f}",
            "ocr",
        )
    ]


def repair_checks(repairs: list[Repair]) -> list[Check]:
    """Every figure an OCR repair set: what was read, and what the sums made of it."""
    found = []
    for r in repairs:
        read = " ".join(r.read.split())
        if r.reading is not None:
            reading = " ".join(r.reading.split())
            message, expected = f"OCR read {read!r}; it is taken as {reading!r} because {r.because}", reading
        else:
            message, expected = f"OCR read {read!r}; it is taken as {_won(r.value)} because {r.because}", str(r.value)
        found.append(
            Check(
                "ocr_figure_repaired", "warning", message + "; check it against the paper", expected, read, r.location
            )
        )
    return found


def label_repair_checks(pairs: list[Pair]) -> list[Check]:
    """Every header label OCR garbled and the vocabulary put right (a speck dropped, one letter)."""
    return [
        Check(
            "ocr_label_repaired",
            "warning",
            f"OCR read the label {p.read_as!r}; it is taken as {p.label!r}, the only known label it can be; "
            "check it against the paper",
            p.label,
            p.read_as,
            f"header/{p.label}",
        )
        for p in pairs
        if p.read_as is not None
    ]


def matrix_missing_checks(summary: BudgetSummary, matrix: Matrix) -> list[Check]:
    """A header that states money but no budget matrix was read: say so rather than look clean."""
    if summary.non_budget or matrix.found or not summary.total:
        return []
    return [
        Check(
            "budget_matrix_missing",
            "warning",
            "The header states a budget but no budget matrix (구분 | 계 | years …) was found; "
            "check the card with `cardex dump`",
            "matrix",
            "",
            "budget",
        )
    ]


def unit_checks(matrix: Matrix) -> list[Check]:
    if matrix.found and matrix.unit is None:
        return [
            Check(
                "budget_unit_missing",
                "warning",
                "The budget matrix has no unit line such as (단위: 백만원); amounts were read in the header's unit",
                "단위",
                "",
                "budget",
            )
        ]
    return []


GOVERNMENT_AMBIGUOUS = "government_ambiguous"


def government_checks(government: Resolution | None) -> list[Check]:
    """A place name several governments share (`중구청장`): which one stays open. The run may
    still settle it from the input's folder or a mapping file (and then drops this check)."""
    if government is None or not government.ambiguous:
        return []
    return [
        Check(
            GOVERNMENT_AMBIGUOUS,
            "warning",
            f"{government.written!r} names {len(government.candidates)} governments "
            f"({', '.join(government.candidates)}); name the input folder after the government "
            "(--government-from folder) or list the file in --governments",
            "; ".join(government.candidates),
            government.written,
            "government",
        )
    ]


def repairs_sentence(warnings: list[str]) -> str:
    """What a reader repaired or left out, in one sentence (the first few, then a count)."""
    shown = "; ".join(warnings[:3]) + (f"; and {len(warnings) - 3} more" if len(warnings) > 3 else "")
    return f"Part of the file could not be read as it stands ({shown}); check it against the original."


def _pages(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:10])) + (" …" if len(numbers) > 10 else "")


def reading_checks(
    scanned_pages: list[int], warnings: list[str], confidence: float | None, incomplete_pages: Sequence[int] = ()
) -> list[Check]:
    """How the file the card came from was read, as checks, so every warning has a row that says
    why: pages whose text the reader could not read completely (an error: figures may be missing
    without a trace), pages read by OCR from a scan, and what the reader repaired or left out."""
    found = []
    if incomplete_pages:
        pages = _pages(list(incomplete_pages))
        sentence = (
            f"The PDF draws text on page {pages} that could not be read (its fonts map glyphs to no text, "
            "or the text layer lacks them); figures may be missing: check the card against the PDF"
        )
        found.append(Check("text_layer_incomplete", "error", sentence, None, None, f"pages {pages}"))
    if scanned_pages:
        pages = _pages(scanned_pages)
        sentence = f"The card was read by OCR from a scan (page {pages}); check its figures against the paper"
        actual = None if confidence is None else f"{confidence:g}"
        found.append(Check("read_by_ocr", "warning", sentence, None, actual, f"pages {pages}"))
    if warnings:
        found.append(Check("reader_repaired", "warning", repairs_sentence(warnings), None, None, "file"))
    return found
