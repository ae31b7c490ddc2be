"""Money as cards write it: units, mixed figures, negatives, and fund labels.

A figure may carry its own unit (`3억원`), several (`2조 9,334억 원`), or
none (a matrix cell, priced by the matrix's `(단위: 백만원)` line); `△` and
`▲` mark a negative (a cut). Every figure goes through the bounded number
reader, so a 40-digit amount is reported, never overflowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extract.vocabulary import Vocabulary, squash, vocabulary
from parsers.numbers import OutOfRange, read_decimal, scale_to_int

# Longest first: a regex alternation takes the first that matches. Units without
# 원 must not run into a word (`5만명`, `3조성`).
UNIT_WORDS = r"(?:조원|십억원|억원|천만원|백만원|천원|만원|원|(?:조|십억|억|백만|천|만)(?![가-힣]))"
NUMBER = r"\d[\d,]*(?:\.\d+)?"
MONEY_WITH_UNIT = rf"(?:{NUMBER}\s*{UNIT_WORDS})(?:\s*{NUMBER}\s*{UNIT_WORDS})*"
_FIGURE = rf"(?:{NUMBER}\s*{UNIT_WORDS})(?:\s*{NUMBER}\s*{UNIT_WORDS})*|{NUMBER}"
SIGN = r"[△▲\-−]"  # a negative figure's mark: a cut (△, ▲), a hyphen or a minus
AMOUNT = re.compile(rf"(?P<sign>{SIGN})?\s*(?P<figure>{_FIGURE})")
_PIECE = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>{UNIT_WORDS})?")
_UNIT_LINE = re.compile(r"단위\s*[:：]?\s*(" + UNIT_WORDS + ")")
_DASHES = {"-", "–", "—", "－", "−", "0"}

# `2,.033,000`: a thousands comma with a stray point beside it (a typing slip, or a scan
# where a comma reads as both). A point with three digits after a comma is never a decimal.
SEPARATOR_SLIP = re.compile(r"(?<=\d)(?:,\.|\.,)(?=\d{3}(?!\d))")


def unit_multiplier(unit: str | None, vocab: Vocabulary | None = None) -> int | None:
    if not unit:
        return None
    vocab = vocab or vocabulary()
    key = squash(unit)
    if not key.endswith("원"):
        key += "원"
    return vocab.units.get(key)


def find_unit(text: str) -> int | None:
    """Won per unit from a line such as `(단위: 백만원)`."""
    match = _UNIT_LINE.search(text)
    return unit_multiplier(match[1]) if match else None


def unit_in_label(label: str) -> int | None:
    """`총사업비(백만원)`, `소요예산(단위:천원)`: a label that names the unit of its value."""
    match = re.search(r"\(\s*(?:단위\s*[:：]?\s*)?(" + UNIT_WORDS + r")\s*\)", label)
    return unit_multiplier(match[1]) if match else None


def to_won(number: str, multiplier: int, negative: bool = False) -> int | None:
    """Won for a figure as written in its unit; raises `OutOfRange` for a figure too long to be real."""
    try:
        value = read_decimal(number)
    except OutOfRange:
        raise
    except ValueError:
        return None
    won = scale_to_int(value, multiplier)
    return -won if negative else won


def figure_won(figure: str, default_multiplier: int | None, negative: bool = False) -> int | None:
    """`2조 9,334억 원` (pieces summed), `1,844` (in the default unit) or `3억원` in won."""
    pieces = list(_PIECE.finditer(figure))
    total = 0
    for piece in pieces:
        multiplier = unit_multiplier(piece["unit"]) or default_multiplier
        if multiplier is None:
            return None
        won = to_won(piece["num"], multiplier)
        if won is None:
            return None
        total += won
    if not pieces:
        return None
    return -total if negative else total


def figure_unit(figure: str) -> int | None:
    """The unit a figure is written in (its last piece's), for pricing figures written without one."""
    units = [p["unit"] for p in _PIECE.finditer(figure) if p["unit"]]
    return unit_multiplier(units[-1]) if units else None


@lru_cache(maxsize=8192)
def parse_amount(text: str, default_multiplier: int | None) -> int | None:
    """One matrix cell or money phrase in won: `1,844`, `-` (0), `△12`, `3억원`, `2조 9,334억`.
    Remembered (a matrix repeats its figures: 0, -, each total in its row and its column); a
    figure too long to be real raises `OutOfRange` every time it is asked."""
    raw = text.strip()
    if not raw:
        return None
    if raw in _DASHES:
        return 0
    match = AMOUNT.search(SEPARATOR_SLIP.sub(",", raw.replace(" ", "")))
    if not match:
        return None
    return figure_won(match["figure"], default_multiplier, negative=bool(match["sign"]))


@lru_cache(maxsize=4096)
def fund_of(label: str, office: str | None) -> str | None:
    """total/national/provincial/local/other for a fund label or abbreviation.

    `국비(특교)` is 국비, `민자등` is 민자, and any `기타(…)` is other; a label
    with a colon or a note mark is a sentence, not a fund. Remembered: a matrix asks the same
    few labels, and the vocabulary never changes in a run."""
    vocab = vocabulary()
    key = squash(label)
    if not key or len(key) > 12 or any(ch in key for ch in ":：※*"):
        return None
    candidates = [key, key.strip("()"), re.sub(r"\([^)]*\)", "", key), key.removesuffix("등")]
    for candidate in candidates:
        for fund in ("national", "provincial", "local", "other", "total"):
            if candidate in vocab.words("budget", fund):
                return fund
        if candidate in vocab.words("budget", "city"):
            upper = office is not None and squash(office) in vocab.words("card", "city_is_upper")
            return "provincial" if upper else "local"
    return "other" if key.startswith("기타") else None


@dataclass
class BudgetSummary:
    non_budget: bool = False
    total: int | None = None
    national: int | None = None
    provincial: int | None = None
    local: int | None = None
    other: int | None = None
    unit: int | None = None  # won per unit of the total as written
    out_of_range: list[OutOfRange] = field(default_factory=list)  # figures too long to be real


_PART = re.compile(rf"(?P<label>[가-힣]+(?:\([가-힣]+\))?)\s*[:：]?\s*(?P<sign>{SIGN})?(?P<figure>{_FIGURE})")


def parse_budget_summary(text: str, office: str | None, default_multiplier: int | None = None) -> BudgetSummary:
    """`9,732백만원(국6,336, 시1,050, 구1,764, 기타582)` into won per fund level."""
    vocab = vocabulary()
    summary = BudgetSummary()
    flat = SEPARATOR_SLIP.sub(",", re.sub(r"\s+", " ", text).strip())
    if not flat:
        return summary
    if any(w in squash(flat) for w in vocab.words("budget", "non_budget")):
        summary.non_budget = True
        summary.total = 0
        return summary
    head, _, rest = flat.partition("(")
    total = AMOUNT.search(head.replace(" ", ""))
    # `9,732(국6,336, 시1,050)백만원`: the unit may follow the breakdown
    anywhere = re.search(r"\d\s*\)?\s*(" + UNIT_WORDS + r")\s*$", flat)
    multiplier = unit_multiplier(anywhere[1]) if anywhere else default_multiplier
    if total:
        multiplier = figure_unit(total["figure"]) or multiplier
        if multiplier is not None:
            summary.unit = multiplier
            try:
                summary.total = figure_won(total["figure"], multiplier, negative=bool(total["sign"]))
            except OutOfRange as exc:
                summary.out_of_range.append(exc)
    for part in _PART.finditer(rest.replace(" ", "")):
        fund = fund_of(part["label"], office)
        if fund in (None, "total") or (multiplier is None and figure_unit(part["figure"]) is None):
            continue
        try:
            won = figure_won(part["figure"], multiplier, negative=bool(part["sign"]))
        except OutOfRange as exc:
            summary.out_of_range.append(exc)
            continue
        if won is None:
            continue
        setattr(summary, fund, (getattr(summary, fund) or 0) + won)
    return summary
