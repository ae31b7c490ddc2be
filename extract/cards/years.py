"""Years as cards write them: `2024`, `'24`, `2024년`, `2024년도`, `'24.`, a scan's `2023'년`.

One rule for the century (a two-digit year is 20xx: cards are from this
century) and the patterns every reader of a year shares, so the as-of date,
the project period, a task's end year and the budget matrix's year columns
all read `'24` the same way.
"""

from __future__ import annotations

import re

from parsers.numbers import read_int

CENTURY = 2000
# A year in running text: four digits from 1900 to 2099 standing alone, or two digits after an
# apostrophe ('24). Group 1 holds the four digits, group 2 the two.
YEAR = r"(?:(?<!\d)((?:19|20)\d{2})|['’‘](\d{2}))(?!\d)"
YEAR_IN_TEXT = re.compile(YEAR)
# the end year of a span: `~2026`, `~ '26`, `~26` (group 1: two or four digits)
YEAR_AFTER_TILDE = re.compile(r"[~∼〜～]\s*['’]?(\d{4}|\d{2})(?!\d)")
# A year heading a budget column: `2022`, `22`, `'22`, `2022년`, `2022년도`, `2022.`, and a scan's
# stray mark (`2023'년`). Group 1 holds the digits (two or four).
COLUMN_YEAR = r"['’‘]?((?:19|20)?\d{2})[.'’]?(?:년도|년)?"
# The same in a label read by OCR whose 년 came out garbled (`2023'넌`): four digits and one to
# three other marks, none a digit or a range's tilde. Group 1 holds the four digits.
GARBLED_COLUMN_YEAR = re.compile(r"((?:19|20)\d{2})[^\d~∼〜～]{1,3}")
# a label that can only be a year: four digits, a digit before 년, or an apostrophe before digits
WRITTEN_YEAR = re.compile(r"(?:19|20)\d{2}|\d\s*년|['’‘]\d")


def full_year(digits: str | int) -> int:
    """`24` -> 2024, `2024` -> 2024."""
    year = read_int(digits) if isinstance(digits, str) else digits
    return year + CENTURY if year < 100 else year


def year_of(match: re.Match | None, group: int = 1) -> int | None:
    """The year a match of YEAR holds (its four-digit group `group`, or the two-digit one after it)."""
    if match is None:
        return None
    return full_year(match[group] if match[group] else match[group + 1])
