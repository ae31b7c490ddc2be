"""Parsers for single field values as typists write them.

Each takes the cell text as written and returns plain Python values; none
raises on odd input (an unreadable value becomes None and the `checks`
table says which required field is missing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.cards.money import MONEY_WITH_UNIT, SIGN, figure_won
from extract.cards.years import YEAR_AFTER_TILDE, YEAR_IN_TEXT, full_year, year_of
from extract.vocabulary import squash, vocabulary
from parsers.numbers import read_decimal

# ---------------------------------------------------------------- text


def clean(text: str | None) -> str:
    """Whitespace collapsed; a lone dash (meaning 'none') becomes empty."""
    if text is None:
        return ""
    value = re.sub(r"\s+", " ", text).strip()
    return "" if value in {"-", "–", "—", "－", "없음", "해당없음"} else value


# ---------------------------------------------------------------- period

_TILDE = re.compile(r"[~∼〜～]|(?<=\d|\.)\s*[-–]\s*(?=\d)")
_CONTINUES = re.compile(r"임기\s*후|임기\s*이후|계속|지속")


@dataclass
class ProjectPeriod:
    """The project's own period (사업기간): its first and last year, and whether it goes on past the term."""

    start_year: int | None = None
    end_year: int | None = None
    continues_after_term: bool = False


def parse_period(text: str | None) -> ProjectPeriod:
    """`2022 ~ 【임기 후 계속】`, `2022. 7. ~ 2026. 6.`, `2023 ~ 2025`."""
    value = clean(text)
    period = ProjectPeriod(continues_after_term=bool(_CONTINUES.search(value)))
    if not value:
        return period
    parts = _TILDE.split(value, maxsplit=1)
    period.start_year = year_of(YEAR_IN_TEXT.search(parts[0]))
    if len(parts) > 1:
        period.end_year = year_of(YEAR_IN_TEXT.search(parts[1]))
    elif period.start_year is not None and not period.continues_after_term:
        period.end_year = period.start_year
    return period


# ---------------------------------------------------------------- progress

_PERCENT = re.compile(r"(-?\d+(?:\.\d+)?)\s*%?")


def parse_progress(text: str | None) -> float | None:
    """`50%`, `50`, `50.5 %` as a number; range is checked, not clamped.

    Raises `OutOfRange` for a figure too long to be a percentage."""
    match = _PERCENT.search(clean(text).replace(" ", ""))
    return float(read_decimal(match[1], max_digits=6)) if match else None


# ---------------------------------------------------------------- tasks


def parse_task_terms(text: str, default_multiplier: int | None) -> tuple[int | None, int | None]:
    """Amount and end year from the last parenthesis: `(3,775백만원, ~2026)`.

    Raises `OutOfRange` for an amount too long to be real."""
    groups = re.findall(r"\(([^()]*)\)", text)
    amount = end_year = None
    for group in reversed(groups):
        money = re.search(rf"(?P<sign>{SIGN})?(?P<figure>{MONEY_WITH_UNIT})", group)
        if amount is None and money:
            amount = figure_won(money["figure"], default_multiplier, negative=bool(money["sign"]))
        if end_year is None:
            tilde = YEAR_AFTER_TILDE.search(group)
            if tilde:
                end_year = full_year(tilde[1])
            else:
                years = list(YEAR_IN_TEXT.finditer(group))
                if years:
                    end_year = year_of(years[-1])
        if amount is not None or end_year is not None:
            break
    return amount, end_year


# ---------------------------------------------------------------- term


def parse_within_term(text: str | None) -> bool | None:
    """완료시기 `임기내` is True, `임기후` False; anything else (a year alone) unknown."""
    key = squash(clean(text))
    if not key:
        return None
    vocab = vocabulary()
    if any(w in key for w in vocab.words("terms", "after")):
        return False
    if any(w in key for w in vocab.words("terms", "within")):
        return True
    return None
