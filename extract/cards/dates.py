"""Dates as cards write them: the report's as-of date above all.

Governments write the as-of date in many ways (`(2024. 6. 30. 現在)`,
`2025년 6월말 기준`, `’26.06.25.(목)`, `기준: 2025. 9월 말`); a month without
a day means the month's last day, since a report "as of the end of
September" covers all of September.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from extract.cards.years import YEAR, year_of
from extract.vocabulary import squash, vocabulary
from parsers.numbers import read_int

_MONTH = r"(0?[1-9]|1[0-2])"
_DATE = re.compile(YEAR + r"[.\-/년]" + _MONTH + r"[.\-/월]((?:0?[1-9])|(?:[12]\d)|(?:3[01]))(?!\d)")
# `2025.9월말`, `2025년6월말`, `2026.8.(현재)`, `2025.9.`: a year and a month, then nothing but an end mark.
_MONTH_ONLY = re.compile(YEAR + r"[.\-/년]" + _MONTH + r"(?:월말|월|\.)?(?!\d)")
_WEEKDAY = re.compile(r"\([월화수목금토일]\)")


def parse_date(text: str) -> dt.date | None:
    """First full date in `2024. 6. 30.` / `2024.6.30.` / `2024년 6월 30일` / `'24. 6. 30.` form."""
    match = _DATE.search(re.sub(r"\s+", "", text))
    if not match:
        return None
    try:
        return dt.date(year_of(match), read_int(match[3]), read_int(match[4]))
    except ValueError:
        return None


def parse_as_of(text: str) -> dt.date | None:
    """An as-of date: a full date, or a year and month alone (the month's last day).

    The month form counts only when nothing but as-of words and brackets
    remain around it, so `2022. 7. ~ 2026. 6.` (a period) is never read as one."""
    full = parse_date(text)
    if full is not None:
        return full
    flat = _WEEKDAY.sub("", re.sub(r"\s+", "", text))
    match = _MONTH_ONLY.search(flat)
    if not match:
        return None
    rest = squash(flat[: match.start()] + flat[match.end() :])
    for word in sorted(vocabulary().words("card", "as_of_words"), key=len, reverse=True):
        rest = rest.replace(word, "")
    if rest.strip("()[]<>〈〉【】.:：,~ "):
        return None
    year, month = year_of(match), read_int(match[3])
    return dt.date(year, month, calendar.monthrange(year, month)[1])
