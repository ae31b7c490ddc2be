"""Table cells a writer draws no rule around, from the clip paths it draws their content through.

Hangul's PDF export clips the content of every table cell to the cell's box
(`x0 y0 m x1 y0 l x1 y1 l x0 y1 l h W* n`), ruled or not, empty or not. So
a table drawn without rules (an approval header `수신 | 인사과장 | (경유)`, the
answer choices of an exam laid out in a 1 x 10 table, a border hidden between
`①` and `규제영역`) still shows its grid, exactly, in the clip paths. PDFium
keeps no clip of an empty cell, so the page's content stream is scanned for
rectangles a clip operator (`W n`, `W* n`) closes, with the `q`/`Q`/`cm`
state that places them. Other writers clip other things: the page body, a
picture to its frame, a header or a text box. A clipped rectangle is taken
as a cell only where it is one of a grid: not the page nor its header or
footer band, not an image's own frame, and sharing an edge with another
such rectangle. The table finder reads the cells' sides as ruling lines.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict

from pdfminer.pdftypes import PDFStream, resolve1

from parsers.pages.furniture import MARGIN_BAND
from parsers.pdf.objects import PageObjects, Segment

MAX_CLIPS = 20_000  # clip rectangles kept per page
MAX_STACK = 64  # q nesting followed
_WINDOW = 160  # bytes before an operator searched for its operands
_EVENT = re.compile(rb"[\s\])>](q|Q|cm|W\*?\s*n)(?=[\s\[/(<])")  # the stream is padded with newlines
EDGE = 0.25  # points: two cells' shared edge, as exact as the writer's own numbers
PAGE_SHARE = 0.5  # a clip this big is the page's body, not a cell
MIN_SIDE = 2.0  # points: a narrower clip is a hairline, not a cell
LONE_WIDTH = 0.25  # share of the page's width a one-cell table spans at least
_NEIGHBOURS = 64  # boxes beside one side tried for a shared edge

Box = tuple[float, float, float, float]
_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def page_contents(page_obj) -> bytes:
    """The page's content streams, decoded (pdfminer's bounded inflate), joined; b"" where unreadable."""
    parts = []
    contents = page_obj.contents or []
    for ref in contents if isinstance(contents, list) else [contents]:
        stream = resolve1(ref)
        if isinstance(stream, PDFStream):
            parts.append(stream.get_data())
    return b"\n".join(parts)


def clip_rects(data: bytes) -> list[Box]:
    """Axis-aligned rectangles the content stream clips to, in user space (x0, y0, x1, y1).

    Only the operators that place a clip are read: `q`/`Q` save and restore the
    matrix, `cm` changes it, and `W n` / `W* n` close a path, which counts where
    its last words are a rectangle (`re`, or a closed four-point `m l l l`). Work
    is one regular-expression pass and a few words per operator found; a `cm`'s
    numbers are only read when a clip follows it (most are undone by a `Q` first)."""
    data = b"\n" + data + b"\n"
    ctm: _Matrix = _IDENTITY
    pending: tuple[int, ...] = ()  # positions of `cm`s not applied to ctm yet
    stack: list[tuple[_Matrix, tuple[int, ...]]] = []
    out: list[Box] = []
    for match in _EVENT.finditer(data):
        op = match.group(1)
        if op == b"q":
            if len(stack) < MAX_STACK:
                stack.append((ctm, pending))
            continue
        if op == b"Q":
            if stack:
                ctm, pending = stack.pop()
            continue
        if op == b"cm":
            pending += (match.start(1),)
            continue
        for position in pending:
            ctm = _compose(_operands(data, position, 6), ctm)  # type: ignore[arg-type]
        pending = ()
        try:
            corners = _rectangle(data[max(0, match.start(1) - _WINDOW) : match.start(1)].split())
        except ValueError:  # operands that are not numbers
            continue
        if corners is None or abs(ctm[1]) > 1e-6 or abs(ctm[2]) > 1e-6:
            continue  # not a rectangle, or turned by the matrix
        a, _, _, d, e, f = ctm
        xs = [a * x + e for x, _ in corners]
        ys = [d * y + f for _, y in corners]
        out.append((min(xs), min(ys), max(xs), max(ys)))
        if len(out) >= MAX_CLIPS:
            break
    return out


def _operands(data: bytes, position: int, count: int) -> tuple[float, ...]:
    """The `count` numbers before an operator; the identity's where they are not numbers."""
    words = data[max(0, position - _WINDOW) : position].split()[-count:]
    try:
        values = tuple(float(w) for w in words)
    except ValueError:
        return _IDENTITY
    if len(values) != count or not all(math.isfinite(v) for v in values):
        return _IDENTITY
    return values


def _rectangle(words: list[bytes]) -> list[tuple[float, float]] | None:
    if words[-1:] == [b"re"] and len(words) >= 5:
        x, y, w, h = (float(v) for v in words[-5:-1])
        return [(x, y), (x + w, y + h)]
    if words[-1:] == [b"h"]:
        words = words[:-1]
    tail = words[-12:]
    if len(tail) < 12 or tail[2] != b"m" or tail[5] != b"l" or tail[8] != b"l" or tail[11] != b"l":
        return None
    values = [float(tail[i]) for i in (0, 1, 3, 4, 6, 7, 9, 10)]
    points = list(zip(values[0::2], values[1::2], strict=True))
    if len({round(x, 2) for x, _ in points}) != 2 or len({round(y, 2) for _, y in points}) != 2:
        return None
    return points


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def cell_boxes(objects: PageObjects) -> list[Box]:
    """The page's clip rectangles (displayed, x0, top, x1, bottom) that are table cells.

    A cell shares an edge with another cell; a lone clip is a one-cell table only
    where it is as wide as a block of the page's text (a quarter of the page at
    least): labels clipped in a drawing are narrow, and a picture's caption
    touches the picture's own clip."""
    band = MARGIN_BAND * objects.height
    candidates, pictures = [], []
    for box in _plausible(objects.clips, objects.width * objects.height):
        top, bottom = box[1], box[3]
        if bottom <= band or top >= objects.height - band:
            continue  # the page's running header or footer, which Hangul clips too
        if any(all(abs(p - q) <= 1.0 for p, q in zip(box, image, strict=True)) for image in objects.image_boxes):
            pictures.append(box)  # a picture clipped to its own frame
            continue
        candidates.append(box)
    in_grid = _grid_members(candidates)
    return [
        box
        for box, member in zip(candidates, in_grid, strict=True)
        if member or _lone_cell(box, pictures, objects.width)
    ]


def _plausible(boxes: list[Box], page_area: float) -> list[Box]:
    """Distinct boxes of a cell's size: not a hairline, not the page's body."""
    return [
        box
        for box in sorted({tuple(round(v, 2) for v in box) for box in boxes})
        if box[2] - box[0] >= MIN_SIDE
        and box[3] - box[1] >= MIN_SIDE
        and (box[2] - box[0]) * (box[3] - box[1]) < PAGE_SHARE * page_area
    ]  # type: ignore[misc]


def _grid_members(candidates: list[Box]) -> list[bool]:
    """Which candidates share an edge with another, through an index of their sides.

    A box's bottom can only meet the tops of boxes in the same point of y, and
    among those (sorted by left edge) only the ones starting left of its right
    edge: the nearest `_NEIGHBOURS` of them are tried. Likewise for its right side
    and the others' left sides. Work stays near linear in the clips however a
    page is drawn."""
    member = [False] * len(candidates)
    for near, far in ((1, 3), (0, 2)):  # tops meet bottoms, lefts meet rights
        along = 0 if near == 1 else 1
        index: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for i, box in enumerate(candidates):
            index[round(box[near])].append((box[along], i))
        for bucket in index.values():
            bucket.sort()
        for i, box in enumerate(candidates):
            key = round(box[far])
            for bucket in (index.get(key - 1, ()), index.get(key, ()), index.get(key + 1, ())):
                end = bisect.bisect_left(bucket, (box[along + 2], -1))
                for _, j in bucket[max(0, end - _NEIGHBOURS) : end][::-1]:
                    if j != i and _share_edge(box, candidates[j]):
                        member[i] = member[j] = True
    return member


def _lone_cell(box: Box, pictures: list[Box], width: float) -> bool:
    return box[2] - box[0] >= LONE_WIDTH * width and not any(_share_edge(box, p) for p in pictures)


def _share_edge(a: Box, b: Box) -> bool:
    """Do two boxes touch along a side, over at least half the shorter one?"""
    for horizontal in (True, False):
        lo, hi = (0, 2) if horizontal else (1, 3)  # the axis the shared side runs along
        near, far = (1, 3) if horizontal else (0, 2)
        if abs(a[far] - b[near]) <= EDGE or abs(b[far] - a[near]) <= EDGE:
            overlap = min(a[hi], b[hi]) - max(a[lo], b[lo])
            if overlap >= 0.5 * min(a[hi] - a[lo], b[hi] - b[lo]):
                return True
    return False


def segments(boxes: list[Box]) -> list[Segment]:
    """The four sides of each cell, as the table finder reads strokes."""
    out = []
    for x0, top, x1, bottom in boxes:
        out += [Segment(True, top, x0, x1), Segment(True, bottom, x0, x1)]
        out += [Segment(False, x0, top, bottom), Segment(False, x1, top, bottom)]
    return out
