"""What a PDF page draws, read by PDFium (pypdfium2): glyphs, straight strokes and boxes.

PDFium, the PDF engine of Chromium, reads a page's objects some thirty
times faster than pdfminer interprets its content stream, and it is built
for hostile files. This module only turns its page objects into plain
geometry in displayed-page points (origin top-left, y down, the page's
/Rotate applied): glyphs as dicts (the shape the line builder reads) and
axis-aligned segments (the table finder's input). Nothing is rendered,
no script runs, and embedded objects (images, forms, OLE) are only
counted or walked for their drawing operators.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import math
import unicodedata
from array import array
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as C

from parsers.numbers import finite
from parsers.pdf.plain import P, address
from parsers.pdf.safety import MAX_COORDINATE
from parsers.symbols import marlett, wingdings

MAX_OBJECTS = 200_000  # page objects walked per page; a real page has a few thousand
MAX_SEGMENTS = 400_000  # segments kept per page
FORM_DEPTH = 8  # nested form XObjects followed
WHITE = 245  # a fill or stroke this light (each channel) draws nothing a reader sees


@dataclass(slots=True)
class Segment:
    """A straight horizontal or vertical stroke (or the long axis of a thin filled box)."""

    horizontal: bool
    at: float  # y of a horizontal segment, x of a vertical one
    start: float  # x0 (horizontal) or top (vertical)
    end: float


@dataclass
class PageObjects:
    width: float
    height: float
    glyphs: list[dict] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    images: int = 0
    unmapped: int = 0  # glyphs whose font maps to no character
    unplaced: int = 0  # glyphs at impossible coordinates
    truncated: bool = False  # more drawing than MAX_OBJECTS / MAX_SEGMENTS: the rest was not read
    # the text layer's self-check (see `textlayer`): text objects drawn with ink that PDFium's
    # text page has no character for, and glyphs whose font decodes them to noise
    dropped: int = 0  # = len(missing)
    dropped_boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    missing: list[tuple[float, float, float, float]] = field(default_factory=list)  # ... holding no kept glyph
    garbled: int = 0
    ink_checks: int = 0  # left-out text objects rendered to see whether they draw ink (`_draws_ink`)
    letters: int = 0  # glyphs read as something other than a space
    strips: list[tuple[float, float, float, float]] = field(default_factory=list)  # thin filled boxes
    image_boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    clips: list[tuple[float, float, float, float]] = field(default_factory=list)  # rectangles content is clipped to


class _Frame:
    """Page user space -> displayed page (y down), for one page box and rotation."""

    def __init__(self, box: tuple[float, float, float, float], rotation: int) -> None:
        self.x0, self.y0, self.x1, self.y1 = box
        self.rotation = rotation % 360
        w, h = self.x1 - self.x0, self.y1 - self.y0
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        u, v = x - self.x0, y - self.y0
        h = self.y1 - self.y0
        w = self.x1 - self.x0
        if self.rotation == 90:
            return v, u
        if self.rotation == 180:
            return w - u, v
        if self.rotation == 270:
            return h - v, w - u
        return u, h - v

    def affine(self) -> _Matrix:
        """`point` as a matrix, to compose with an object's own: one product per point."""
        x0, y0, w, h = self.x0, self.y0, self.x1 - self.x0, self.y1 - self.y0
        if self.rotation == 90:
            return (0.0, 1.0, 1.0, 0.0, -y0, -x0)
        if self.rotation == 180:
            return (-1.0, 0.0, 0.0, 1.0, w + x0, -y0)
        if self.rotation == 270:
            return (0.0, -1.0, -1.0, 0.0, h + y0, w + x0)
        return (1.0, 0.0, 0.0, -1.0, -x0, h + y0)

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        ax, ay = self.point(left, bottom)
        bx, by = self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def open_document(path) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(str(path))


def read_page(
    doc: pdfium.PdfDocument,
    index: int,
    box: tuple[float, float, float, float],
    rotation: int,
    clips: list[tuple[float, float, float, float]] = (),  # type: ignore[assignment]
) -> PageObjects:
    """The page's glyphs and ruling geometry, in the frame of `box` (the repaired MediaBox); `clips`,
    the rectangles its content stream clips to (in user space, see `clips`), are placed in it too."""
    frame = _Frame(box, rotation)
    out = PageObjects(width=frame.width, height=frame.height)
    out.clips = [frame.box(*clip) for clip in clips if all(finite(v, MAX_COORDINATE) for v in clip)]
    page = doc[index]
    try:
        read_objects = _glyphs(page, frame, out)
        _drawing(page, frame, out, read_objects)
    finally:
        page.close()
    _settle_strips(out)
    out.missing = _uncovered(out.dropped_boxes, out.glyphs) if out.dropped_boxes else []
    out.dropped = len(out.missing)
    return out


# ---------------------------------------------------------------- glyphs


def _glyphs(page: pdfium.PdfPage, frame: _Frame, out: PageObjects) -> set[int]:
    """The text page's characters as glyph dicts; returns the text objects they came from.

    It runs once per glyph, so what a glyph shares with its text object (size, matrix, font and
    the font's advances) is read when the object changes, and the per-glyph steps are inline."""
    textpage = page.get_textpage()
    read_objects: set[int] = set()
    per_font: dict[int, _FontUse] = {}
    try:
        raw = address(textpage.raw)
        count = max(P.FPDFText_CountChars(raw), 0)
        codes = _codes(raw, count)
        found = _characters(raw, count)
        flags, xs, ys, objects = found.flags, found.xs, found.ys, found.objects
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        at_box = tuple(map(ctypes.addressof, (left, right, bottom, top)))
        widths: dict[int, dict[int, float | None]] = {}  # font -> code -> advance at size 1
        fonts: dict[int, str | None] = {}  # font -> the symbol font it is
        width = ctypes.c_float()
        pending_high: int | None = None
        last_object = -1
        object_read = True  # the current text object is in read_objects already
        fa, fb, fc, fd, fe, ff = frame.affine()
        upright_angle = math.radians(frame.rotation)
        states: dict[tuple, tuple] = {}  # what a text object's size, matrix and font make of a glyph
        shown_as = _SHOWN_AS
        append = out.glyphs.append
        limit, far_left, far_below = MAX_COORDINATE, -MAX_COORDINATE / 10, frame.height + MAX_COORDINATE / 10
        skipped = _SKIPPED_CODES
        for i in range(count):
            code = codes[i]
            if code == 0xFFFE:  # where the page's text and the character's own code differ: the latter
                code = P.FPDFText_GetUnicode(raw, i)
            if code in skipped:
                continue
            flag = flags[i]
            if code == 0x20 and flag & _GENERATED:  # PDFium generates spaces and line breaks only
                continue
            if 0xD800 <= code <= 0xDFFF:
                if code <= 0xDBFF:
                    pending_high = code
                    continue
                if pending_high is not None:
                    code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
                    pending_high = None
                else:
                    code = 0xFFFD
                    out.unmapped += 1
            elif flag & _MAP_ERROR:
                code = 0xFFFD
                out.unmapped += 1
            if pending_high is not None:  # a high surrogate with no low one after it
                out.unmapped += 1
                pending_high = None
            if not flag & _ORIGIN_READ:
                continue
            gx, gy = xs[i], ys[i]
            # size, matrix and font belong to the text object: read once per object
            key = objects[i]
            if key == 0 or key != last_object:
                font_size, size, run_scale, object_upright, font, symbol = _object_state(
                    found, i, fonts, upright_angle, states
                )
                last_object, object_read = key, not key
                use = per_font.get(font)
                if use is None:
                    use = per_font[font] = _FontUse()
                first_seen = use.first_seen
                advances = widths.get(font)
                if advances is None:
                    advances = widths[font] = {}
            upright = object_upright
            if upright is None:  # no matrix: the character's own angle
                angle = P.FPDFText_GetCharAngle(raw, i)
                upright = angle < 0 or _near_angle(angle, upright_angle) or _near_angle(angle, -upright_angle)
            # NaN and infinities fail every comparison
            if not (-limit <= gx <= limit and -limit <= gy <= limit and 0 < size <= limit):
                out.unplaced += 1
                continue
            if not object_read:
                read_objects.add(key)
                object_read = True
            # pdfminer's box, which the layout rules were written for: the advance's left edge,
            # the font's em box standing on the baseline (a fifth of it below)
            advance = advances.get(code, _UNKNOWN)
            if advance is _UNKNOWN:
                advance = advances[code] = _advance(font, code, width)
            if symbol is not None:
                if symbol == "wingdings":
                    code = ord(wingdings(code))
                else:
                    shown = marlett(code)
                    if not shown:
                        continue  # a piece of a check box's frame
                    code = ord(shown)
            if advance is not None and advance > 0:
                ink_right = gx + advance * font_size * run_scale
            elif P.FPDFText_GetCharBox(raw, i, *at_box) and gx < right.value <= limit:
                ink_right = right.value
            else:
                ink_right = gx
            base = gy - 0.2 * size
            # frame.box, unrolled: it runs once per glyph
            ax, ay = fa * gx + fc * base + fe, fb * gx + fd * base + ff
            bx, by = fa * ink_right + fc * (base + size) + fe, fb * ink_right + fd * (base + size) + ff
            x0, x1 = (ax, bx) if ax <= bx else (bx, ax)
            y_top, y_bottom = (ay, by) if ay <= by else (by, ay)
            if x1 < far_left or y_top > far_below:
                out.unplaced += 1
                continue
            shown = shown_as.get(code)
            if shown is None:
                shown = _shown_as(code)
            text, kind = shown
            if kind is not _SPACE:
                if kind is _HIDDEN:
                    _count(use, text)
                    continue
                # _count, inline
                use.glyphs += 1
                if kind is _UNMAPPED:
                    use.unmapped += 1
                if len(first_seen) < _FIRST_SEEN_MAX and text not in first_seen:
                    first_seen[text] = None
            append(
                {
                    "text": text,
                    "x0": x0,
                    "x1": x1,
                    "top": y_top,
                    "bottom": y_bottom,
                    "size": size,
                    "upright": upright,
                }
            )
    finally:
        textpage.close()
    out.glyphs = _tick(out.glyphs)
    out.letters = sum(use.glyphs for use in per_font.values())
    out.garbled = sum(use.glyphs for use in per_font.values() if use.garbled())
    return read_objects


try:  # built from charfetch.c where a C compiler was at hand when cardex was installed
    from parsers.pdf._charfetch import fetch as _fetch_in_c
except ImportError:
    _fetch_in_c = None
_ORIGIN_READ, _MAP_ERROR, _GENERATED, _HAS_MATRIX = 1, 2, 4, 8  # flags, as charfetch.c writes them


@dataclass(slots=True)
class _Characters:
    """What the text page knows of each character (index i): flags (its origin was read, its
    font failed to map it, PDFium generated it, it has a matrix), its origin, its text object's
    address (0: none) with that object's font (0: none), its font size, and its matrix's
    a, b, c, d (at 4i; zeros without one)."""

    flags: bytearray
    xs: array
    ys: array
    objects: array
    fonts: array
    sizes: array
    matrices: array


def _characters(raw: int, count: int, in_c: bool = True) -> _Characters:
    """The text page's `count` characters, asked of PDFium in C, one call per page, where
    `_charfetch` was built (`charfetch.c`); otherwise here, seven calls per character, with the
    same answers."""
    doubles = bytes(8 * count)
    found = _Characters(bytearray(count), array("d", doubles), array("d", doubles), array("Q", doubles),
                        array("Q", doubles), array("d", doubles), array("d", bytes(32 * count)))  # fmt: skip
    if in_c and _fetch_in_c is not None:
        _fetch_in_c(raw, count, _fetched_functions(), found.flags, found.xs, found.ys, found.objects,
                    found.sizes, found.matrices, found.fonts)  # fmt: skip
        return found
    x, y, m = ctypes.c_double(), ctypes.c_double(), C.FS_MATRIX()
    at_x, at_y, at_m = ctypes.addressof(x), ctypes.addressof(y), ctypes.addressof(m)
    for i in range(count):
        x.value = y.value = 0.0
        flag = _ORIGIN_READ if P.FPDFText_GetCharOrigin(raw, i, at_x, at_y) else 0
        found.xs[i], found.ys[i] = x.value, y.value
        flag |= _MAP_ERROR if P.FPDFText_HasUnicodeMapError(raw, i) == 1 else 0
        flag |= _GENERATED if P.FPDFText_IsGenerated(raw, i) else 0
        if P.FPDFText_GetMatrix(raw, i, at_m):
            flag |= _HAS_MATRIX
            found.matrices[4 * i : 4 * i + 4] = array("d", (m.a, m.b, m.c, m.d))
        found.flags[i] = flag
        drawn_by = P.FPDFText_GetTextObject(raw, i) or 0
        found.objects[i] = drawn_by
        found.fonts[i] = (P.FPDFTextObj_GetFont(drawn_by) or 0) if drawn_by else 0
        found.sizes[i] = P.FPDFText_GetFontSize(raw, i)
    return found


_FETCHED = (
    "FPDFText_GetCharOrigin", "FPDFText_HasUnicodeMapError", "FPDFText_IsGenerated", "FPDFText_GetTextObject",
    "FPDFText_GetFontSize", "FPDFText_GetMatrix", "FPDFTextObj_GetFont",
)  # fmt: skip


@functools.cache
def _fetched_functions() -> tuple[int, ...]:
    """The addresses of the PDFium functions `_charfetch` calls (`_FETCHED`, in its order), as
    pypdfium2 loaded them."""
    return tuple(ctypes.cast(getattr(C, name), ctypes.c_void_p).value for name in _FETCHED)  # type: ignore[misc]


_SKIPPED_CODES = frozenset((0x0A, 0x0D, 0x02, 0xFFFE))  # line breaks, PDFium's markers

_SPACE, _HIDDEN, _UNMAPPED, _SHOWN = "space", "hidden", "unmapped", "shown"
_SHOWN_AS: dict[int, tuple[str, str]] = {}  # code -> (its text, what kind of glyph it is)
_SHOWN_AS_MAX = 1 << 16


def _shown_as(code: int) -> tuple[str, str]:
    """How a character code is read (kept in `_SHOWN_AS`, bounded): any whitespace as one space;
    a control or format character as hidden (counted with its font, not kept); U+FFFD as unmapped
    (kept, and counted against its font)."""
    text = chr(code) if code < 0x110000 else "\ufffd"
    if text.isspace():
        shown = (" ", _SPACE)
    elif text == "\ufffd":
        shown = (text, _UNMAPPED)
    elif not text.isprintable() and unicodedata.category(text) != "Co":
        shown = (text, _HIDDEN)
    else:
        shown = (text, _SHOWN)
    if len(_SHOWN_AS) < _SHOWN_AS_MAX:
        _SHOWN_AS[code] = shown
    return shown


def _codes(textpage: int, count: int) -> list[int]:
    """Every character's UTF-16 code in one call: the page's text, where it has one code per
    character. PDFium puts 0xFFFE there for a character whose own code is another (0, 2);
    the caller asks for those one by one. Where the text's length differs (characters a broken
    font maps to nothing), all are asked one by one."""
    buffer = (ctypes.c_ushort * (count + 1))() if count > 0 else None
    if buffer is None or P.FPDFText_GetText(textpage, 0, count, ctypes.addressof(buffer)) != count + 1:
        return [0xFFFE] * max(count, 0)
    return buffer[:count]


def _object_state(found: _Characters, i: int, fonts: dict, upright_angle: float, states: dict) -> tuple:
    """What the i-th character shares with its text object: (font size, glyph size, the text
    matrix's scale along the baseline (1 where it has none), upright or None where the matrix is
    missing, the font's address (0: none; also its key), symbol font). A page's text objects
    repeat a few sizes, matrices and fonts: what they make is kept in `states`."""
    font_size, font = found.sizes[i], found.fonts[i]
    if found.flags[i] & _HAS_MATRIX:
        matrix = tuple(found.matrices[4 * i : 4 * i + 4])
        key = (font_size, *matrix, font)
    else:
        matrix, key = None, (font_size, font)
    state = states.get(key)
    if state is None:
        state = states[key] = _new_state(font_size, matrix, font, fonts, upright_angle)
    return state


def _new_state(
    font_size: float, matrix: tuple[float, float, float, float] | None, font: int, fonts: dict, upright_angle: float
) -> tuple:
    """`_object_state`'s answer, worked out (`matrix`: a, b, c, d; None where the object has none)."""
    a, b, c, d = matrix if matrix is not None else (1.0, 0.0, 0.0, 1.0)
    # the glyph's height across its baseline (a shear, Hangul's italics, leaves it as it is)
    run = math.hypot(a, b)
    across = abs(a * d - b * c) / run if run else math.hypot(c, d)
    size = font_size * (across or 1.0)
    upright = None
    if matrix is not None and run:
        # the baseline's direction, clockwise as PDFium counts: its own char angle counts a
        # shear (Hangul's slanted italics) as a turn, which would drop upright italics as rotated
        angle = math.atan2(-b, a) % (2 * math.pi)
        upright = _near_angle(angle, upright_angle) or _near_angle(angle, -upright_angle)
    symbol = _symbol_font(font, fonts) if font else None
    return font_size, size, run or 1.0, upright, font, symbol


# A font without a character map (a Korean font re-encoded as a simple font when the PDF went
# through PostScript and was distilled again) has its glyphs numbered in the order the writer
# first used them, and those numbers read as character codes: the distinct characters, in the
# order they first appear, run up the code table one by one ("!", '"', "#", "$", ...) or map
# to nothing (U+FFFD). Real text never does so over many distinct characters; a list's numbers
# ("1. 2. 3.") do, but over a dozen characters at most, and an alphabet typed out (abc...) does
# within one class of characters, where glyph numbers run across punctuation, digits and letters.
SEQUENTIAL_MIN = 16  # distinct characters a font must show before it is judged
SEQUENTIAL_SHARE = 0.5  # of successive first appearances one code apart
UNMAPPED_FONT_MIN = 20  # glyphs ...
UNMAPPED_FONT_SHARE = 0.25  # ... a quarter of which map to no character at all


@dataclass(slots=True)
class _FontUse:
    glyphs: int = 0
    unmapped: int = 0
    first_seen: dict[str, None] = field(default_factory=dict)  # distinct characters, in order (capped)

    def garbled(self) -> bool:
        if self.glyphs >= UNMAPPED_FONT_MIN and self.unmapped >= UNMAPPED_FONT_SHARE * self.glyphs:
            return True
        codes = [ord(c) for c in self.first_seen if c != "\ufffd"]
        if len(codes) < SEQUENTIAL_MIN:
            return False
        runs = [(a, b) for a, b in itertools.pairwise(codes) if b - a == 1]
        # an alphabet typed out (abc...xyz, ABC...) runs up too, but within letters
        classes = {_code_class(code) for pair in runs for code in pair}
        crosses = bool(classes & {"digit", "other"}) and bool(classes & {"upper", "lower"})
        return len(runs) >= SEQUENTIAL_SHARE * (len(codes) - 1) and crosses


def _code_class(code: int) -> str:
    char = chr(code)
    if char.isdigit():
        return "digit"
    if char.isalpha():
        return "upper" if char.isupper() else "lower"
    return "other"


_FIRST_SEEN_MAX = 256  # distinct characters a font's use remembers


def _count(use: _FontUse, text: str) -> None:
    use.glyphs += 1
    use.unmapped += text == "\ufffd"
    if len(use.first_seen) < _FIRST_SEEN_MAX:
        use.first_seen.setdefault(text, None)


def _tick(glyphs: list[dict]) -> list[dict]:
    """A check box's tick is drawn over its frame: where a ticked box lies on an empty one, only the
    ticked box is read."""
    ticks = [g for g in glyphs if g["text"] == "☑"]
    if not ticks:
        return glyphs
    return [
        g
        for g in glyphs
        if g["text"] != "☐"
        or not any(
            abs(t["x0"] - g["x0"]) < g["size"] / 2 and abs(t["bottom"] - g["bottom"]) < g["size"] / 2 for t in ticks
        )
    ]


def _symbol_font(font: int, fonts: dict[int, str | None]) -> str | None:
    """ "wingdings" or "marlett" where the font is one of these symbol fonts (cached per font)."""
    if font not in fonts:
        name = ctypes.create_string_buffer(128)
        P.FPDFFont_GetBaseFontName(font, ctypes.addressof(name), 128)
        lowered = name.value.lower()
        fonts[font] = "wingdings" if b"wingdings" in lowered else "marlett" if b"marlett" in lowered else None
    return fonts[font]


_UNKNOWN = object()  # an advance not yet asked for


def _advance(font: int, code: int, width: ctypes.c_float) -> float | None:
    """The glyph's advance width at font size 1 (the caller keeps it per font and character):
    where the next glyph would stand with no extra spacing, the box edge pdfminer reports."""
    if not font or code > 0xFFFF:
        return None
    ok = P.FPDFFont_GetGlyphWidth(font, code, 1.0, ctypes.addressof(width))
    return width.value if ok and math.isfinite(width.value) else None


def _near_angle(a: float, b: float) -> bool:
    d = (a - b) % (2 * math.pi)
    return min(d, 2 * math.pi - d) < 0.05


# ---------------------------------------------------------------- drawing


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    a, b, c, d, e, f = inner
    A, B, Cc, D, E, F = outer
    return (a * A + b * Cc, a * B + b * D, c * A + d * Cc, c * B + d * D, e * A + f * Cc + E, e * B + f * D + F)


def _matrix(obj: int, m=None) -> _Matrix:
    """The object's own matrix; `m` an FS_MATRIX to fill (one is made where none is given)."""
    m = m if m is not None else C.FS_MATRIX()
    if not P.FPDFPageObj_GetMatrix(obj, ctypes.addressof(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _drawing(page: pdfium.PdfPage, frame: _Frame, out: PageObjects, read_objects: set[int]) -> None:
    walked = 0
    scratch, to_page = _Scratch(), frame.affine()
    stack = [(address(page.raw), None, _IDENTITY, 0)]  # (page, form object or None, matrix of the form, depth)
    object_type = P.FPDFPageObj_GetType
    while stack:
        container, form, outer, depth = stack.pop()
        outer_to_page = _compose(outer, to_page)
        count = P.FPDFFormObj_CountObjects(form) if form is not None else P.FPDFPage_CountObjects(container)
        get_object = P.FPDFFormObj_GetObject if form is not None else P.FPDFPage_GetObject
        parent = form if form is not None else container
        for i in range(max(count, 0)):
            walked += 1
            if walked > MAX_OBJECTS or len(out.segments) > MAX_SEGMENTS:
                out.truncated = True
                return
            obj = get_object(parent, i)
            if not obj:
                continue
            kind = object_type(obj)
            if kind == C.FPDF_PAGEOBJ_TEXT:
                if obj not in read_objects:
                    box = _inked(obj, outer, frame)
                    if box is not None and (form is not None or _draws_ink(page, obj, box, out) is not False):
                        out.dropped_boxes.append(box)
            elif kind == C.FPDF_PAGEOBJ_IMAGE:
                out.images += 1
                shown = _shown_box(obj, outer, frame)
                if shown is not None:
                    out.image_boxes.append(shown)
            elif kind == C.FPDF_PAGEOBJ_PATH:
                _path(obj, _compose(_matrix(obj, scratch.matrix), outer_to_page), out, scratch)
            elif kind == C.FPDF_PAGEOBJ_FORM and depth < FORM_DEPTH:
                stack.append((container, obj, _compose(_matrix(obj), outer), depth + 1))


_INVISIBLE_MODES = (C.FPDF_TEXTRENDERMODE_INVISIBLE, C.FPDF_TEXTRENDERMODE_CLIP)


def _inked(obj: int, outer: _Matrix, frame: _Frame) -> tuple[float, float, float, float] | None:
    """The displayed box of a text object that draws glyphs with ink (a visible render mode and a
    box of some width and height: a space glyph's box has no height), else None. PDFium's text
    page skips objects whose box is narrower than 0.01 unit in their own space, which a form
    XObject that scales its content down (rhwp's PDFs) makes of every narrow glyph: digits,
    hyphens, brackets. It also leaves out a copy drawn over a glyph for a fake bold."""
    if P.FPDFTextObj_GetTextRenderMode(obj) in _INVISIBLE_MODES:
        return None
    shown = _shown_box(obj, outer, frame)
    if shown is None or not (shown[2] > shown[0] and shown[3] > shown[1]):
        return None
    return shown


MAX_INK_CHECKS = 256  # text objects per page rendered to see whether they draw ink
INK_SCALE = 2.0  # pixels per point of the rendering: a hairline of ink still shows
MAX_INK_PIXELS = 1 << 20  # a rendering larger than this is not made: the object counts as inked


def _draws_ink(page: pdfium.PdfPage, obj: int, box: tuple[float, float, float, float], out: PageObjects) -> bool | None:
    """Does a text object the text page left out leave any ink on the page? Rendered alone by
    PDFium, an underlined blank's space glyphs (Hangul's `(          )` to fill in) cover no pixel,
    while a digit or a fake bold's copy does. False spares the page its second reading; None
    where it cannot be told (too many objects, too large, no rendering): the box stays missing
    and the second reading decides, as `textlayer.blank` does with pdfminer's glyphs. Only
    objects drawn on the page itself are asked: in a form XObject the object's own scale is
    not the page's."""
    out.ink_checks += 1
    width, height = (box[2] - box[0]) * INK_SCALE, (box[3] - box[1]) * INK_SCALE
    if out.ink_checks > MAX_INK_CHECKS or (width + 2) * (height + 2) > MAX_INK_PIXELS:
        return None
    bitmap = P.FPDFTextObj_GetRenderedBitmap(address(page.pdf.raw), address(page.raw), obj, INK_SCALE)
    if not bitmap:
        return None
    try:
        if P.FPDFBitmap_GetFormat(bitmap) != C.FPDFBitmap_BGRA:
            return None
        columns, rows = P.FPDFBitmap_GetWidth(bitmap), P.FPDFBitmap_GetHeight(bitmap)
        stride = P.FPDFBitmap_GetStride(bitmap)
        if columns <= 0 or rows <= 0 or stride < 4 * columns or rows * stride > 4 * MAX_INK_PIXELS:
            return None
        pixels = ctypes.string_at(P.FPDFBitmap_GetBuffer(bitmap), rows * stride)
    finally:
        P.FPDFBitmap_Destroy(bitmap)
    # the alpha of every pixel, row by row (a row's padding past its pixels is not looked at)
    return any(any(pixels[r * stride + 3 : (r * stride) + 4 * columns : 4]) for r in range(rows))


def _shown_box(obj: int, outer: _Matrix, frame: _Frame) -> tuple[float, float, float, float] | None:
    """A page object's bounds on the displayed page, None where PDFium has none or they are not finite."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not P.FPDFPageObj_GetBounds(obj, *map(ctypes.addressof, (left, bottom, right, top))):
        return None
    a, b, c, d, e, f = outer
    xs, ys = (left.value, right.value), (bottom.value, top.value)
    corners = [(a * x + c * y + e, b * x + d * y + f) for x in xs for y in ys]
    if not all(finite(v, MAX_COORDINATE) for point in corners for v in point):
        return None
    shown = [frame.point(x, y) for x, y in corners]
    xs, ys = [p[0] for p in shown], [p[1] for p in shown]
    return min(xs), min(ys), max(xs), max(ys)


def _uncovered(
    boxes: list[tuple[float, float, float, float]], glyphs: list[dict]
) -> list[tuple[float, float, float, float]]:
    """The dropped text objects' boxes that are missing text. The text page also leaves out
    copies it merged into a glyph it kept: a fake bold's second stroke, the overlapping dots of a
    leader line. Such a box holds a kept glyph's centre, or mostly overlaps a box that does (a
    leader's dots chain on from the one kept); a digit PDFium skipped overlaps neither."""
    cell = 24.0
    centres: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for g in glyphs:
        cx, cy = (g["x0"] + g["x1"]) / 2, (g["top"] + g["bottom"]) / 2
        centres.setdefault((int(cx // cell), int(cy // cell)), []).append((cx, cy))

    def keys(box: tuple[float, float, float, float]):
        x0, top, x1, bottom = box
        for gx in range(int(x0 // cell), int(x1 // cell) + 1):
            for gy in range(int(top // cell), int(bottom // cell) + 1):
                yield gx, gy

    by_cell: dict[tuple[int, int], list[int]] = {}
    for i, box in enumerate(boxes):
        for key in keys(box):
            by_cell.setdefault(key, []).append(i)
    covered = [
        any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for key in keys(b) for cx, cy in centres.get(key, ()))
        for b in boxes
    ]
    queue = [i for i, c in enumerate(covered) if c]
    while queue:  # bounded: each box enters the queue at most once
        a = boxes[queue.pop()]
        for key in keys(a):
            for j in by_cell.get(key, ()):
                if not covered[j] and mostly_overlap(a, boxes[j]):
                    covered[j] = True
                    queue.append(j)
    return [box for box, seen in zip(boxes, covered, strict=True) if not seen]


def mostly_overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Do two boxes (x0, top, x1, bottom) share half the smaller one's area?"""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return False
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h >= 0.5 * smaller


class _Scratch:
    """ctypes out-parameters reused for every path of a page (made once, not per call), and
    their addresses, which `P`'s functions take."""

    def __init__(self) -> None:
        self.fill_mode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))
        self.matrix = C.FS_MATRIX()
        self.at_modes = ctypes.addressof(self.fill_mode), ctypes.addressof(self.stroke)
        self.at_xy = ctypes.addressof(self.x), ctypes.addressof(self.y)
        self.at_rgba = tuple(map(ctypes.addressof, self.rgba))

    def visible(self, getter, obj: int) -> bool:
        r, g, b, a = self.rgba
        if not getter(obj, *self.at_rgba):
            return True  # no colour said: PDF's default, black
        return a.value > 0 and min(r.value, g.value, b.value) < WHITE


_draw_mode, _fill_colour = P.FPDFPath_GetDrawMode, P.FPDFPageObj_GetFillColor
_stroke_colour = P.FPDFPageObj_GetStrokeColor
_count_segments, _get_segment = P.FPDFPath_CountSegments, P.FPDFPath_GetPathSegment
_get_point, _get_type, _get_close = P.FPDFPathSegment_GetPoint, P.FPDFPathSegment_GetType, P.FPDFPathSegment_GetClose
_MOVETO, _BEZIERTO = C.FPDF_SEGMENT_MOVETO, C.FPDF_SEGMENT_BEZIERTO


def _path(obj: int, matrix: _Matrix, out: PageObjects, scratch: _Scratch) -> None:
    """`matrix` maps the path's own space to the displayed page."""
    if not _draw_mode(obj, *scratch.at_modes):
        return
    filled = scratch.fill_mode.value != 0 and scratch.visible(_fill_colour, obj)
    stroked = bool(scratch.stroke.value) and scratch.visible(_stroke_colour, obj)
    if not (filled or stroked):
        return
    n = _count_segments(obj)
    if n <= 0 or n > MAX_SEGMENTS:
        return
    a, b, c, d, e, f = matrix
    x, y = scratch.x, scratch.y
    at_x, at_y = scratch.at_xy
    points: list[tuple[float, float]] = []
    polylines: list[list[tuple[float, float]]] = []
    curved = False
    get_segment, get_point, get_type, get_close = _get_segment, _get_point, _get_type, _get_close
    for i in range(n):
        seg = get_segment(obj, i)
        if not seg or not get_point(seg, at_x, at_y):
            continue
        px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        if not (-MAX_COORDINATE <= px <= MAX_COORDINATE and -MAX_COORDINATE <= py <= MAX_COORDINATE):
            return  # NaN and infinities fail every comparison
        point = (px, py)
        if not points:  # the path's first point starts a line, whatever its segment's type
            points = [point]
        else:
            kind = get_type(seg)
            if kind == _MOVETO:
                if len(points) > 1:
                    polylines.append(points)
                points = [point]
            else:
                curved |= kind == _BEZIERTO
                points.append(point)
        if get_close(seg):
            points.append(points[0])
    if len(points) > 1:
        polylines.append(points)
    for line in polylines:
        box = _axis_box(line) if filled else None
        if box is not None:
            _filled_box(box, out)
        elif stroked and not curved:
            for (x0, y0), (x1, y1) in itertools.pairwise(line):
                _stroke(x0, y0, x1, y1, out)


def _axis_box(points: list[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    """The box a closed axis-aligned rectangle path covers, or None for any other shape."""
    corners: list[tuple[float, float]] = []
    for point in points:
        if not corners or abs(point[0] - corners[-1][0]) > 0.01 or abs(point[1] - corners[-1][1]) > 0.01:
            corners.append(point)
    if (
        len(corners) == 5
        and abs(corners[0][0] - corners[-1][0]) <= 0.01
        and abs(corners[0][1] - corners[-1][1]) <= 0.01
    ):
        corners.pop()
    if len(corners) != 4:
        return None
    for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True):
        if abs(x0 - x1) > 0.01 and abs(y0 - y1) > 0.01:
            return None
    xs = [p[0] for p in corners]
    ys = [p[1] for p in corners]
    return min(xs), min(ys), max(xs), max(ys)


THIN = 2.0  # points: a filled box this thin is a drawn line (Hancom draws borders so)


def _filled_box(box: tuple[float, float, float, float], out: PageObjects) -> None:
    x0, top, x1, bottom = box
    w, h = x1 - x0, bottom - top
    if (h <= THIN and w >= h) or (w <= THIN and h >= w):
        out.strips.append(box)  # a border, unless it is one strip of a gradient (_settle_strips)
    if w > THIN and h > THIN:  # a shaded cell: its edges bound cells even where no border is drawn
        out.segments.append(Segment(True, top, x0, x1))
        out.segments.append(Segment(True, bottom, x0, x1))
        out.segments.append(Segment(False, x0, top, bottom))
        out.segments.append(Segment(False, x1, top, bottom))


FLUSH = 0.05  # points: strips this close are one painted area


def _settle_strips(out: PageObjects) -> None:
    """Thin filled boxes become borders, except those stacked flush into a band.

    Hangul exports a gradient fill as hundreds of hairline strips, each
    touching the next (and wider than the cell, cut to it by a clip path);
    read as borders they make a thick ruling line across the cell. Three or
    more flush strips of one width are paint, not a line: they bound nothing."""
    lines: list[tuple[float, float, float, float]] = []
    for horizontal in (True, False):
        strips = [b for b in out.strips if (b[3] - b[1] <= b[2] - b[0]) == horizontal]
        # along: the strip's extent (x0, x1 for a horizontal one); across: where it stands
        keyed = sorted(((b[0], b[2], b[1], b[3]) if horizontal else (b[1], b[3], b[0], b[2]), b) for b in strips)
        run: list[tuple[tuple[float, float, float, float], tuple]] = []
        for key, box in keyed + [((math.inf, math.inf, math.inf, math.inf), None)]:
            last = run[-1][0] if run else None
            if last is not None and (
                abs(key[0] - last[0]) <= FLUSH and abs(key[1] - last[1]) <= FLUSH and key[2] <= last[3] + FLUSH
            ):
                run.append((key, box))
                continue
            if len(run) < 3 or run[0][0][1] - run[0][0][0] < 4 * THIN:
                lines += [b for _, b in run]  # a border, or a dotted one's dots
            run = [(key, box)] if box is not None else []
    for x0, top, x1, bottom in lines:
        if bottom - top <= x1 - x0:
            out.segments.append(Segment(True, (top + bottom) / 2, x0, x1))
        if x1 - x0 <= bottom - top:  # a square dot is both
            out.segments.append(Segment(False, (x0 + x1) / 2, top, bottom))
    out.strips = []


def _stroke(x0: float, y0: float, x1: float, y1: float, out: PageObjects) -> None:
    if abs(y1 - y0) <= 0.1 and abs(x1 - x0) > 0:
        out.segments.append(Segment(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x1 - x0) <= 0.1 and abs(y1 - y0) > 0:
        out.segments.append(Segment(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))
