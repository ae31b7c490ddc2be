"""A page's glyphs into lines and lines into paragraphs, spaced by the evidence.

PDF writers place glyphs, not words: a space is a space glyph, or only a
gap (Hangul's own export draws none). Lines are found by the glyphs'
heights, words by the gaps measured against the line's own letter spacing,
and wrapped lines are joined into paragraphs where the next line's first
word would not have fitted at the end of the one above.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from parsers.model import Paragraph
from parsers.ordinals import ITEM_NUMBER

MAX_PADDING = 8.0  # points: the widest cell padding writers use (Hangul's default is 1.8 mm = 5.1 pt)
# a line that opens a new item is never joined to the one above: a bullet mark, or a number
_BULLET_START = re.compile(rf"^(?:[^\w\s(\[<'\"‘“]\s?|{ITEM_NUMBER})")


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    trailing_space: bool
    space_width: float
    first_word_x1: float  # right end of the first word (up to the first space)
    gap_words: bool = False  # words parted by a gap alone, no space glyph (Hangul's export writes none)
    words: list[tuple[float, float]] = field(default_factory=list)  # each word's x0, x1 (the debug view)


def text_lines(chars: list[dict], cell: tuple[float, float, float, float] | None = None) -> list[Line]:
    """Glyphs into lines (top to bottom), each line's words spaced by evidence.

    `cell`: the box of the table cell the glyphs stand in, given when the
    writer leaves typed spaces undrawn (see `_line`)."""
    if not chars:
        return []
    ordered = sorted(chars, key=_TOP_LEFT)
    rows: list[list[dict]] = []
    last: list[dict] = []
    top = reach = 0.0  # the row's first glyph's top, and how far from it a glyph still joins the row
    for char in ordered:
        if last and abs(char["top"] - top) <= reach:
            last.append(char)
            continue
        last = [char]
        rows.append(last)
        top, size = char["top"], char["size"]
        reach = (size if size > 1.0 else 1.0) * 0.4
    return [line for row in rows if (line := _line(sorted(row, key=_LEFT), cell)) is not None]


_TOP_LEFT = itemgetter("top", "x0")
_LEFT = itemgetter("x0")


def _median(values: list[float]) -> float:
    """`statistics.median` of a non-empty list, without its generality (this runs once per line)."""
    if len(values) == 1:
        return values[0]
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _line(chars: list[dict], cell: tuple[float, float, float, float] | None = None) -> Line | None:
    glyphs = [c for c in chars if not c["text"].isspace()]
    if not glyphs:
        return None
    size = _median([c["size"] for c in glyphs])
    texts = [g["text"] for g in glyphs]
    lefts = [g["x0"] for g in glyphs]
    rights = [g["x1"] for g in glyphs]
    tight = [b - a for a, b in zip(rights, lefts[1:])]  # each glyph's gap to the next
    spaced_pairs: set[int] | tuple = ()  # glyphs a space glyph follows
    if len(glyphs) < len(chars):
        spaced_pairs = {id(a) for a, b in itertools.pairwise(chars) if b["text"].isspace()}
    # The tightest gap is the line's letter spacing: ~0 in plain text, wide in distributed text.
    letter_gap = min(tight) if tight else 0.0
    if cell is not None and _typed_apart(glyphs, tight, size, cell) and not spaced_pairs:
        threshold = letter_gap - 0.01 * size  # every gap is a typed space
    elif letter_gap >= 0:
        threshold = max(0.25 * size, 2.0 * letter_gap + 0.1 * size)
    else:  # condensed text (Hangul's negative letter spacing): a word gap stands out from the overlap
        threshold = letter_gap + 0.25 * size
    parts = [texts[0]]
    gap_words = False
    words = []
    word_x0, word_x1 = lefts[0], rights[0]
    mark_gap = letter_gap + 0.1 * size
    for k, gap in enumerate(tight, start=1):  # glyph k and the one before it
        spaced = id(glyphs[k - 1]) in spaced_pairs
        if (
            spaced
            or gap > threshold
            or (gap > mark_gap and _is_mark(texts[k - 1]) and (texts[k].isalnum() or _is_mark(texts[k])))
        ):
            parts.append(" ")
            gap_words |= not spaced
            words.append((word_x0, word_x1))
            word_x0, word_x1 = lefts[k], rights[k]
        elif rights[k] > word_x1:
            word_x1 = rights[k]
        parts.append(texts[k])
    words.append((word_x0, word_x1))
    text = "".join(parts)
    if "  " in text:
        text = re.sub(r" {2,}", " ", text)
    text = text.strip()
    spaces = [c["x1"] - c["x0"] for c in chars if c["text"] == " " and c["x1"] > c["x0"]]
    return Line(
        text=text,
        x0=lefts[0],
        x1=rights[-1],
        top=min([c["top"] for c in glyphs]),
        bottom=max([c["bottom"] for c in glyphs]),
        size=size,
        trailing_space=chars[-1]["text"].isspace(),
        space_width=_median(spaces) if spaces else 0.28 * size,
        first_word_x1=_first_word_end(chars),
        gap_words=gap_words,
        words=words,
    )


@lru_cache(maxsize=4096)
def _is_mark(ch: str) -> bool:
    """A bullet or label mark (○, ㉠, ①, ▪, ➊): set off from its text by a space that a
    fallback font's wider advance for the mark can shrink below a word gap."""
    return unicodedata.category(ch) == "So" or "\u2460" <= ch <= "\u24ff" or "\u3200" <= ch <= "\u32ff"


def _typed_apart(glyphs: list[dict], gaps: list[float], size: float, cell: tuple[float, float, float, float]) -> bool:
    """Glyphs standing evenly apart in a cell they do not fill were typed with a space between each
    (`구 분`, `개 정 안`), by a writer that draws no space glyphs; letters spread by distributed
    alignment fill the cell from padding to padding, and those spread nothing was typed between."""
    if not gaps or min(gaps) < 0.15 * size or max(gaps) > 1.3 * min(gaps) + 0.05 * size:
        return False
    left, right = glyphs[0]["x0"] - cell[0], cell[2] - glyphs[-1]["x1"]
    fills = abs(left - right) <= 0.3 * size and max(left, right) <= max(MAX_PADDING, 0.9 * size)
    return not fills


def _first_word_end(chars: list[dict]) -> float:
    started = False
    end = chars[0]["x1"]
    for char in chars:
        if char["text"].isspace():
            if started:
                break
            continue
        started = True
        end = char["x1"]
    return end


_DIGITS = set("0123456789")
_PARTICLE_END = set("은는을를의에와과및등")  # syllables that almost always end a word


def runs_on(before: str, after: str) -> bool:
    """A figure broken over two lines (`1,2` | `00`) joins without a space."""
    return (before in _DIGITS or before in ",.") and after in _DIGITS


def _first_word_width(line: Line) -> float:
    return line.first_word_x1 - line.x0


def paragraphs(
    lines: list[Line],
    text_right: float,
    word_wrap: bool = False,
    text_left: float | None = None,
    soft: bool = False,
) -> list[tuple[str, Line]]:
    """Join wrapped lines into paragraphs.

    A line continues on the next when the next line's first word would not
    have fitted in the room left at its end (the writer had to wrap). Whether
    the break stood on a space: a space glyph left at the end says yes; room
    for a space left unused says no (the writer broke inside a word, as
    Korean layout does); between digits never; with no room for a space the
    geometry cannot tell, and the words decide (a particle such as 은, 를, 에
    ends a word; halves that would make a seven-syllable word were two).
    `text_left` (a cell's): a short line set flush right above another,
    with room in the width for the next line's first word, was not wrapped
    (a column of right-aligned amounts is one amount per line).
    """
    joined: list[tuple[list[str], Line, Line]] = []  # (texts, first line, last line)
    for line in lines:
        if joined:
            texts, first, last = joined[-1]
            # where the paragraph's lines start: its first line may stand up to 2 em in from the
            # rest (a first-line indent, 들여쓰기)
            start = min(first.x0, last.x0) if last is not first else first.x0 - 2 * first.size
            room = text_right - last.x1
            wrapped = _first_word_width(line) > room - 0.5 or last.x1 >= text_right - 0.5 * last.size
            flush_right = min(last.x1, line.x1) >= text_right - 0.5 * last.size
            if wrapped and flush_right and text_left is not None and last.x0 - text_left > 2 * last.size:
                width_left = (text_right - text_left) - (last.x1 - last.x0)
                wrapped = _first_word_width(line) > width_left - last.size
            close_below = line.top - last.bottom <= 0.9 * last.size
            # a centred paragraph's longer next line starts left of the first
            centred = abs((line.x0 + line.x1) - (last.x0 + last.x1)) <= last.size
            aligned = line.x0 >= start - 1 or centred
            if wrapped and close_below and not _BULLET_START.match(line.text) and aligned:
                texts.append(_joint(last, line, room, word_wrap, soft) + line.text)
                joined[-1] = (texts, first, line)
                continue
        joined.append(([line.text], line, line))
    return [("".join(texts), first) for texts, first, _ in joined]


SOFT = "\ufdd0"  # noncharacters: no glyph is read as them (pdf.objects drops unprintables)
SOFT_LONE = "\ufdd1"  # the same, after a line that holds a single word
_SOFT_BREAK = re.compile(f"([{SOFT}{SOFT_LONE}])")
_WORD = "가-힣0-9A-Za-z"
_WORD_RUN = re.compile(rf"[{_WORD}]+")
_TAIL = re.compile(rf"[{_WORD}]+$")
_HEAD = re.compile(rf"^[{_WORD}]+")
_PAIR_INSIDE = re.compile(rf"(?=([{_WORD}][{_WORD}]))")
_PAIR_ACROSS = re.compile(rf"(?=([{_WORD}])\s+([{_WORD}]))")


def _wordlike(before: str, after: str) -> bool:
    """A break that may fall inside a word: Korean on at least one side, a letter or digit on the other."""

    def hangul(ch: str) -> bool:
        return "가" <= ch <= "힣"

    def alnum(ch: str) -> bool:
        return hangul(ch) or (ch.isascii() and ch.isalnum())

    return alnum(before) and alnum(after) and (hangul(before) or hangul(after))


def settle_breaks(paragraphs: list[Paragraph]) -> None:
    """Decide each soft break between two Korean syllables by the document's own words.

    Hangul wraps Korean by word or by character, chosen per paragraph, and its
    PDF keeps no trace of which: `동의자의` may be broken `동 / 의자의`, and
    `개략적인 내용을` broken at its space. The geometry cannot tell them apart
    (justified lines stretch both), but the document writes the same words
    elsewhere on one line. A break is closed
    - when the two halves run on as one word (`동의자의…`) more often than
      they stand as two words (`개략적인 내용을`), or
    - after a line of several words, when the two syllables on either side
      stand side by side inside a word elsewhere in the document (at least
      twice) more often than across a space (`보호하 / 고자` where `하고`
      is written inside words and seldom as `…하 고…`). A line holding one
      word (a narrow cell) was wrapped at a word's end far more often, so
      only whole words decide there.
    With no evidence either way, a space, as before."""
    if not any(SOFT in p.text or SOFT_LONE in p.text for p in paragraphs):
        return  # no break to settle (most writers' PDFs): the words need not be counted
    runs: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    inside: Counter[str] = Counter()
    across: Counter[str] = Counter()
    for paragraph in paragraphs:
        for segment in _SOFT_BREAK.split(paragraph.text)[::2]:
            runs.update(_WORD_RUN.findall(segment))
            inside.update(_PAIR_INSIDE.findall(segment))
            across.update(a + b for a, b in _PAIR_ACROSS.findall(segment))
            words = segment.split()
            for left, right in itertools.pairwise(words):
                tail, head = _TAIL.search(left), _HEAD.search(right)
                if tail and head:
                    pairs[(tail[0], head[0])] += 1
    ordered = sorted(runs)
    cumulative = list(itertools.accumulate(runs[r] for r in ordered))

    def starting_with(prefix: str) -> int:
        lo, hi = bisect.bisect_left(ordered, prefix), bisect.bisect_left(ordered, prefix + "\uffff")
        return (cumulative[hi - 1] if hi else 0) - (cumulative[lo - 1] if lo else 0)

    for paragraph in paragraphs:
        if SOFT not in paragraph.text and SOFT_LONE not in paragraph.text:
            continue
        parts = _SOFT_BREAK.split(paragraph.text)
        out = [parts[0]]
        for mark, part in zip(parts[1::2], parts[2::2], strict=True):
            tail, head = _TAIL.search(out[-1]), _HEAD.search(part)
            closed = False
            if tail and head:
                closed = starting_with(tail[0] + head[0]) > pairs[(tail[0], head[0])]
                if not closed and mark == SOFT:
                    pair = tail[0][-1] + head[0][0]
                    closed = inside[pair] >= 2 and inside[pair] > across[pair]
            out.append(("" if closed else " ") + part)
        paragraph.text = "".join(out)


def _joint(last: Line, line: Line, room: float, word_wrap: bool = False, soft: bool = False) -> str:
    if last.trailing_space:
        return " "
    before, after = last.text[-1:], line.text[:1]
    if runs_on(before, after):
        return ""
    if soft and _wordlike(before, after) and (last.gap_words or word_wrap):
        first = line.text.split(" ", 1)[0]
        syllable = (line.first_word_x1 - line.x0) / max(len(first), 1)
        inked = sum(x1 - x0 for x0, x1 in last.words) if last.words else last.x1 - last.x0
        # letters set wider than they are (distributed alignment) left room to spare: no wrap inside a word
        spread = inked / max(len(last.text.replace(" ", "")), 1) > 1.4 * last.size
        if room < 0.95 * syllable and not spread:  # a break inside a word fills the line
            # the document's own words decide, once it is read (settle_breaks)
            return SOFT if " " in last.text.strip() else SOFT_LONE
        return " "
    if last.gap_words or word_wrap:
        # A writer that leaves no space glyphs leaves none at the break either, so the room
        # left says nothing. Hangul wraps Korean by word (어절) or by character (글자), set per
        # paragraph; on the Hancom pairs a space at every such break reads best (spaced 90.7%,
        # against 89.7% for "a space only where another character would have fitted").
        return " "
    if room >= 0.9 * last.space_width:
        return ""
    if "가" <= before <= "힣":
        # Korean words run two to five syllables: two halves that would make a
        # longer one were two words; a particle or ending closes a word.
        joined = len(re.findall(r"[가-힣]+$", last.text)[0]) + len(re.match(r"[가-힣]*", line.text)[0])
        return " " if before in _PARTICLE_END or joined >= 7 else ""
    return " "
