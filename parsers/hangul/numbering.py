"""Hangul's automatic paragraph numbers and bullets, as the text Hangul shows.

A paragraph typed with automatic numbering holds no `1.` or `○` in its
text: its paragraph shape points at a numbering (or bullet) definition and
an outline level, and Hangul draws the head when it lays the page out. Both
HWP (DocInfo NUMBERING/BULLET records, the paragraph shape's head type and
level) and HWPX (`hh:numbering`, `hh:bullet`, `hh:heading`) describe the
same thing, so both readers feed this one counter:
  - each level's head is a template such as `^1.` or `(^3)` where `^k`
    stands for level k's counter, written in that level's style (1, 가, ①,
    Ⅰ, ㄱ, …);
  - a counter starts at its level's start number, counts every paragraph
    at its level (empty ones too, as Hangul does), and restarts when a
    paragraph at a higher level is numbered;
  - counters belong to one numbering definition: a paragraph that uses
    another definition neither continues nor resets them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.ordinals import (
    HANGUL_JAMO,
    HANGUL_PHONETIC,
    HANGUL_SYLLABLES,
    IDEOGRAPHS,
    ROMAN_CAPITAL,
    ROMAN_SMALL,
    circled,
    roman,
)
from parsers.symbols import wingdings

MAX_LEVELS = 10
# HWP's number-format codes (bits 5-8 of a level's head attributes) by their HWPX names
HWP_STYLES = {
    0: "DIGIT",
    1: "CIRCLED_DIGIT",
    2: "ROMAN_CAPITAL",
    3: "ROMAN_SMALL",
    4: "LATIN_CAPITAL",
    5: "LATIN_SMALL",
    6: "CIRCLED_LATIN_CAPITAL",
    7: "CIRCLED_LATIN_SMALL",
    8: "HANGUL_SYLLABLE",
    9: "CIRCLED_HANGUL_SYLLABLE",
    10: "HANGUL_JAMO",
    11: "CIRCLED_HANGUL_JAMO",
    12: "HANGUL_PHONETIC",
    13: "IDEOGRAPH",
    14: "CIRCLED_IDEOGRAPH",
}


def format_number(n: int, style: str) -> str:
    """`n` (1-based) written in one of Hangul's number styles; past a style's range, in digits."""
    i = n - 1
    if style == "CIRCLED_DIGIT" and (mark := circled(n)) is not None:
        return mark
    if style == "ROMAN_CAPITAL" and 1 <= n <= len(ROMAN_CAPITAL):
        return ROMAN_CAPITAL[i]
    if style == "ROMAN_SMALL" and 1 <= n <= len(ROMAN_SMALL):
        return ROMAN_SMALL[i]
    if style in ("ROMAN_CAPITAL", "ROMAN_SMALL") and 1 <= n < 4000:
        return roman(n) if style == "ROMAN_CAPITAL" else roman(n).lower()
    if style in ("LATIN_CAPITAL", "LATIN_SMALL") and 1 <= n <= 26:
        return chr((0x41 if style == "LATIN_CAPITAL" else 0x61) + i)
    if style == "CIRCLED_LATIN_CAPITAL" and 1 <= n <= 26:
        return chr(0x24B6 + i)
    if style == "CIRCLED_LATIN_SMALL" and 1 <= n <= 26:
        return chr(0x24D0 + i)
    if style == "HANGUL_SYLLABLE" and n >= 1:
        return HANGUL_SYLLABLES[i % len(HANGUL_SYLLABLES)]
    if style == "CIRCLED_HANGUL_SYLLABLE" and 1 <= n <= 14:
        return chr(0x326E + i)
    if style == "HANGUL_JAMO" and n >= 1:
        return HANGUL_JAMO[i % len(HANGUL_JAMO)]
    if style == "CIRCLED_HANGUL_JAMO" and 1 <= n <= 14:
        return chr(0x3260 + i)
    if style == "HANGUL_PHONETIC" and 1 <= n <= len(HANGUL_PHONETIC):
        return HANGUL_PHONETIC[i]
    if style in ("IDEOGRAPH", "CIRCLED_IDEOGRAPH") and 1 <= n <= len(IDEOGRAPHS):
        return IDEOGRAPHS[i] if style == "IDEOGRAPH" else chr(0x3280 + i)
    return str(n)


@dataclass
class Level:
    template: str  # e.g. "^1." ; "^k" is level k's counter
    style: str = "DIGIT"
    start: int = 1


@dataclass
class Numbering:
    levels: dict[int, Level] = field(default_factory=dict)  # 1-based level -> its head


class Heads:
    """The running counters of one document; `head()` gives a numbered paragraph its text."""

    def __init__(self, numberings: dict[int, Numbering], bullets: dict[int, str]) -> None:
        self.numberings = numberings
        self.bullets = bullets
        self.counts: dict[int, list[int | None]] = {}

    def headed(self, text: str, heading: tuple[str, int, int] | None, outline: int) -> str:
        """A paragraph's text with the head Hangul draws before it. `heading` is the paragraph
        shape's (kind, numbering or bullet id, level); outline heads use the section's `outline`
        numbering. An empty paragraph still counts, but shows nothing."""
        if heading is None:
            return text
        kind, ref, level = heading
        head = self.head(kind, outline if kind == "outline" else ref, level)
        return f"{head} {text.lstrip()}" if head and text.strip() else text

    def head(self, kind: str, ref: int, level: int) -> str | None:
        """kind: "number" (or "outline", with the section's outline numbering as `ref`) or "bullet";
        level: 0-based, as both formats store it."""
        if kind == "bullet":
            char = self.bullets.get(ref)
            return _bullet(char) if char else None
        numbering = self.numberings.get(ref)
        if numbering is None or not 0 <= level < MAX_LEVELS:
            return None
        counts = self.counts.setdefault(ref, [None] * MAX_LEVELS)
        own = numbering.levels.get(level + 1)
        if own is None:
            return None
        counts[level] = (counts[level] if counts[level] is not None else own.start - 1) + 1
        for deeper in range(level + 1, MAX_LEVELS):
            counts[deeper] = None
        return _fill(own.template, numbering, counts)


def _fill(template: str, numbering: Numbering, counts: list[int | None]) -> str:
    out: list[str] = []
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "^" and i + 1 < len(template) and template[i + 1].isdigit() and template[i + 1] != "0":
            k = int(template[i + 1])
            level = numbering.levels.get(k) or Level("")
            value = counts[k - 1] if k - 1 < len(counts) and counts[k - 1] is not None else level.start
            out.append(format_number(value, level.style))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out).strip()


def _bullet(char: str) -> str:
    """A Wingdings bullet as the symbol it draws; another private-use one as a dot.
    A soft hyphen (U+00AD, invisible in text) is drawn by Hangul as a dash."""
    if char == "\xad":
        return "-"
    if "\uf020" <= char <= "\uf0ff":
        return wingdings(ord(char))
    return "•" if "\ue000" <= char <= "\uf8ff" else char
