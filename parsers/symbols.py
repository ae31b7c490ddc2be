"""Symbol-font characters as the symbols they show.

Bullets are often typed in Wingdings. A document then stores a code of the
symbol font, not a character: HWP and HWPX keep it in Unicode's private-use
area (U+F0A7), and a PDF's text layer gives the font's byte (0xA7, which
reads as `§`). Both stand for the small black square `▪`. So the HWP, HWPX
and PDF readers all map Wingdings codes through this one table. A code
not in it stays in the private-use area (U+F000 + code), the same in every
format, rather than becoming a symbol it may not be.
"""

from __future__ import annotations

import re

# Wingdings code -> the Unicode character it draws (the symbols used as bullets and marks)
WINGDINGS: dict[int, str] = {
    0x20: " ", 0x28: "☎", 0x2A: "✉",
    0x6C: "●", 0x6D: "❍", 0x6E: "■", 0x6F: "□", 0x70: "◻", 0x71: "❑", 0x72: "❒",
    0x73: "⬧", 0x74: "⧫", 0x75: "◆", 0x76: "❖", 0x77: "⬥",
    0x9E: "·", 0x9F: "•", 0xA1: "○", 0xA4: "◉", 0xA5: "◎", 0xA7: "▪", 0xA8: "◻",
    0xD8: "➢", 0xE8: "➔", 0xF0: "⇨", 0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑",
    **{0x80 + i: "⓪①②③④⑤⑥⑦⑧⑨⑩"[i] for i in range(11)},
    **{0x8B + i: "⓿❶❷❸❹❺❻❼❽❾❿"[i] for i in range(11)},
}  # fmt: skip


def wingdings(code: int) -> str:
    """The character a Wingdings code draws (a byte, its private-use form U+F0xx, or the
    Windows-1252 character a PDF's simple-font encoding turned the byte into, as `Ÿ` for 0x9F)."""
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    elif 0xFF < code < 0x110000:
        try:
            code = chr(code).encode("cp1252")[0]
        except UnicodeEncodeError:
            return chr(code)
    return WINGDINGS.get(code, chr(0xF000 + code) if 0 <= code <= 0xFF else chr(code))


# Marlett, the font Windows draws its form controls with, as Hangul's PDF export prints a check box:
# five overlapping pieces of the box's frame ("g", "f", "e", "d", "c"), then "b", the check, where
# the box is ticked. The frame reads as one empty box, the check as a ticked one (see `tick`).
MARLETT: dict[int, str] = {0x63: "☐", 0x64: "", 0x65: "", 0x66: "", 0x67: "", 0x62: "☑"}

# a form control's printed state, as the HWPX reader writes it before the control's caption
FORM_MARKS: dict[tuple[str, bool], str] = {
    ("checkBtn", False): "☐", ("checkBtn", True): "☑", ("radioBtn", False): "○", ("radioBtn", True): "◉",
}  # fmt: skip


def marlett(code: int) -> str:
    """What a Marlett code draws as text: a box, a ticked box, or nothing (a piece of a frame)."""
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    return MARLETT.get(code, chr(0xF000 + code) if 0 <= code <= 0xFF else chr(code))


_PRIVATE_USE = re.compile("[\uf020-\uf0ff]")


def from_private_use(text: str) -> str:
    """Text with its symbol-font private-use characters (U+F020..U+F0FF) mapped."""
    if _PRIVATE_USE.search(text) is None:  # nearly all text: one scan in C
        return text
    return "".join(wingdings(ord(ch)) if "\uf020" <= ch <= "\uf0ff" else ch for ch in text)
