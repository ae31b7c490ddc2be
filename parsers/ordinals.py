"""The ordinals Korean documents number with, both ways, and the one rule for a numbered item's mark.

Hangul writes automatic numbers in these sequences (`parsers.hangul.numbering`
renders them); cards number their sections and items with the same ones
typed by hand (`Ⅰ.`, `가.`, `①`, `(1)`), which the card logic reads back
(`value_of`). A line that opens with ITEM_NUMBER (or a bullet mark) starts
a new item: the PDF and scan readers do not join it to the line above, and
the card logic cuts a cell into items there.
"""

from __future__ import annotations

from functools import lru_cache

HANGUL_SYLLABLES = "가나다라마바사아자차카타파하"
HANGUL_JAMO = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"
HANGUL_PHONETIC = ("일", "이", "삼", "사", "오", "육", "칠", "팔", "구", "십")
IDEOGRAPHS = "一二三四五六七八九十"
ROMAN_CAPITAL = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
ROMAN_SMALL = "ⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹⅺⅻ"
CIRCLED_DIGITS = "".join(chr(0x2460 + i) for i in range(20))  # ① … ⑳
_ROMAN_VALUES = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip

# A numbered item's mark: (1) 1. 1) ① 가. 가) (가). The forms without an opening bracket need a
# space after them, so a figure (`1.5`), a date (`2024.`) or a word's end (`기타(민` / `자)`,
# a cell wrapped inside its brackets) is no mark.
ITEM_NUMBER = r"\(\d{1,2}\)|\d{1,2}[.)](?=\s)|[①-⑳]|[가-하][.)](?=\s)|\([가-하]\)"


def roman(n: int) -> str:
    """`n` in Roman letters (`XIV`), 1 to 3999."""
    out = []
    for value, symbol in _ROMAN_VALUES:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


@lru_cache(maxsize=32)
def _romans(limit: int) -> list[str]:
    """I, II, … up to `limit`, in order (asked for every heading and item mark read)."""
    return [roman(n) for n in range(1, limit + 1)]


def circled(n: int) -> str | None:
    """① for 1 … ⑳ for 20; None past them."""
    return CIRCLED_DIGITS[n - 1] if 1 <= n <= len(CIRCLED_DIGITS) else None


def value_of(mark: str, limit: int = len(ROMAN_CAPITAL)) -> tuple[int, str] | None:
    """(number, sequence) of a section or item number as typed: `Ⅲ` and `III` are (3, "roman"),
    `다` (3, "hangul"), `③` (3, "circled"); None for anything else (digits are read as digits).
    Roman numbers count up to `limit`."""
    if len(mark) != 1 and not mark.isascii():
        return None
    if mark in ROMAN_CAPITAL[:limit]:
        return ROMAN_CAPITAL.index(mark) + 1, "roman"
    latin = _romans(limit)
    if mark in latin:
        return latin.index(mark) + 1, "roman"
    if len(mark) == 1 and mark in HANGUL_SYLLABLES:
        return HANGUL_SYLLABLES.index(mark) + 1, "hangul"
    if len(mark) == 1 and mark in CIRCLED_DIGITS:
        return CIRCLED_DIGITS.index(mark) + 1, "circled"
    return None
