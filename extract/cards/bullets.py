"""Bullet markers: what starts an item, and how to cut a cell into items.

Typists stack markers (`- ▷ 기 간: …`): all leading markers are taken off
the text and kept, space-separated, as the item's marker. ASCII markers and
the jamo ㅇ count only when followed by a space, so `-15억` or `ㅇㅇ구` stay
text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from extract.vocabulary import vocabulary
from parsers.ordinals import ITEM_NUMBER

_NUMBERED = re.compile(rf"^({ITEM_NUMBER})\s*")


def _needs_space(marker: str) -> bool:
    return marker.isascii() or marker == "ㅇ"


@cache
def _markers_by_first() -> dict[str, tuple[str, ...]]:
    """The vocabulary's markers by their first letter, longest first (as `markers` lists them):
    a line is tried against the few that can start it."""
    found: dict[str, list[str]] = {}
    for marker in vocabulary().markers:
        if marker:
            found.setdefault(marker[0], []).append(marker)
    return {first: tuple(markers) for first, markers in found.items()}


def split_marker(text: str) -> tuple[list[str], str]:
    """Leading markers (outermost first) and the text after them."""
    markers: list[str] = []
    rest = text.strip()
    by_first = _markers_by_first()
    while rest:
        for marker in by_first.get(rest[0], ()):
            if rest.startswith(marker):
                after = rest[len(marker) :]
                if _needs_space(marker) and after and not after[0].isspace():
                    continue
                markers.append(marker)
                rest = after.lstrip()
                break
        else:
            numbered = _NUMBERED.match(rest)
            if numbered and not markers:
                markers.append(numbered[1])
                rest = rest[numbered.end() :]
                continue
            break
    return markers, rest


@lru_cache(maxsize=1024)
def marker_class(marker: str) -> str:
    """Numbered markers of one style share a class (`1)` and `2)` are siblings)."""
    return re.sub(r"\d+", "N", re.sub(r"[①-⑳]", "①", re.sub(r"[가-하]", "가", marker)))


def split_bullets(text: str, lines_are_items: bool = False) -> list[str]:
    """A cell such as `○ A(…) ○ B ○ C`, or one bullet per line, as item texts.

    Only the marker the cell starts with splits it, and only where it stands
    after whitespace, so a dash inside `멘토-멘티` never cuts an item.
    `lines_are_items`: each line is a paragraph already (a scan's wrapped lines
    are joined by the reader), so in a bulleted list a line whose mark OCR lost
    is still an item of its own.
    """
    pieces: list[str] = []
    bulleted = lines_are_items and any(split_marker(line.strip())[0] for line in text.splitlines())
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        markers, _ = split_marker(line)
        if not markers:
            # a line without a marker continues the item above (wrapped text)
            if pieces and not bulleted:
                pieces[-1] += " " + line
            else:
                pieces.append(line)
            continue
        lead = markers[0]
        if _NUMBERED.match(lead + " "):  # numbered (①, 1), 가.): any marker of the same style starts an item
            pattern = _same_style(lead)
        else:
            pattern = re.escape(lead) + (r"(?=\s)" if _needs_space(lead) else "")
        parts = re.split(r"(?:^|\s+)(?:" + pattern + r")\s*", " " + line)
        pieces.extend(_strip_all(p) for p in parts if p.strip())
    return [p for p in pieces if p]


def _same_style(marker: str) -> str:
    """A pattern for every marker of `marker`'s numbering style."""
    style = marker_class(marker)
    return "".join({"N": r"\d{1,2}", "①": "[①-⑳]", "가": "[가-하]"}.get(ch, re.escape(ch)) for ch in style)


def _strip_all(text: str) -> str:
    return split_marker(text)[1].strip()
