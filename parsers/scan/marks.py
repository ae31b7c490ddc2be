"""Marks Tesseract's Korean model cannot write, told apart by their shapes in the pixels.

The Korean model's alphabet holds no `☎ □ ■ ○`: it reads a card's phone mark as a
syllable (`죠`) or folds it into the `(` beside it, a check box as `ㅁ`, `니` or `@`, and
the ○ bullet as `(>` or `(2`. Their shapes are plain where the text is not, so after a
line is read each stand-alone glyph (ink between blank columns, not a piece of a wider
syllable) is measured:
  - ■  a filled square;
  - □  a square outline: ink in all four corners around one hole, its middle paper;
  - ○  a ring: one hole, empty corners, its middle paper (a circled digit ① is not one);
  - ☎  a dense blob a third wider than tall with holes in it (the dial);
  - ▸ ▶  a solid triangle pointing right (▸ under 0.7 of a letter's height);
  - ①…⑳  a ring with a figure inside (CIRCLED here; the figure is read by the caller,
    which has an OCR engine, from the ring's inside alone);
and, between the digits of a figure, the small marks Tesseract drops there: a comma
hanging below the digits' foot, a hyphen (a level bar) and a tilde (a flat wave).
Tesseract's boxes for what it reads are too loose (a third of a letter off, or stretched
over two glyphs) to say where in its reading a mark belongs, so the line is read again
with each mark painted out and a `$` drawn in its place: Tesseract places the `$` itself,
and each `$` becomes its mark. Anything that fails a test keeps Tesseract's reading.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from parsers.scan import masks
from parsers.scan.ocr import Symbol

# a ring read as one of these letters with confidence stays a letter (`ㅇ` is a bullet some
# templates type); not `0`, which Tesseract reads a ○ as with confidence, while a digit 0 is
# far narrower than a ring
RING_LETTERS = set("OoQㅇ")
SURE = 90.0  # Tesseract's confidence (0–100) at which its reading of a ring letter stands
# a difference between the readings goes to the second when it is surer by this much; an
# empty side (a character one reading has and the other has not) counts as half sure
MARGIN = 10.0
NEUTRAL = 60.0
PLACEHOLDER = "$"  # Tesseract reads it at any size, and no card writes it
CIRCLED = "\u20dd"  # a ring with a figure inside, its figure still to be read (combining enclosing circle)
WORD_MARKS = "☎□■○▸▶"  # the marks that stand for no figure (▲ and △ are a figure's sign)
PUNCTUATION = ",-~"  # the marks inside figures (see punctuation_mark)
FAINT = 200  # grey level under which a pixel counts as ink when looking for a faded ring or box
# outlines: a thin one the binarisation broke or dropped is whole among the faint marks
FAINT_MARKS = ("○", "□", CIRCLED)
MAX_MARK = 200  # pixels: a glyph taller or wider is a picture, never measured (its holes cost its area)


@dataclass
class Glyph:
    x0: int
    x1: int
    y0: int
    y1: int
    mark: str | None


def find(ink: np.ndarray, symbols: list[Symbol], faint: np.ndarray | None = None) -> tuple[list[Glyph], int]:
    """The marks of one line image (`ink` True where inked), left to right, and the height
    of the line's letters (the size to draw a placeholder at). `faint` is the same line
    with every grey counted as ink: a thin outline (○ □ ①) the binarisation broke into pieces
    or dropped is whole there, and one found only there joins the marks where no mark
    stands. It also gives each mark its grey fringe (see `_with_fringe`)."""
    glyphs, body = _glyphs(ink, symbols)
    if faint is not None and faint.shape == ink.shape:
        taken = [g for g in glyphs if g.mark]
        for outline in _glyphs(faint, symbols)[0]:
            if outline.mark in FAINT_MARKS and not any(g.x0 < outline.x1 and outline.x0 < g.x1 for g in taken):
                glyphs = [g for g in glyphs if not (outline.x0 <= g.x0 and g.x1 <= outline.x1)] + [outline]
        glyphs.sort(key=lambda g: g.x0)
        for glyph in glyphs:
            if glyph.mark and glyph.mark not in PUNCTUATION:  # a comma's fringe is its digits'
                _with_fringe(glyph, ink, faint)
    marks = []
    for glyph in glyphs:
        if glyph.mark is None:
            continue
        read = [s for s in symbols if glyph.x0 <= (s.box[0] + s.box[2]) / 2 <= glyph.x1]
        if [s.text for s in read] == [glyph.mark]:
            continue  # read right the first time
        if glyph.mark == "○" and len(read) == 1 and read[0].text in RING_LETTERS and read[0].confidence >= SURE:
            continue
        if glyph.mark in PUNCTUATION and any(s.text in PUNCTUATION + "." for s in read):
            continue  # a point the first reading saw there stays a point: the shapes are too alike
        marks.append(glyph)
    return marks, round(body)


def _with_fringe(glyph: Glyph, ink: np.ndarray, faint: np.ndarray, most: int = 3) -> None:
    """Widen a mark over the columns beside it that hold only grey (its anti-aliased edge,
    lighter than the binarisation keeps): painted out with it, else the sliver left beside
    the placeholder makes the engine drop the placeholder. At most `most` columns a side."""
    for _ in range(most):
        if not (glyph.x0 > 0 and faint[:, glyph.x0 - 1].any() and not ink[:, glyph.x0 - 1].any()):
            break
        glyph.x0 -= 1
    for _ in range(most):
        if not (glyph.x1 < ink.shape[1] and faint[:, glyph.x1].any() and not ink[:, glyph.x1].any()):
            break
        glyph.x1 += 1


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | None:
    """Pillow's own scalable font (no system font is needed)."""
    try:
        return ImageFont.load_default(size=size)
    except (ImportError, OSError, TypeError):
        return None


def with_placeholders(image: Image.Image, marks: list[Glyph], size: int) -> Image.Image | None:
    """The line image with each mark painted out and a `$` `size` pixels tall in its place;
    a mark narrower than the `$` (a comma) is widened to hold it, so the `$` touches nothing.
    None where Pillow was built without FreeType (no font to draw the `$` with)."""
    font = _font(min(max(size, 8), 400))
    if font is None:
        return None
    left, top, right, bottom = font.getbbox(PLACEHOLDER)
    stroke = 1 if size >= 20 else 0  # drawn bold, a small `$` (150 dpi) closes up into a blot (`&`)
    width = right - left + 2 + size // 4
    grow = sum(max(width - (g.x1 - g.x0), 0) for g in marks)
    out = Image.new("L", (image.width + grow, image.height), 255)
    draw = ImageDraw.Draw(out)
    at, shift = 0, 0  # next source column to copy; how far copies now stand right of their source
    for glyph in marks:
        out.paste(image.crop((at, 0, glyph.x0, image.height)), (at + shift, 0))
        slot = max(width, glyph.x1 - glyph.x0)
        x = glyph.x0 + shift + (slot - (right - left)) / 2 - left
        y = image.height / 2 - (bottom - top) / 2 - top
        draw.text((x, y), PLACEHOLDER, fill=0, font=font, stroke_width=stroke, stroke_fill=0)
        shift += slot - (glyph.x1 - glyph.x0)
        at = glyph.x1
    out.paste(image.crop((at, 0, image.width, image.height)), (at + shift, 0))
    return out


@dataclass
class Reading:
    """One reading of a line: its spaced text and the symbols it is made of."""

    text: str
    symbols: list[Symbol]

    def confidences(self) -> list[float] | None:
        """Each character's confidence (a space counts as sure); None when the symbols do not
        spell the text."""
        if "".join(self.text.split()) != "".join(s.text for s in self.symbols):
            return None
        per_char = iter(c for s in self.symbols for c in [s.confidence] * len(s.text))
        return [100.0 if ch.isspace() else next(per_char) for ch in self.text]


def restore(first: Reading, second: Reading, marks: list[Glyph]) -> str | None:
    """The line's text from its first reading and the second (with a `$` where each mark
    stands), or None unless the second read exactly one `$` per mark.

    Where the readings differ at a `$`, the mark is taken and nothing else: the first
    reading's text there was its misreading of the mark (`죠` for ☎, `(>` for ○), and a
    letter the second makes up beside the `$` is no better. Elsewhere each difference goes
    to the reading that is surer of it (by Tesseract's confidence): the first keeps a comma
    the second lost, the second drops an `8` the first made up in `2022.86.` once the mark
    beside it no longer confused it."""
    if second.text.count(PLACEHOLDER) != len(marks):
        return None
    a, b = first.text, second.text
    sure_a, sure_b = first.confidences(), second.confidences()
    pending = iter(glyph.mark for glyph in marks)
    out = []
    for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(a[a0:a1])
        elif PLACEHOLDER in b[b0:b1]:
            out.append("".join(next(pending) for c in b[b0:b1] if c == PLACEHOLDER))
        elif sure_a is not None and sure_b is not None and _surety(sure_b[b0:b1]) > _surety(sure_a[a0:a1]) + MARGIN:
            out.append(b[b0:b1])
        else:
            out.append(a[a0:a1])
    return "".join(out)


def _surety(confidences: list[float]) -> float:
    return sum(confidences) / len(confidences) if confidences else NEUTRAL


def _glyphs(ink: np.ndarray, symbols: list[Symbol]) -> tuple[list[Glyph], float]:
    """The stand-alone glyphs of a line: runs of inked columns between blank ones."""
    columns = ink.any(axis=0)
    if not columns.any():
        return [], 0.0
    rows = np.flatnonzero(ink.any(axis=1))
    line_height = int(rows[-1] - rows[0] + 1)
    glyphs = []
    for x0, x1 in masks.runs(columns):
        inked = np.flatnonzero(ink[:, x0:x1].any(axis=1))
        glyphs.append(Glyph(int(x0), int(x1), int(inked[0]), int(inked[-1]) + 1, None))
    tall = [g.y1 - g.y0 for g in glyphs if g.y1 - g.y0 >= 0.5 * line_height]
    body = float(np.median(tall)) if tall else float(line_height)  # the height of the line's letters
    for k, glyph in enumerate(glyphs):
        mask = ink[glyph.y0 : glyph.y1, glyph.x0 : glyph.x1]
        if glyph.y1 - glyph.y0 >= 0.5 * line_height:
            mark = shape_mark(mask, line_height, body)
            # no piece of a syllable is a solid square, so a ■ stands even under a syllable's
            # box stretched over it (the syllable after a mark Tesseract dropped)
            if mark == "■" or not _inside_syllable(glyph, symbols, glyphs, body):
                glyph.mark = mark
        elif k < len(glyphs) - 1 and (between := _read_around(glyph, symbols)) is not None:
            # the figures either side give its top and foot (syllables stand lower)
            around = [glyphs[k + 1]] + ([glyphs[k - 1]] if k else [])
            mark = punctuation_mark(glyph, mask, min(g.y0 for g in around), max(g.y1 for g in around))
            left, right = between
            in_number = left.isdigit() and right.isdigit()  # `32,340`, `2-2`
            # `2018. 7. ~ 2022`, `'27~'30`, and `~2030` opening a wrapped line
            in_range = left in "0123456789." and right in "0123456789'"
            if (mark in (",", "-") and in_number) or (mark == "~" and in_range):
                glyph.mark = mark
    return _rings_of_arcs(ink, glyphs, line_height, body, symbols), body


def _rings_of_arcs(
    ink: np.ndarray, glyphs: list[Glyph], line_height: int, body: float, symbols: list[Symbol]
) -> list[Glyph]:
    """A thin ring scanned at low resolution breaks at its top and foot into two arcs, `(`
    and `:` or `)` to the engine: two glyphs no mark was found in, at most two columns
    apart, whose union has a ring's shape are one ○."""
    out: list[Glyph] = []
    k = 0
    while k < len(glyphs):
        a = glyphs[k]
        b = glyphs[k + 1] if k + 1 < len(glyphs) else None
        if b is not None and a.mark is None and b.mark is None and b.x0 - a.x1 <= 2:
            ring = Glyph(a.x0, b.x1, min(a.y0, b.y0), max(a.y1, b.y1), None)
            mask = ink[ring.y0 : ring.y1, ring.x0 : ring.x1]
            if (
                ring.y1 - ring.y0 >= 0.5 * line_height
                and shape_mark(mask, line_height, body) == "○"
                and not _inside_syllable(ring, symbols, glyphs, body)
            ):
                ring.mark = "○"
                out.append(ring)
                k += 2
                continue
        out.append(a)
        k += 1
    return out


def _read_around(glyph: Glyph, symbols: list[Symbol]) -> tuple[str, str] | None:
    """The characters read either side of the glyph (by their boxes' centres); the left one
    is empty where the glyph opens the line, and None stands for no character on the right."""
    centres = [((s.box[0] + s.box[2]) / 2, s) for s in symbols if s.text]
    # what Tesseract read on the glyph itself (`=` for a tilde) is no neighbour
    left = [s for c, s in centres if c < glyph.x0]
    right = [s for c, s in centres if c > glyph.x1]
    if not right:
        return None
    return (left[-1].text[-1] if left else ""), right[0].text[0]


def punctuation_mark(glyph: Glyph, mask: np.ndarray, top: int, base: int) -> str | None:
    """A comma, hyphen or tilde in a figure (`32,340`, `2-2`, `2018. 7. ~ 2022`), which
    Tesseract drops beside digits. A comma is a short stroke taller than wide hanging below
    the digits' foot; a hyphen a straight bar at their middle; a tilde a flat wave there (its
    columns' ink rises and falls by half its height, a bar's keeps level)."""
    h, w = mask.shape
    body = max(base - top, 1)
    if h >= 1.5 * w and h <= 0.45 * body and glyph.y0 >= top + 0.5 * body and glyph.y1 >= base + 0.08 * body:
        return ","
    middle = (glyph.y0 + glyph.y1) / 2
    if not (h <= 0.25 * body and 2 * h <= w <= body and top + 0.3 * body <= middle <= top + 0.7 * body):
        return None
    rows = np.arange(h)[:, None]
    centres = (mask * rows).sum(axis=0)[1:-1] / np.maximum(mask.sum(axis=0)[1:-1], 1)
    wave = float(centres.max() - centres.min()) if centres.size else 0.0
    if wave >= 0.35 * h:
        return "~"
    return "-" if mask.mean() >= 0.75 else None


def _inside_syllable(glyph: Glyph, symbols: list[Symbol], line: list[Glyph], body: float) -> bool:
    """Is the glyph one piece of a Korean syllable read on a box reaching well past it (the
    ㅁ of 마 is a square outline too)? Not where the box also holds a glyph of a whole
    syllable's width after it that no other character was read on: the engine stretched the
    next syllable's box back over a mark it dropped (`□보류` read as `보류`), so the box
    starts at the mark, and what it holds after the mark is the syllable."""
    width = glyph.x1 - glyph.x0
    for s in symbols:
        x0, _, x1, _ = s.box
        overlaps = x0 <= glyph.x1 and glyph.x0 <= x1
        if "가" <= s.text <= "힣" and overlaps and (x1 - x0) - width > 0.25 * width:
            # a syllable-wide glyph in the box that no other character was read on
            others = [(o.box[0] + o.box[2]) / 2 for o in symbols if o is not s]
            opens = abs(x0 - glyph.x0) <= 2 and glyph.x1 <= x1  # the box starts at the mark
            beside = [g for g in line if g.x0 >= glyph.x1 and g.x1 <= x1 + 2] if opens else []
            if not any(g.x1 - g.x0 >= 0.8 * body and not any(g.x0 <= c <= g.x1 for c in others) for g in beside):
                return True
    return False


def shape_mark(mask: np.ndarray, line_height: int, body: float) -> str | None:
    """The mark a letter-sized glyph is by its shape (see the module's list), or None."""
    h, w = mask.shape
    if h < 0.45 * line_height or min(h, w) < 8 or max(h, w) > MAX_MARK:
        return None
    aspect = w / h
    fill = mask.mean()
    if 0.6 <= aspect <= 1.4 and 0.35 <= fill <= 0.7 and _points_right(mask):
        return "▸" if h < 0.7 * body else "▶"
    if 0.8 <= aspect <= 1.6 and 0.35 <= fill <= 0.7 and _points_right(mask[::-1].T):
        return "▲"  # a cut in a budget figure, solid
    # a circle's edge comes within 0.15 of the box's side of a corner, a square fills it
    c = max(1, round(min(w, h) * 0.1))
    corners = sum(bool(q.any()) for q in (mask[:c, :c], mask[:c, -c:], mask[-c:, :c], mask[-c:, -c:]))
    # an outline's middle is paper; a circled digit's (①) is not
    hollow = not mask[round(h * 0.3) : round(h * 0.7), round(w * 0.3) : round(w * 0.7)].any()
    if 0.75 <= aspect <= 1.33 and fill >= 0.85:
        return "■"
    box = 0.75 <= aspect <= 1.33 and corners == 4 and fill <= 0.45 and hollow
    ring = 0.8 <= aspect <= 1.25 and corners == 0 and fill <= 0.5 and hollow  # blur thickens a ring
    phone = 1.15 <= aspect <= 1.65 and 0.55 <= fill <= 0.8 and h >= 0.55 * line_height
    up = 0.8 <= aspect <= 1.6 and fill <= 0.45 and corners <= 2  # an outlined triangle's top corners are paper
    if 0.8 <= aspect <= 1.25 and corners == 0 and not hollow and _circled(mask):
        return CIRCLED
    if not (box or ring or phone or up):
        return None  # the shape tests below need the holes, which cost more to find
    holes = hole_areas(mask)
    biggest = max(holes, default=0) / (w * h)
    if box and len(holes) == 1 and biggest >= 0.4:
        return "□"
    if ring and ((len(holes) == 1 and biggest >= 0.25) or _on_circle(mask)):
        return "○"
    if phone and holes:
        return "☎"
    if up and len(holes) == 1 and biggest >= 0.1 and _points_right((mask | masks.enclosed(mask))[::-1].T):
        return "△"  # a cut, outlined
    return None


def _circled(mask: np.ndarray) -> bool:
    """A ring around a figure: a thin circle inked nearly all the way round, a band of paper
    inside it, and a figure's ink within. A syllable with a ㅇ in it has ink at every radius."""
    h, w = mask.shape
    yy, xx = np.mgrid[0:h, 0:w]
    dy, dx = (yy - (h - 1) / 2) / (h / 2), (xx - (w - 1) / 2) / (w / 2)
    radius = np.hypot(dx, dy)
    rim, gap, inside = (radius >= 0.78) & (radius <= 1.05), (radius >= 0.58) & (radius < 0.72), radius < 0.5
    if not (rim.any() and gap.any() and inside.any()):
        return False
    ys, xs = np.nonzero(mask & rim)
    sectors = np.unique(((np.arctan2(dy[ys, xs], dx[ys, xs]) + np.pi) / (2 * np.pi) * 16).astype(int) % 16)
    # the paper between ring and figure: at 0.58-0.72 of the radius for most fonts' figures,
    # nearer the ring where a font sets its figures large (③ ⑤ in Noto Sans)
    parted = mask[gap].mean() <= 0.12 or _paper_radius(mask) is not None
    return bool(sectors.size >= 15 and mask[rim].mean() >= 0.25 and parted and mask[inside].mean() >= 0.08)


def _paper_radius(mask: np.ndarray) -> float | None:
    """The radius (a share of the box's half-size) of the band of paper that parts a ring from
    the figure it holds, where a band 0.08 wide between 0.5 and 0.86 is (nearly) all paper;
    None where none is."""
    h, w = mask.shape
    yy, xx = np.mgrid[0:h, 0:w]
    radius = np.hypot((yy - (h - 1) / 2) / (h / 2), (xx - (w - 1) / 2) / (w / 2))
    empty = []
    for start in np.arange(0.5, 0.79, 0.02):
        band = mask[(radius >= start) & (radius < start + 0.08)]
        if band.size and band.mean() <= 0.02:
            empty.append(float(start))
    return (empty[0] + empty[-1] + 0.08) / 2 if empty else None


def inside_of_ring(image: Image.Image, glyph: Glyph) -> Image.Image:
    """What a ring holds, the ring painted out: the figure alone, on paper, for the caller to read."""
    crop = image.crop((glyph.x0, glyph.y0, glyph.x1, glyph.y1)).convert("L")
    w, h = crop.size
    # cut where the paper between ring and figure is (a large figure reaches past 0.6)
    keep = min(_paper_radius(np.asarray(crop) < FAINT) or 0.6, 0.8)
    mask = Image.new("L", (w, h), 0)
    inset_x, inset_y = round(w * (1 - keep) / 2), round(h * (1 - keep) / 2)
    ImageDraw.Draw(mask).ellipse((inset_x, inset_y, w - 1 - inset_x, h - 1 - inset_y), fill=255)
    figure = Image.composite(crop, Image.new("L", (w, h), 255), mask)
    scale = max(1, round(48 / max(h, 1)))
    figure = figure.resize((w * scale, h * scale), Image.LANCZOS)
    out = Image.new("L", (figure.width + 2 * figure.height, figure.height * 2), 255)
    out.paste(figure, (figure.height, figure.height // 2))
    return out


def _on_circle(mask: np.ndarray) -> bool:
    """A thin ring faded open in places (no hole left to find): nearly all its ink lies near
    the circle its box draws, all the way round."""
    h, w = mask.shape
    ys, xs = np.nonzero(mask)
    dy, dx = (ys - (h - 1) / 2) / (h / 2), (xs - (w - 1) / 2) / (w / 2)
    radius = np.hypot(dx, dy)
    near = (radius >= 0.6) & (radius <= 1.15)
    sectors = np.unique(((np.arctan2(dy[near], dx[near]) + np.pi) / (2 * np.pi) * 16).astype(int) % 16)
    return bool(near.mean() >= 0.9 and sectors.size >= 12)


def _points_right(mask: np.ndarray) -> bool:
    """A solid triangle pointing right: every column one run of ink, the first full height,
    the runs shrinking to a point at the right."""
    h = mask.shape[0]
    counts = mask.sum(axis=0)
    first = mask.argmax(axis=0)
    last = h - 1 - mask[::-1].argmax(axis=0)
    solid = bool(((last - first + 1) == counts).all())
    shrinking = bool((np.diff(counts) <= max(1, 0.1 * h)).all())
    return solid and shrinking and counts[0] >= 0.8 * h and counts[-1] <= 0.35 * h


def hole_areas(mask: np.ndarray) -> list[int]:
    """Sizes of the regions of paper the glyph encloses."""
    enclosed = np.pad(masks.enclosed(mask), 1, constant_values=False)
    sizes = []
    for y, x in zip(*np.nonzero(enclosed)):
        if not enclosed[y, x]:
            continue
        enclosed[y, x] = False
        stack, size = [(y, x)], 0
        while stack:
            cy, cx = stack.pop()
            size += 1
            for ny, nx in ((cy - 1, cx), (cy + 1, cx), (cy, cx - 1), (cy, cx + 1)):
                if enclosed[ny, nx]:  # the padding is never enclosed: no bounds test
                    enclosed[ny, nx] = False
                    stack.append((ny, nx))
        sizes.append(size)
    return sizes
