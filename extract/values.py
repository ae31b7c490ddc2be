"""Parsers for single field values as typists write them.

Each takes the cell text as written and returns plain Python values; none
raises on odd input (an unreadable value becomes None and the `checks`
table says which required field is missing).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from parsers.numbers import OutOfRange, read_decimal, read_int, scale_to_int

from .vocabulary import Vocabulary, squash, vocabulary

# ---------------------------------------------------------------- text


def clean(text: str | None) -> str:
    """Whitespace collapsed; a lone dash (meaning 'none') becomes empty."""
    if text is None:
        return ""
    value = re.sub(r"\s+", " ", text).strip()
    return "" if value in {"-", "–", "—", "－", "없음", "해당없음"} else value


# ---------------------------------------------------------------- dates

_DATE = re.compile(
    r"(?:(?<!\d)((?:19|20)\d{2})|['’‘](\d{2}))[.\-/년]((?:0?[1-9])|(?:1[0-2]))[.\-/월]((?:0?[1-9])|(?:[12]\d)|(?:3[01]))(?!\d)"
)


def parse_date(text: str) -> dt.date | None:
    """First date in `2024. 6. 30.` / `2024.6.30.` / `2024년 6월 30일` / `'24. 6. 30.` form."""
    match = _DATE.search(re.sub(r"\s+", "", text))
    if not match:
        return None
    year = read_int(match[1]) if match[1] else 2000 + read_int(match[2])
    try:
        return dt.date(year, read_int(match[3]), read_int(match[4]))
    except ValueError:
        return None


# ---------------------------------------------------------------- money

_UNIT_WORDS = "억원|백만원|천만원|천원|만원|원|억|백만|천|만"
_AMOUNT = re.compile(r"(?P<sign>[△▲\-−])?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>" + _UNIT_WORDS + r")?")
_UNIT_LINE = re.compile(r"단위\s*[:：]?\s*(" + _UNIT_WORDS + ")")
_DASHES = {"-", "–", "—", "－", "−", "0"}


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


def parse_amount(text: str, default_multiplier: int | None) -> int | None:
    """One matrix cell or money phrase in won: `1,844`, `-` (0), `△12`, `3억원`."""
    raw = text.strip()
    if not raw:
        return None
    if raw in _DASHES:
        return 0
    match = _AMOUNT.search(raw.replace(" ", ""))
    if not match:
        return None
    multiplier = unit_multiplier(match["unit"]) or default_multiplier
    if multiplier is None:
        return None
    return to_won(match["num"], multiplier, negative=bool(match["sign"]))


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


_PART = re.compile(
    r"(?P<label>[가-힣]+(?:\([가-힣]+\))?)\s*[:：]?\s*(?P<sign>[△\-])?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>"
    + _UNIT_WORDS
    + r")?"
)


def fund_of(label: str, office: str | None, vocab: Vocabulary | None = None) -> str | None:
    """total/national/provincial/local/other for a fund label or abbreviation."""
    vocab = vocab or vocabulary()
    key = squash(label)
    key_bare = key.strip("()")
    for fund in ("national", "provincial", "local", "other", "total"):
        if key in vocab.words("budget", fund) or key_bare in vocab.words("budget", fund):
            return fund
    if key in vocab.words("budget", "city"):
        upper = office is not None and squash(office) in vocab.words("card", "city_is_upper")
        return "provincial" if upper else "local"
    return None


def parse_budget_summary(text: str, office: str | None, default_multiplier: int | None = None) -> BudgetSummary:
    """`9,732백만원(국6,336, 시1,050, 구1,764, 기타582)` into won per fund level."""
    vocab = vocabulary()
    summary = BudgetSummary()
    flat = re.sub(r"\s+", " ", text).strip()
    if not flat:
        return summary
    if any(w in squash(flat) for w in vocab.words("budget", "non_budget")):
        summary.non_budget = True
        summary.total = 0
        return summary
    head, _, rest = flat.partition("(")
    total = _AMOUNT.search(head.replace(" ", ""))
    # `9,732(국6,336, 시1,050)백만원`: the unit may follow the breakdown
    anywhere = re.search(r"\d\s*\)?\s*(" + _UNIT_WORDS + r")\s*$", flat)
    multiplier = unit_multiplier(anywhere[1]) if anywhere else default_multiplier
    if total:
        multiplier = unit_multiplier(total["unit"]) or multiplier
        if multiplier is not None:
            summary.unit = multiplier
            try:
                summary.total = to_won(total["num"], multiplier, negative=bool(total["sign"]))
            except OutOfRange as exc:
                summary.out_of_range.append(exc)
    for part in _PART.finditer(rest.replace(" ", "")):
        fund = fund_of(part["label"], office, vocab)
        part_multiplier = unit_multiplier(part["unit"]) or multiplier
        if fund in (None, "total") or part_multiplier is None:
            continue
        try:
            won = to_won(part["num"], part_multiplier, negative=bool(part["sign"]))
        except OutOfRange as exc:
            summary.out_of_range.append(exc)
            continue
        if won is None:
            continue
        setattr(summary, fund, (getattr(summary, fund) or 0) + won)
    return summary


# ---------------------------------------------------------------- people

_PHONE_PATTERNS = (
    re.compile(r"\(?\s*(?:☎|☏|📞|[Tt][Ee][Ll]\s*[.:]?|T\s*[.:)]|전화\s*[:.]?)\s*(?P<phone>\d[\d\-)( ]*\d)\s*\)?"),
    re.compile(r"\(\s*(?P<phone>\d[\d\- ]{2,}\d)\s*\)"),
    re.compile(r"(?<![\d가-힣])(?P<phone>(?:\d{2,4}-)?\d{3,4}-\d{4}|\d{3,4})\s*$"),
)
_NAME = re.compile(r"^[가-힣]{2,5}$")


@dataclass
class Person:
    rank: str | None = None
    name: str | None = None
    phone: str | None = None


def parse_person(text: str | None) -> Person:
    """`행정6급 신정미(☎4803)`, `주무관 홍길동 T.4803`, `신정미(051-519-4803)`."""
    value = clean(text)
    if not value:
        return Person()
    phone = None
    for pattern in _PHONE_PATTERNS:
        match = pattern.search(value)
        if match:
            phone = re.sub(r"[\s()]", "", match["phone"])
            value = (value[: match.start()] + " " + value[match.end() :]).strip()
            break
    tokens = [t for t in re.split(r"[\s,/]+", value) if t]
    rank = name = None
    if tokens:
        if _NAME.match(tokens[-1]) and not (len(tokens) == 1 and tokens[0].endswith(("급", "관", "사", "장"))):
            name = tokens[-1]
            rank = " ".join(tokens[:-1]) or None
        else:
            rank = " ".join(tokens)
    return Person(rank=rank, name=name, phone=phone or None)


# ---------------------------------------------------------------- period

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)|['’‘](\d{2})(?!\d)")


def _year(match: re.Match | None) -> int | None:
    if not match:
        return None
    return read_int(match[1]) if match[1] else 2000 + read_int(match[2])


_TILDE = re.compile(r"[~∼〜～]|(?<=\d|\.)\s*[-–]\s*(?=\d)")
_CONTINUES = re.compile(r"임기\s*후|임기\s*이후|계속|지속")


@dataclass
class Period:
    start_year: int | None = None
    end_year: int | None = None
    continues_after_term: bool = False


def parse_period(text: str | None) -> Period:
    """`2022 ~ 【임기 후 계속】`, `2022. 7. ~ 2026. 6.`, `2023 ~ 2025`."""
    value = clean(text)
    period = Period(continues_after_term=bool(_CONTINUES.search(value)))
    if not value:
        return period
    parts = _TILDE.split(value, maxsplit=1)
    period.start_year = _year(_YEAR.search(parts[0]))
    if len(parts) > 1:
        period.end_year = _year(_YEAR.search(parts[1]))
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

_YEAR_AFTER_TILDE = re.compile(r"[~∼〜～]\s*['’]?(\d{4}|\d{2})(?!\d)")


def parse_task_terms(text: str, default_multiplier: int | None) -> tuple[int | None, int | None]:
    """Amount and end year from the last parenthesis: `(3,775백만원, ~2026)`.

    Raises `OutOfRange` for an amount too long to be real."""
    groups = re.findall(r"\(([^()]*)\)", text)
    amount = end_year = None
    for group in reversed(groups):
        money = re.search(r"(?P<sign>[△\-])?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>" + _UNIT_WORDS + ")", group)
        if amount is None and money:
            multiplier = unit_multiplier(money["unit"]) or default_multiplier
            if multiplier:
                amount = to_won(money["num"], multiplier, negative=bool(money["sign"]))
        if end_year is None:
            tilde = _YEAR_AFTER_TILDE.search(group)
            if tilde:
                year = read_int(tilde[1])
                end_year = year + 2000 if year < 100 else year
            else:
                years = list(_YEAR.finditer(group))
                if years:
                    end_year = _year(years[-1])
        if amount is not None or end_year is not None:
            break
    return amount, end_year
