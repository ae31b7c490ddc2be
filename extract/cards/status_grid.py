"""Status grids: the card prints every status and marks the chosen one.

Two forms occur. In one cell: `■완료 □추진중 □기타` (the chosen choice has a
filled mark before it). As a grid: a row of choices (`완료 | 추진중 |
기타(시기미도래)`) and a mark (`○ ● ■ √ V ✔`) in the chosen choice's cell or
in the cell below it. Either way the status is the chosen choice's label as
written. This cannot be a synonym list, so it is this one module; the marks
themselves are data (`[status_grid]` in vocabulary.toml).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from extract.cards.pairs import Pair
from extract.vocabulary import squash, vocabulary
from parsers.model import Cell


@cache
def _marks() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    vocab = vocabulary()
    marks = frozenset(vocab.written("status_grid", "marks"))
    hollow = frozenset(vocab.written("status_grid", "hollow"))
    return marks, hollow, frozenset(vocab.written("status_grid", "unmarked"))


@lru_cache(maxsize=4096)
def _is_choice(text: str) -> bool:
    """Is this text one of a status grid's choices (`완료`, `추진중`, `기타(…)`)? Remembered: every
    filled cell of every header row is asked, and a template's cells repeat card after card."""
    key = squash(text)
    if not key or len(key) > 20:
        return False
    vocab = vocabulary()
    if vocab.status_code(key) != "other":
        return True
    return any(key.startswith(w) for w in vocab.words("status_grid", "other_choices"))


def _strip_marks(text: str) -> tuple[str | None, str]:
    """The mark standing before (or after) a choice, and the choice's text."""
    marks, _, unmarked = _marks()
    signs = marks | unmarked
    value = text.strip()
    mark = None
    if value and value[0] in signs and (not value[0].isascii() or len(value) == 1 or not value[1].isalpha()):
        mark, value = value[0], value[1:].strip()
    elif value and value[-1] in signs and (not value[-1].isascii() or len(value) == 1 or not value[-2].isalpha()):
        mark, value = value[-1], value[:-1].strip()
    return mark, value


def _chosen(marked: list[tuple[str | None, str]]) -> str | None:
    """Of (mark, choice) pairs, the one chosen: the only one with a mark, or the only
    filled mark among hollow ones (`○ 완료 ● 추진중`); empty boxes never choose."""
    marks, hollow, _ = _marks()
    with_mark = [(m, c) for m, c in marked if m in marks]
    if len(with_mark) == 1:
        return with_mark[0][1]
    filled = [(m, c) for m, c in with_mark if m not in hollow]
    if len(filled) == 1:
        return filled[0][1]
    return None


def resolve_marked(text: str) -> str | None:
    """`■완료 □추진중 □보류` -> `완료`; None when the text is not a marked choice list."""
    marks, _, unmarked = _marks()
    signs = "".join(re.escape(s) for s in marks | unmarked if s not in "VvO")
    parts = re.findall(rf"([{signs}])\s*([^{signs}]+)", text)
    marked = [(m, c.strip()) for m, c in parts if _is_choice(c)]
    if len(marked) < 2:
        return None
    return _chosen(marked)


def resolve_misread_marks(text: str) -> str | None:
    """A choice list whose boxes OCR misread (`@완료니추진중ㅁ보류`): the one choice whose sign
    is not an empty box as OCR reads it, where every other choice's sign is one."""
    vocab = vocabulary()
    empty = frozenset(vocab.written("status_grid", "unmarked")) | frozenset(
        vocab.written("status_grid", "ocr_unmarked")
    )
    flat = squash(text)
    words = sorted({w for w, _ in vocab.status_of} | set(vocab.words("status_grid", "other_choices")), key=len)
    found: dict[int, str] = {}
    for word in reversed(words):  # longest first; a shorter word inside a found one is not another choice
        for match in re.finditer(re.escape(word), flat):
            if match.start() > 0 and not any(s <= match.start() < s + len(w) for s, w in found.items()):
                found[match.start()] = word
    if len(found) < 2:
        return None
    signs = {start: flat[start - 1] for start in found}
    if any(sign.isalnum() and not ("가" <= sign <= "힣" or sign in empty) for sign in signs.values()):
        return None  # a letter or digit before a choice: running text, not a list of boxes
    chosen = [start for start, sign in signs.items() if sign not in empty]
    return found[chosen[0]] if len(chosen) == 1 else None


def _is_status_label(text: str) -> bool:
    return bool(text.strip()) and vocabulary().field_for_label(text.strip()) == "status"


def _only_mark(text: str) -> bool:
    marks, _, _ = _marks()
    return text.strip() in marks


def read_status_grid(rows: list[list[Cell]]):
    """The status a grid in these rows marks, as a header `Pair`, and the rows it took."""

    for r, row in enumerate(rows):
        split = [(cell, *_strip_marks(cell.text)) for cell in row if cell.text.strip()]
        choices = [(cell, mark, text) for cell, mark, text in split if _is_choice(text)]
        if len(choices) < 2:
            continue
        label = next((c for c, _, t in split if _is_status_label(t)), None)
        chosen = _chosen([(mark, text) for _, mark, text in choices])
        taken = {r}
        if chosen is None and r + 1 < len(rows):
            below = [c for c in rows[r + 1] if _only_mark(c.text)]
            if len(below) == 1:
                spot = below[0]
                hit = [t for c, _, t in choices if c.col <= spot.col < c.col + c.col_span]
                if len(hit) == 1:
                    chosen = hit[0]
                    taken.add(r + 1)
                    label = label or next((c for c in rows[r + 1] if _is_status_label(c.text)), None)
        if chosen is None:
            continue
        prov = label.prov if label is not None else choices[0][0].prov
        return Pair(label.text.strip() if label is not None else "", chosen, "status", prov), taken
    return None, set()
