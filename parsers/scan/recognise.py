"""Text lines of a page image, read by the OCR engine, with the marks its model cannot write.

Each box (a table cell, or the page outside its tables) is read on its own
with a margin of paper around it: Tesseract misses text that touches the
edge of its image, and cell text often touches its border. A cell of
several lines is cut into lines at the blank rows between them and each
line read alone (the engine is at its best on one line). The engine's
spaced text gives each line its words and spacing; its word boxes give the
line's geometry and confidence. Marks the model's alphabet lacks (☎ □ ○ …)
are found from their shapes (`marks`) and the line read again with a
placeholder where each stands. A line that is mostly digits is read again
by the engine's figures reader. The caller's `TextHints` put right the
slips it knows of (the card logic knows a card's marks; this module does not).
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass

import numpy as np
from PIL import Image

from parsers.ordinals import CIRCLED_DIGITS
from parsers.scan import marks, masks
from parsers.scan.hints import NO_HINTS, TextHints
from parsers.scan.ocr import FIGURE_CHARS, Mode, Word, engine
from parsers.scan.pixels import Page

BoxPx = tuple[int, int, int, int]  # x0, y0, x1, y1 in the page image's pixels


@dataclass
class OcrLine:
    """One recognised text line, in points on the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    first_word_x1: float
    confidence: float
    chars: int


def recognise(page: Page, box: BoxPx, mode: str, hints: TextHints = NO_HINTS) -> list[OcrLine]:
    """Text lines inside `box` with their confidences; `mode` is `line` (a one-line cell),
    `block` (a cell of several lines), `column` (the page) or `raw` (one line, without the
    engine's own line finding)."""
    box = _ink_box(page, box)
    if box is None:
        return []
    if mode == "block":
        # the engine is at its best on one line: a cell's lines are found from the gaps
        # between them and read one by one
        return [line for band in _line_bands(page, box) for line in recognise(page, band, "line", hints)]
    x0, y0, x1, y1 = box
    # the engine misses text that touches the edge of its image (cell text often touches its
    # border), so the box is recognised on its own with a margin of paper around it
    margin = max(int(page.dpi * 0.05), 6)
    canvas = Image.new("L", (x1 - x0 + 2 * margin, y1 - y0 + 2 * margin), 255)
    canvas.paste(page.grey.crop(box), (margin, margin))
    ocr: Mode = mode  # type: ignore[assignment]
    reading = engine().read(canvas, ocr, with_ink=True)
    groups = reading.lines
    if not groups and mode == "line":
        # line mode sometimes rejects a short, clean line outright; the raw-line mode reads it
        return recognise(page, box, "raw", hints)
    # the engine spaces every "word", and Korean comes back as a word per syllable run; its
    # page text has the spacing it saw, so lines take their text from it and their geometry
    # and confidence from the words
    spaced = [line for line in reading.text.splitlines() if line.strip()]
    if len(spaced) != len(groups):
        spaced = [_spaced_by_gaps(g) for g in groups]
    symbols = reading.symbols
    placed: list[list[marks.Glyph]] = [[] for _ in spaced]  # the marks read from their shapes
    if len(spaced) == len(symbols) and reading.ink is not None:
        if len(spaced) == 1 and mode != "column":
            marked = [_with_marks(canvas, reading.ink, spaced[0], symbols[0])]
        else:  # a page's lines: each looked at in the rows its words stand in
            marked = [
                _with_marks(canvas, reading.ink, text, line, _rows(words, canvas.height))
                for text, line, words in zip(spaced, symbols, groups)
            ]
        spaced, placed = [text for text, _ in marked], [found for _, found in marked]
    shift = (x0 - margin, y0 - margin)
    # the engine's words may leave out a bullet read from its shape: the line starts at the mark
    lefts = [found[0].x0 if found else None for found in placed]
    lines = [_line(text, words, page.scale, shift, hints, left) for text, words, left in zip(spaced, groups, lefts)]
    if mode in ("line", "raw") and len(lines) == 1 and looks_like_figures(lines[0].text, hints):
        seen = [(s.box[0], s.box[2]) for s in symbols[0]] if len(symbols) == 1 else []
        lines[0] = _reread_figures(lines[0], canvas, hints, seen + [(g.x0, g.x1) for g in placed[0]])
    if mode == "column":
        lines = [line for line in lines if not any(_echoes(line, other) for other in lines)]
        lines = [_read_alone(page, line, hints) if hints.doubtful(line.text) else line for line in lines]
    return lines


def _read_alone(page: Page, line: OcrLine, hints: TextHints) -> OcrLine:
    """A line of the page's text the caller doubts, read again on its own (`line` mode): the
    engine's page layout now and then misreads what it reads right in a line by itself
    (`5. 랑우계획` for `5. 향후계획`). The second reading replaces the first where it is one
    line, about as long, and not in doubt itself."""
    pad = page.dpi * 0.02
    box = (
        max(int((line.x0 / page.scale) - pad), 0),
        max(int((line.top / page.scale) - pad), 0),
        min(int((line.x1 / page.scale) + pad) + 1, page.ink.shape[1]),
        min(int((line.bottom / page.scale) + pad) + 1, page.ink.shape[0]),
    )
    again = recognise(page, box, "line", hints)
    if len(again) != 1 or hints.doubtful(again[0].text):
        return line
    before, after = len(line.text.replace(" ", "")), len(again[0].text.replace(" ", ""))
    return again[0] if abs(before - after) <= max(1, before // 10) else line


def _echoes(line: OcrLine, other: OcrLine) -> bool:
    """Is `line` a second, partial reading of `other`? The engine's layout analysis now and
    then takes the lower half of a line's syllables (their final consonants: `ㅁㅁ` under
    점검) for a line of its own, which it reads beside the whole line. Such a reading lies
    within the other line's height and width and holds fewer characters; two lines of text
    never overlap so."""
    if line is other or line.chars >= other.chars:
        return False
    height = line.bottom - line.top
    overlap = min(line.bottom, other.bottom) - max(line.top, other.top)
    slack = (other.bottom - other.top) * 0.5
    inside = other.x0 - slack <= line.x0 and line.x1 <= other.x1 + slack
    return height > 0 and overlap >= 0.6 * height and inside


def looks_like_figures(text: str, hints: TextHints = NO_HINTS) -> bool:
    """A reading that is mostly digits and figure marks, with at most one stray syllable (and
    no unit word such as 년 or 원): the Korean model's reading of a figure or a number such
    as `1-1-1`, worth a second look by the figures reader; so is a reading of two or three
    marks and no letter (`-]` for `35`). Not where the line holds a mark read from its shape
    (`(☎5576)`): the figures reader would make a digit of it."""
    if any(c in marks.WORD_MARKS or c in CIRCLED_DIGITS for c in text):
        return False
    chars = [c for c in text if not c.isspace()]
    figure = sum(c in FIGURE_CHARS or c in "△▲^" for c in chars)
    syllables = sum("가" <= c <= "힣" for c in chars)
    units = any(word in text for word in hints.unit_words)
    marks_only = 2 <= len(chars) <= 3 and not any(c.isalnum() for c in chars)
    return (any(c.isdigit() for c in chars) or marks_only) and figure * 2 >= len(chars) and syllables <= 1 and not units


def _rows(words: list[Word], height: int) -> tuple[int, int]:
    """The rows a line's words stand in, by their median top and foot (a word box stretched
    over the line above does not widen it), with a fifth of a letter either way (a comma's tail)."""
    tops = sorted(w.box[1] for w in words)
    feet = sorted(w.box[3] for w in words)
    top, foot = tops[len(tops) // 2], feet[len(feet) // 2]
    pad = max((foot - top) // 5, 2)
    return max(top - pad, 0), min(foot + pad, height)


def _with_marks(
    canvas: Image.Image, ink: np.ndarray, text: str, symbols: list, rows=None
) -> tuple[str, list[marks.Glyph]]:
    """The line's text with the marks its pixels show (see `marks`), read again in one-line
    mode with a placeholder where each stands, and those marks (where they stand tells the
    line's indent and the ink the reading covers); the first reading and no marks where
    there are none or the second reading does not place them. `rows` is the line's band of
    the image (top, bottom), all of it when None."""
    top, bottom = rows if rows is not None else (0, canvas.height)
    band = canvas.crop((0, top, canvas.width, bottom))
    found, size = marks.find(ink[top:bottom], symbols, np.asarray(band) < marks.FAINT)
    found = [glyph for glyph in found if glyph.mark != marks.CIRCLED or _read_circled(band, glyph)]
    if not found:
        return text, []
    placeholders = marks.with_placeholders(band, found, size)
    if placeholders is None:
        return text, []
    again = engine().read(placeholders, "line")
    second = marks.Reading(" ".join(again.text.split()), [s for line in again.symbols for s in line])
    restored = marks.restore(marks.Reading(text, symbols), second, found)
    return (restored, found) if restored else (text, [])


def _read_circled(band: Image.Image, glyph: marks.Glyph) -> bool:
    """Read the figure a ring holds and make the glyph that circled number (①…⑳); False where
    the inside reads as no number from 1 to 20 (the glyph then keeps Tesseract's reading)."""
    inside = marks.inside_of_ring(band, glyph)
    # what is left of the ring's grey edge can hide a thin figure (a serif `1`) from the
    # reader: the figure is read again in black and white, then twice the size
    for image in (
        inside,
        inside.point(lambda v: 0 if v < 128 else 255),
        inside.resize((inside.width * 2, inside.height * 2), Image.LANCZOS),
    ):
        read = engine().read_figures(image)
        digits = re.sub(r"\D", "", read[0]) if read is not None else ""
        if digits and 1 <= int(digits) <= len(CIRCLED_DIGITS):
            glyph.mark = CIRCLED_DIGITS[int(digits) - 1]
            return True
    return False


def _reread_figures(line: OcrLine, canvas: Image.Image, hints: TextHints, seen=()) -> OcrLine:
    """The line read again by the figures reader, whose reading replaces the Korean model's
    where the ink or the confidences say it is the better one. `seen` are the columns
    (first, last) of what the Korean reading stands on, its characters' boxes and the marks
    read from their shapes, which tell the ink it read from the ink it missed."""
    read = engine().read_figures(canvas)
    if read is None:
        return line
    text, confidence = " ".join(read[0].split()), read[1]
    if not any(c.isdigit() for c in text):
        return line
    digits = sum(c.isdigit() for c in text) - sum(c.isdigit() for c in line.text)
    if re.search(r"[가-힣^]", line.text):
        if digits <= 0 or confidence < line.confidence:
            # the syllable was no misread digit (`파-12`), or the figures reader is less sure
            # of its digit than the Korean model of its syllable (`2023'넌`, a misread 년, is
            # no `20234`): the Korean reading stands
            return line
    else:
        # the ink's own count of characters settles a reading that made one up (the Korean
        # model doubles digits: `2026.66.`, `759%`) or lost one; otherwise a clean Korean
        # reading stands unless the figures reader is surer and loses nothing
        runs = glyph_runs(canvas)
        count = len(runs)
        korean, figures = len(line.text.replace(" ", "")), len(text.replace(" ", ""))
        # a character of ink none of the Korean reading's characters stands on was missed
        # (`-]` read from the `5` of `35`, its `3` left out)
        missed = bool(seen) and any(not any(x0 <= b and a <= x1 for x0, x1 in seen) for a, b in runs)
        if (korean == count and not missed) == (figures == count):
            if confidence < line.confidence or figures < korean:
                return line
        elif korean == count and not missed:
            return line
        text = _points_kept(line.text, text)
    sign = line.text[0] if line.text[:1] in ("△", "▲") and text[:1] not in ("△", "▲", "-") else ""
    return OcrLine(
        text=sign + hints.repair(text), x0=line.x0, x1=line.x1, top=line.top, bottom=line.bottom,
        first_word_x1=line.first_word_x1, confidence=max(confidence, 0.0), chars=len(text),
    )  # fmt: skip


def _points_kept(korean: str, figures: str) -> str:
    """The figures reader's reading, with a point the Korean reading saw where it read a comma
    (`2018.7,~` against `2018. 7.~`): a blurred point and a comma look alike, and the first
    reading's point stands, as it does against a comma read from the pixels (`marks`)."""
    a, b = korean.replace(" ", ""), figures.replace(" ", "")
    out = []
    for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "replace" and a1 - a0 == b1 - b0 and set(a[a0:a1]) <= set(".,") and set(b[b0:b1]) <= set(".,"):
            out.append(a[a0:a1])
        else:
            out.append(b[b0:b1])
    merged = "".join(out)
    return figures if merged == b else merged


def glyph_runs(image: Image.Image) -> list[tuple[int, int]]:
    """The characters a line of figures shows, as the columns (first, last) of each run of
    inked columns between blank ones: digits and their marks stand apart in every font met;
    a speck of a few pixels is none."""
    columns = (np.asarray(image) < 128).sum(axis=0)
    return [(a, b - 1) for a, b in masks.runs(columns > 0) if int(columns[a:b].sum()) >= 3]


def _line_bands(page: Page, box: tuple[int, int, int, int]) -> list[tuple[int, int, int, int]]:
    """The text lines of a box, split where a run of rows holds no ink."""
    x0, y0, x1, y1 = box
    inked = page.ink[y0:y1, x0:x1].any(axis=1)
    gap = max(int(page.dpi * 0.01), 2)
    bands, start, blank = [], None, 0
    for i, flag in enumerate(np.append(inked, [False] * gap)):
        if flag:
            start = i if start is None else start
            blank = 0
        elif start is not None:
            blank += 1
            if blank >= gap:
                bands.append((start, i - blank + 1))
                start, blank = None, 0
    minimum = page.dpi * 0.04  # a sliver (a stray dot, the tail of a comma) joins the line above
    merged: list[list[int]] = []
    for a, b in bands:
        if merged and (b - a < minimum or merged[-1][1] - merged[-1][0] < minimum):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    pad = gap
    return [(x0, max(y0, y0 + a - pad), x1, min(y1, y0 + b + pad)) for a, b in merged]


def _ink_box(page: Page, box: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """The part of `box` that holds its ink, a little widened; None when it holds none. What
    an erased border leaves at the box's edges (a faint sliver) does not count as ink."""
    x0, y0, x1, y1 = box
    edge = max(int(page.dpi * 0.012), 2)
    inner = page.ink[y0 + edge : y1 - edge, x0 + edge : x1 - edge]
    if inner.sum() < 8:
        return None
    rows, cols = np.flatnonzero(inner.any(axis=1)), np.flatnonzero(inner.any(axis=0))
    pad = edge + 2
    left, right = x0 + edge + int(cols[0]), x0 + edge + int(cols[-1]) + 1
    top, foot = y0 + edge + int(rows[0]), y0 + edge + int(rows[-1]) + 1
    # a thin stroke lighter than the ink threshold (the faint half of a ○ at the line's start)
    # belongs to the glyph whose ink it touches: the box reaches over it, never past the box given
    faint = page.faint[top:foot]
    while left > x0 + edge and faint[:, left - 1].any():
        left -= 1
    while right < x1 - edge and faint[:, right].any():
        right += 1
    return max(x0, left - pad), max(y0, top - pad), min(x1, right + pad), min(y1, foot + pad)


def _spaced_by_gaps(words: list[Word]) -> str:
    """A line's text from its words, a space where the gap is wider than a fifth of the line's height."""
    height = max(w.box[3] for w in words) - min(w.box[1] for w in words)
    parts = [words[0].text]
    for a, b in itertools.pairwise(words):
        parts.append((" " if b.box[0] - a.box[2] > 0.2 * height else "") + b.text)
    return "".join(parts)


def _line(
    text: str, words: list[Word], scale: float, shift: tuple[int, int], hints: TextHints, left: int | None = None
) -> OcrLine:
    text, words = _without_trailing_specks(" ".join(text.split()), words)
    text = hints.repair(text)
    chars = sum(len(w.text) for w in words)
    confidence = sum(w.confidence * len(w.text) for w in words) / max(chars, 1)
    dx, dy = shift
    boxes = [(w.box[0] + dx, w.box[1] + dy, w.box[2] + dx, w.box[3] + dy) for w in words]
    return OcrLine(
        text=text,
        x0=min([b[0] for b in boxes] + ([left + dx] if left is not None else [])) * scale,
        x1=max(b[2] for b in boxes) * scale,
        top=min(b[1] for b in boxes) * scale,
        bottom=max(b[3] for b in boxes) * scale,
        first_word_x1=boxes[0][2] * scale,
        confidence=confidence,
        chars=chars,
    )


SPECK_CONFIDENCE = 10.0  # the engine's confidence (0-100) under which a word may be a speck it read


def _without_trailing_specks(text: str, words: list[Word]) -> tuple[str, list[Word]]:
    """The line without the words at its end the engine made of specks (a rule's remains, a
    blot: `담당자 나 국`, `(T.061-286-2692) 큐`): read with next to no confidence, and either
    under two thirds of the line's letters tall or standing more than two letters' height
    away from the text before them. Never the line's first word."""
    while len(words) > 1:
        last, before = words[-1], words[-2]
        heights = sorted(w.box[3] - w.box[1] for w in words[:-1])
        height = heights[len(heights) // 2]
        small = (last.box[3] - last.box[1]) < 2 / 3 * height
        apart = last.box[0] - before.box[2] > 2 * height
        if last.confidence >= SPECK_CONFIDENCE or not (small or apart) or not text.endswith(last.text):
            break
        text, words = text[: -len(last.text)].rstrip(), words[:-1]
    return text, words


def confidence_of(lines: list[OcrLine]) -> float | None:
    chars = sum(line.chars for line in lines)
    return sum(line.confidence * line.chars for line in lines) / chars if chars else None
