"""What the caller knows of a scan's text: the one seam through which card knowledge reaches OCR."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


def _unchanged(text: str) -> str:
    return text


def _never(text: str) -> bool:
    return False


@dataclass(frozen=True)
class TextHints:
    """What the caller knows of the text a scan holds, handed down to the scan reader.

    Readers know formats, not cards: the slips OCR makes on a card's marks and
    figures (a phone's `T.` read as `1.`, a ○ bullet read as `(>`) are put right
    by `repair`, which the card logic supplies; `unit_words` are the words that
    make a line of digits a phrase (`3개`, `2024년`), not a figure to read again
    with the figures reader. A line of the page's text that the caller finds
    `doubtful` (a heading two letters off a known title, a year 0024) is read
    again on its own: the engine reads one line better than a page's layout.
    """

    repair: Callable[[str], str] = _unchanged
    unit_words: tuple[str, ...] = field(default=())
    doubtful: Callable[[str], bool] = _never


NO_HINTS = TextHints()
