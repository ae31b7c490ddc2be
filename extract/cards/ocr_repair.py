"""Figures OCR misread, put right only where the card's own sums prove the right value.

A budget card is full of redundancy: every matrix row adds up to its 계, every
column to its 합계, and the header's 소요예산 to its parts. In a digital card a
sum that fails is the card's own error and is reported as such. In a scanned
card it is most often a misread figure (`3,/60` for `3,760`, `1.` for `1,772`, a
comma read as a digit: `22203` for `2,203`). These repairs run only on cards
read by OCR, change a value only when two independent sums agree on it (or one
reading of the text is the only one that makes the sums hold), keep the text as
read in `amount_raw`, and leave a check row for every value they set.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from extract.cards.budget import BudgetCell, Matrix
from extract.cards.money import BudgetSummary

_FUNDS = ("national", "provincial", "local", "other")
# A header summary has at most a total and five parts; more places where a comma could
# hide than this is not a summary worth guessing at (and bounds the pairs tried).
MAX_COMMA_CANDIDATES = 12


@dataclass
class Repair:
    location: str
    read: str  # the text as OCR read it
    value: int  # won, as the sums require
    because: str
    reading: str | None = None  # the text as the sums read it, where a text was read again


def _equations(matrix: Matrix) -> list[tuple[BudgetCell, list[BudgetCell]]]:
    """(total, parts) for every row (periods to 계) and column (funds to 합계) of the matrix."""
    rows: dict[tuple[str, str], list[BudgetCell]] = defaultdict(list)
    columns: dict[tuple[str, str], list[BudgetCell]] = defaultdict(list)
    for cell in matrix.cells:
        rows[(cell.plan_kind, cell.fund_label)].append(cell)
        if cell.fund is not None:
            columns[(cell.plan_kind, cell.period.label)].append(cell)
    found = []
    for cells in rows.values():
        totals = [c for c in cells if c.period.kind == "total"]
        if len(totals) == 1:
            found.append((totals[0], [c for c in cells if c.period.kind != "total"]))
    for cells in columns.values():
        totals = [c for c in cells if c.fund == "total"]
        if len(totals) == 1:
            found.append((totals[0], [c for c in cells if c.fund != "total"]))
    return [(total, parts) for total, parts in found if parts]


def _implied(cell: BudgetCell, total: BudgetCell, parts: list[BudgetCell]) -> int | None:
    """The value `cell` must have for its equation to hold, when every other member is read."""
    members = [total, *parts]
    if any(c.amount_krw is None for c in members if c is not cell):
        return None
    if cell is total:
        return sum(c.amount_krw for c in parts)  # type: ignore[misc]
    return total.amount_krw - sum(c.amount_krw for c in parts if c is not cell)  # type: ignore[operator]


def repair_matrix(matrix: Matrix) -> list[Repair]:
    """Set each cell whose row and column both fail to the one value both sums imply.

    One misread cell breaks exactly its row and its column, and the two
    equations give its value twice, independently; two misreads in one row
    give two different answers, and then nothing is changed."""
    equations = _equations(matrix)
    member_of: dict[int, list[tuple[BudgetCell, list[BudgetCell]]]] = defaultdict(list)
    for total, parts in equations:
        for cell in (total, *parts):
            member_of[id(cell)].append((total, parts))
    repairs: list[Repair] = []
    for _ in range(len(matrix.cells)):  # each pass sets at least one cell, or stops
        changed = False
        for cell in matrix.cells:
            own = member_of.get(id(cell), [])
            if len(own) != 2:
                continue
            implied = {_implied(cell, total, parts) for total, parts in own}
            if len(implied) != 1 or None in implied:
                continue
            value = implied.pop()
            if value == cell.amount_krw:
                continue
            repairs.append(
                Repair(
                    f"{cell.plan_kind}/{cell.fund_label}/{cell.period.label}",
                    cell.amount_raw,
                    value,
                    "its row and its column both add up to it",
                )
            )
            cell.amount_krw = value
            changed = True
        if not changed:
            break
    return repairs


def _comma_positions(text: str) -> list[int]:
    """Where a digit stands that may be a misread thousands comma: after a digit, with
    exactly three digits after it before the figure ends or its next comma (`22203`)."""
    found = []
    for run in re.finditer(r"\d[\d,]*", text):
        digits = run[0]
        for i in range(1, len(digits) - 3):
            group = digits[i + 1 : i + 4]
            ends = i + 4 == len(digits) or digits[i + 4] == ","
            if digits[i - 1].isdigit() and digits[i].isdigit() and group.isdigit() and ends:
                found.append(run.start() + i)
    return found


def _long_groups(text: str) -> list[tuple[int, int]]:
    """(start, end) of every group of four digits after a thousands comma (`24,7760`): one of
    its digits OCR doubled or made up, as no figure writes four digits there."""
    return [(m.start(1), m.end(1)) for m in re.finditer(r"\d,(\d{4})(?![\d.])", text)]


def _comma_readings(text: str) -> list[str]:
    """`도비22203` -> `도비2,203`: every reading with one or two misread commas put back
    (two: `시 22040, 구 17865`), and every reading with one digit of a four-digit group after
    a comma left out (`국24,7760` -> `국24,760`, `24,776`, …); a summary with more places to
    guess at is left as read."""
    positions = _comma_positions(text)
    groups = _long_groups(text)
    if len(positions) + 4 * len(groups) > MAX_COMMA_CANDIDATES:
        return []
    readings = []
    for count in (1, 2):
        for chosen in itertools.combinations(positions, count):
            chars = list(text)
            for at in chosen:
                chars[at] = ","
            readings.append("".join(chars))
    for start, end in groups:
        readings += [text[:at] + text[at + 1 :] for at in range(start, end)]
    return list(dict.fromkeys(readings))


def _agreement(summary: BudgetSummary, planned: dict[str, int]) -> int:
    """How many of the summary's figures its own parts or the matrix confirm."""
    parts = [getattr(summary, f) for f in _FUNDS if getattr(summary, f) is not None]
    score = int(summary.total is not None and bool(parts) and sum(parts) == summary.total)
    for fund in ("total", *_FUNDS):
        stated = getattr(summary, fund)
        score += stated is not None and planned.get(fund) == stated
    return score


def repair_summary(
    text: str, summary: BudgetSummary, parse: Callable[[str], BudgetSummary], planned: dict[str, int]
) -> tuple[BudgetSummary, Repair | None]:
    """The header's `소요예산` (`summary`, as `parse` read `text`) read again with one or two
    misread commas put back, when that reading alone makes more of its figures agree (parts to
    total, funds to the matrix's 계)."""
    if summary.non_budget:
        return summary, None
    base = _agreement(summary, planned)
    scored = [(reading, parse(reading)) for reading in _comma_readings(text)]
    scored = [(reading, s, _agreement(s, planned)) for reading, s in scored]
    best = max((score for _, _, score in scored), default=base)
    winners = [(reading, s) for reading, s, score in scored if score == best]
    if best <= base or len(winners) != 1:
        return summary, None
    reading, repaired = winners[0]
    because = "only this reading makes more of its figures agree (its parts with its total, its funds with the matrix)"
    return repaired, Repair("header/budget", text, repaired.total or 0, because, reading)
