"""Page images (scans, photos of printed cards) into the document model, by OCR.

A scan carries no text and no table structure, only pixels, so this module
rebuilds both the way a person reads a printed card:
  - red and pink ink (a seal or stamp over the text) is washed out first, and
    ink is told from paper halfway between the two page's own levels, so a
    grey background or a faint copy reads like white paper;
  - the page is deskewed (±5°) by the angle at which its rows of ink line up
    best (the variance of the horizontal projection);
  - ruling lines are the long horizontal and vertical runs of ink; a table is
    a cluster of them, its grid the lines' positions, and a merged cell is a
    grid cell whose border is missing in the pixels;
  - each cell is recognised on its own (one line of text or a block, by its
    height), and the text outside the tables line by line in reading order.
Tesseract's word confidences travel with every paragraph (`Paragraph.confidence`),
so the card logic can say how far a card read from pixels is to be trusted.

Tesseract (through tesserocr) and its Korean model are optional: without them
a scan is refused with `no_text_layer` and a sentence naming what to install.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass

import numpy as np
from PIL import Image

from parsers.errors import CardexError
from parsers.model import Cell, Paragraph, Provenance, Table
from parsers.numbers import SEPARATOR_SLIP
from parsers.scan import marks as scan_marks

LANG = "kor"
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata")
INSTALL_SENTENCE = (
    "reading scans needs Tesseract OCR with its Korean model: install the Debian packages "
    "tesseract-ocr and tesseract-ocr-kor (and the Python package tesserocr), then run cardex again"
)
MAX_SKEW = 5.0  # degrees either way
LINE_INCHES = 0.25  # a ruling line is a straight run of ink at least this long
BORDER_COVER = 0.85  # share of a grid edge that must be inked to count as a border
# OCR's commonest slips in a card, each narrow enough to be safe: (pattern, replacement)
_REPAIRS = [
    # the T. before a phone read as 1. (`신정미 1.2464`, `(1.061-286-4773)`)
    (
        re.compile(r"(?<=[가-힣(])\s?1\.\s?(?=\d{4}\b|\d{2,3}-\d{3,4}-\d{4})"),
        lambda m: " T." if m.group(0)[0] == " " else "T.",
    ),
    (re.compile(r"(?<=[가-힣])\s\.(?=\d{4}\b)"), lambda m: " T."),  # its T lost: `장미란 .4213`
    (re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3})+(?![\d.])"), lambda m: m.group(0).replace(".", ",")),  # 12.400
    (SEPARATOR_SLIP, lambda m: ","),  # 2,842,.000: a comma read as both
    (re.compile(r"^[\^스소AΔ]\s?(?=\d[\d,]*$)"), lambda m: "△"),  # a cut (△210) alone in its cell
    # (숄4972); not `(~2026)` or `('26)`, a year with its mark
    (re.compile(r"\((?:[가-힣]|[^\w\s(~∼〜～\-–'’])\s?(\d{3,4}(?:-\d{4})?)\)"), lambda m: f"(☎{m.group(1)})"),
    (re.compile(r"^(?:[0oO◯]|[<>]\)?:?)(?=\s+[가-힣])"), lambda m: "○"),  # the ○ bullet
    (re.compile(r"^\([<>\-]\)?(?=\s+[가-힣\d])"), lambda m: "○"),  # ○ read as (> or (-
    (re.compile(r"^ㅁ(?=\s)"), lambda m: "□"),  # the □ heading mark
    (re.compile(r"^(?:\(|0)([1-9])(?=\s+[가-힣])"), lambda m: chr(0x245F + int(m.group(1)))),  # ① read as (1, 01
    (re.compile(r"^[@©®](?=\s+[가-힣])"), lambda m: "①"),  # a circled number read as @: its kind is what counts
    (re.compile(r"^『(?=\s+[가-힣])"), lambda m: "▸"),  # the ▸ bullet
]

_OPEN_BULLET = re.compile(r"^\(\s?(?=[가-힣])")

_local = threading.local()


def available() -> str | None:
    """None when OCR can run here; otherwise the sentence that says what to install."""
    try:
        _api()
    except CardexError as exc:
        return exc.message
    return None


def _api():
    api = getattr(_local, "api", None)
    if api is not None:
        return api
    try:
        import tesserocr
    except ImportError:
        raise CardexError("no_text_layer", _missing("the Python package tesserocr is not installed")) from None
    import os

    paths = [p for p in (os.environ.get("TESSDATA_PREFIX"), *TESSDATA_DIRS) if p]
    for path in paths:
        if os.path.exists(os.path.join(path, "kor.traineddata")):
            api = tesserocr.PyTessBaseAPI(path=path, lang=LANG, psm=tesserocr.PSM.SINGLE_BLOCK)
            _local.api = api
            return api
    raise CardexError("no_text_layer", _missing("the Korean model kor.traineddata was not found"))


FIGURE_CHARS = "0123456789,.~'-()%"


def _figures_api():
    """Tesseract's English model held to the characters of figures: it reads `'27~'30`,
    `1,345` and `850` where the Korean model sees `230`, `1375` and `용50`. None without it."""
    if hasattr(_local, "figures"):
        return _local.figures
    import os

    import tesserocr

    _local.figures = None
    for path in [p for p in (os.environ.get("TESSDATA_PREFIX"), *TESSDATA_DIRS) if p]:
        if os.path.exists(os.path.join(path, "eng.traineddata")):
            api = tesserocr.PyTessBaseAPI(path=path, lang="eng", psm=tesserocr.PSM.SINGLE_LINE)
            api.SetVariable("tessedit_char_whitelist", FIGURE_CHARS)
            _local.figures = api
            break
    return _local.figures


def _looks_like_figures(text: str) -> bool:
    """A reading that is mostly digits and figure marks, with at most one stray syllable (and
    no unit word such as 년 or 원): the Korean model's reading of a figure or a number such
    as `1-1-1`, worth a second look by the figures reader. Not where the line holds a mark
    read from its shape (`(☎5576)`): the figures reader would make a digit of it."""
    if any(c in scan_marks.WORD_MARKS for c in text):
        return False
    chars = [c for c in text if not c.isspace()]
    figure = sum(c in FIGURE_CHARS or c in "△▲^" for c in chars)
    syllables = sum("가" <= c <= "힣" for c in chars)
    units = any(word in text for word in ("년", "원", "억", "월", "일", "회", "명", "개"))
    return any(c.isdigit() for c in chars) and figure * 2 >= len(chars) and syllables <= 1 and not units


def _missing(why: str) -> str:
    return f"The file is a scan (page images without text) and {why}; {INSTALL_SENTENCE}."


# ---------------------------------------------------------------- pixels

SCAN_DPI = 300  # what image-only PDF pages are rendered at
MAX_SIDE = 7000  # pixels: a page box claiming more is rendered smaller, never larger
MAX_PIXELS = 60_000_000  # an image file's frame past this is refused (a decompression bomb)


def render_pdf_page(path, index: int) -> tuple[Image.Image, float]:
    """Page `index` of a PDF as pixels, by PDFium (what Chromium renders PDFs with)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        page = document[index]
        width, height = page.get_size()
        scale = min(SCAN_DPI / 72.0, MAX_SIDE / max(width, height, 1.0))
        image = page.render(scale=scale, grayscale=False, may_draw_forms=False).to_pil()
        return image.convert("RGB"), scale * 72.0
    finally:
        document.close()


@dataclass
class Page:
    """One page image ready for recognition: ink as a boolean array, grey for OCR."""

    grey: Image.Image
    ink: np.ndarray
    dpi: float

    @property
    def scale(self) -> float:
        """Points per pixel, so geometry matches the PDF reader's (1 pt = 1/72 in)."""
        return 72.0 / self.dpi


def prepare(image: Image.Image, dpi: float) -> Page:
    """Wash out red ink, binarise, deskew."""
    rgb = image.convert("RGB")
    arr = np.asarray(rgb).astype(np.int16)
    r, g, b = arr[..., 0], arr[..., 1], arr[..., 2]
    grey = (0.299 * r + 0.587 * g + 0.114 * b).astype(np.float32)
    red = (r - np.maximum(g, b)) > 50  # a seal: red well above green and blue
    grey[red] = 255.0
    # Tesseract binarises the grey page itself; this mask only finds lines and skew. A page is
    # mostly paper, which defeats a histogram split such as Otsu's (it lands inside the paper's
    # or the ink's own greys), so the threshold sits halfway between the paper and the ink.
    paper, dark = np.percentile(grey, [90, 0.5])
    ink = grey < (paper + dark) / 2
    # levels: the paper becomes white and the ink black, so a grey sheet reads like a white one
    grey = np.clip((grey - dark) / max(paper - dark, 1.0) * 255.0, 0, 255)
    angle = _skew(ink)
    grey_img = Image.fromarray(grey.astype(np.uint8), "L")
    if abs(angle) >= 0.05:
        grey_img = grey_img.rotate(angle, resample=Image.BILINEAR, expand=False, fillcolor=255)
        ink = np.asarray(grey_img) < 128
    return Page(grey=grey_img, ink=ink, dpi=dpi)


def _skew(ink: np.ndarray) -> float:
    """The rotation (degrees) that makes rows of ink line up best."""
    small = Image.fromarray((ink * 255).astype(np.uint8), "L")
    factor = max(1, round(max(small.size) / 1200))
    small = small.reduce(factor) if factor > 1 else small

    def score(angle: float) -> float:
        rows = np.asarray(small.rotate(angle, resample=Image.NEAREST, fillcolor=0), dtype=np.float32).sum(axis=1)
        return float(np.var(rows))

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=score)
    return float(max(np.arange(best - 0.5, best + 0.51, 0.1), key=score))


# ---------------------------------------------------------------- ruling lines and grids


def _runs(ink: np.ndarray, length: int) -> np.ndarray:
    """Pixels that belong to a horizontal run of ink at least `length` long."""
    h, w = ink.shape
    if w < length:
        return np.zeros_like(ink)
    cs = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(ink, axis=1, out=cs[:, 1:])
    starts = np.zeros((h, w), dtype=bool)
    starts[:, : w - length + 1] = (cs[:, length:] - cs[:, :-length]) == length  # a full run starts here
    cs_starts = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(starts, axis=1, out=cs_starts[:, 1:])
    j = np.arange(w)
    covered = (cs_starts[:, j + 1] - cs_starts[:, np.maximum(j - length + 1, 0)]) > 0
    return covered & ink


def _positions(profile: np.ndarray, minimum: float) -> list[int]:
    """Centres of the bands where `profile` reaches `minimum` (a line a few pixels thick is one)."""
    on = profile >= minimum
    out, start = [], None
    for i, flag in enumerate(np.append(on, False)):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            out.append((start + i - 1) // 2)
            start = None
    return out


@dataclass
class Grid:
    x0: int
    y0: int
    x1: int
    y1: int
    xs: list[int]
    ys: list[int]
    # cells as (row, col, row_span, col_span)
    cells: list[tuple[int, int, int, int]]


def find_grids(page: Page) -> tuple[list[Grid], np.ndarray]:
    """The tables of the page, and the mask of its ruling lines (to be erased before OCR:
    cell text in many templates touches its borders)."""
    length = max(int(LINE_INCHES * page.dpi), 10)
    horiz = _runs(page.ink, length)
    vert = _runs(page.ink.T, length).T
    lines = horiz | vert
    grids = []
    for y0, y1, x0, x1 in _regions(lines, gap=max(int(page.dpi * 0.05), 3)):
        region_h, region_v = horiz[y0:y1, x0:x1], vert[y0:y1, x0:x1]
        ys = _positions(region_h.sum(axis=1), length)
        xs = _positions(region_v.sum(axis=0), length)
        if len(ys) < 2 or len(xs) < 2:
            continue
        ink = page.ink[y0:y1, x0:x1]
        cells = _cells(ink, ink, xs, ys)
        grids.append(Grid(x0, y0, x1, y1, [x0 + x for x in xs], [y0 + y for y in ys], cells))
    return grids, lines


def _regions(lines: np.ndarray, gap: int) -> list[tuple[int, int, int, int]]:
    """Bounding boxes of the clusters of ruling lines: one per table."""
    rows = np.flatnonzero(lines.any(axis=1))
    if rows.size == 0:
        return []
    bands, start = [], rows[0]
    for a, b in itertools.pairwise(rows):
        if b - a > gap:
            bands.append((start, a + 1))
            start = b
    bands.append((start, rows[-1] + 1))
    out = []
    for y0, y1 in bands:
        cols = np.flatnonzero(lines[y0:y1].any(axis=0))
        if y1 - y0 > 2 * gap and cols.size:
            out.append((int(y0), int(y1), int(cols[0]), int(cols[-1]) + 1))
    return out


def _cells(horiz: np.ndarray, vert: np.ndarray, xs: list[int], ys: list[int]) -> list[tuple[int, int, int, int]]:
    """Grid cells joined where the border between them is missing, as rectangles.

    A border is judged on the ink itself, not on the long runs that found the grid: a
    divider one short row tall is shorter than any run that could not also be a glyph's
    stroke, but nothing but a border inks nearly all of a grid edge."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    band = 3

    def v_border(row: int, col: int) -> bool:  # between (row, col-1) and (row, col)
        x = xs[col]
        strip = vert[ys[row] : ys[row + 1], max(x - band, 0) : x + band + 1].any(axis=1)
        return strip.mean() >= BORDER_COVER if strip.size else False

    def h_border(row: int, col: int) -> bool:  # between (row-1, col) and (row, col)
        y = ys[row]
        strip = horiz[max(y - band, 0) : y + band + 1, xs[col] : xs[col + 1]].any(axis=0)
        return strip.mean() >= BORDER_COVER if strip.size else False

    owner = [[-1] * n_cols for _ in range(n_rows)]
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            if owner[r][c] != -1:
                continue
            width = 1
            while c + width < n_cols and owner[r][c + width] == -1 and not v_border(r, c + width):
                width += 1
            height = 1
            while r + height < n_rows and all(
                owner[r + height][c + k] == -1 and not h_border(r + height, c + k) for k in range(width)
            ):
                height += 1
            for dr in range(height):
                for dc in range(width):
                    owner[r + dr][c + dc] = len(cells)
            cells.append((r, c, height, width))
    return cells


# ---------------------------------------------------------------- recognition


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


def recognise(page: Page, box: tuple[int, int, int, int], mode: str) -> list[OcrLine]:
    """Text lines inside `box` (pixels: x0, y0, x1, y1) with their confidences; `mode` is
    `line` (a one-line cell), `block` (a cell of several lines), `column` (the page) or
    `raw` (one line, without Tesseract's own line finding)."""
    import tesserocr
    from tesserocr import RIL

    api = _api()
    box = _ink_box(page, box)
    if box is None:
        return []
    if mode == "block":
        # Tesseract is at its best on one line: a cell's lines are found from the gaps
        # between them and read one by one
        return [line for band in _line_bands(page, box) for line in recognise(page, band, "line")]
    x0, y0, x1, y1 = box
    psm = {
        "line": tesserocr.PSM.SINGLE_LINE,
        "block": tesserocr.PSM.SINGLE_BLOCK,
        "column": tesserocr.PSM.SINGLE_COLUMN,
        "raw": tesserocr.PSM.RAW_LINE,
    }
    api.SetPageSegMode(psm[mode])
    # Tesseract misses text that touches the edge of its image (cell text often touches its
    # border), so the box is recognised on its own with a margin of paper around it.
    margin = max(int(page.dpi * 0.05), 6)
    canvas = Image.new("L", (x1 - x0 + 2 * margin, y1 - y0 + 2 * margin), 255)
    canvas.paste(page.grey.crop(box), (margin, margin))
    api.SetImage(canvas)
    api.Recognize()
    iterator = api.GetIterator()
    if iterator is None:
        return []
    # The iterator spaces every "word", and Korean comes back as a word per syllable run; the
    # page text (GetUTF8Text) has the spacing Tesseract saw, so lines take their text from it
    # and their geometry and confidence from the words.
    spaced = [line for line in (api.GetUTF8Text() or "").splitlines() if line.strip()]
    groups: list[list[tuple[str, tuple[int, int, int, int], float]]] = [[]]
    level = RIL.WORD
    while True:
        try:
            word, bbox = iterator.GetUTF8Text(level), iterator.BoundingBox(level)
        except RuntimeError:  # an empty element: Tesseract found a blob but no text in it
            word, bbox = "", None
        if word and bbox and word.strip():
            groups[-1].append((word.strip(), bbox, iterator.Confidence(level)))
        if iterator.IsAtFinalElement(RIL.TEXTLINE, level) and groups[-1]:
            groups.append([])
        if not iterator.Next(level):
            break
    groups = [g for g in groups if g]
    symbols = _symbols(iterator) if groups else []
    if not groups and mode == "line":
        # line mode sometimes rejects a short, clean line outright; the raw-line mode reads it
        return recognise(page, box, "raw")
    if len(spaced) != len(groups):
        spaced = [_spaced_by_gaps(g) for g in groups]
    if len(spaced) == len(symbols) and mode != "block":
        ink = np.asarray(api.GetThresholdedImage().convert("L")) < 128
        if len(spaced) == 1 and mode != "column":
            spaced = [_with_marks(api, canvas, ink, spaced[0], symbols[0])]
        else:  # a page's lines: each looked at in the rows its words stand in
            spaced = [
                _with_marks(api, canvas, ink, text, line, _rows(words, canvas.height))
                for text, line, words in zip(spaced, symbols, groups)
            ]
    shift = (x0 - margin, y0 - margin)
    lines = [_line(text, words, page.scale, shift) for text, words in zip(spaced, groups)]
    if mode in ("line", "raw") and len(lines) == 1 and _looks_like_figures(lines[0].text):
        lines[0] = _reread_figures(lines[0], canvas)
    return lines


def _symbols(iterator) -> list[list[scan_marks.Symbol]]:
    """The characters Tesseract read, line by line, with their boxes and confidences."""
    from tesserocr import RIL

    iterator.Begin()
    lines: list[list[scan_marks.Symbol]] = [[]]
    while True:
        try:
            text, box = iterator.GetUTF8Text(RIL.SYMBOL), iterator.BoundingBox(RIL.SYMBOL)
        except RuntimeError:
            text, box = "", None
        if text and box and text.strip():
            lines[-1].append(scan_marks.Symbol(text.strip(), box, iterator.Confidence(RIL.SYMBOL)))
        if iterator.IsAtFinalElement(RIL.TEXTLINE, RIL.SYMBOL) and lines[-1]:
            lines.append([])
        if not iterator.Next(RIL.SYMBOL):
            break
    return [line for line in lines if line]


def _rows(words, height: int) -> tuple[int, int]:
    """The rows a line's words stand in, by their median top and foot (a word box stretched
    over the line above does not widen it), with a fifth of a letter either way (a comma's tail)."""
    tops = sorted(b[1] for _, b, _ in words)
    feet = sorted(b[3] for _, b, _ in words)
    top, foot = tops[len(tops) // 2], feet[len(feet) // 2]
    pad = max((foot - top) // 5, 2)
    return max(top - pad, 0), min(foot + pad, height)


def _with_marks(
    api, canvas: Image.Image, ink: np.ndarray, text: str, symbols: list[scan_marks.Symbol], rows=None
) -> str:
    """The line's text with the marks its pixels show (see scan_marks), read again in one-line
    mode with a placeholder where each stands; the first reading where there are none.
    `rows` is the line's band of the image (top, bottom), all of it when None."""
    top, bottom = rows if rows is not None else (0, canvas.height)
    band = canvas.crop((0, top, canvas.width, bottom))
    marks, size = scan_marks.find(ink[top:bottom], symbols, np.asarray(band) < scan_marks.FAINT)
    if not marks:
        return text
    placeholders = scan_marks.with_placeholders(band, marks, size)
    if placeholders is None:
        return text
    import tesserocr

    api.SetPageSegMode(tesserocr.PSM.SINGLE_LINE)
    api.SetImage(placeholders)
    api.Recognize()
    iterator = api.GetIterator()
    second = scan_marks.Reading(
        " ".join((api.GetUTF8Text() or "").split()),
        [s for line in (_symbols(iterator) if iterator is not None else []) for s in line],
    )
    return scan_marks.restore(scan_marks.Reading(text, symbols), second, marks) or text


def _reread_figures(line: OcrLine, canvas: Image.Image) -> OcrLine:
    figures = _figures_api()
    if figures is None:
        return line
    figures.SetImage(canvas)
    text = " ".join(figures.GetUTF8Text().split())
    if not any(c.isdigit() for c in text):
        return line
    confidence = float(figures.MeanTextConf())
    digits = sum(c.isdigit() for c in text) - sum(c.isdigit() for c in line.text)
    if re.search(r"[가-힣^]", line.text):
        if digits <= 0:
            return line  # the syllable was no misread digit (`파-12`): the Korean reading stands
    elif confidence < line.confidence or len(text.replace(" ", "")) < len(line.text.replace(" ", "")):
        return line  # a clean Korean reading stands unless the figures reader is surer and loses nothing
    sign = line.text[0] if line.text[:1] in ("△", "▲") and text[:1] not in ("△", "▲", "-") else ""
    return OcrLine(
        text=sign + _repair(text), x0=line.x0, x1=line.x1, top=line.top, bottom=line.bottom,
        first_word_x1=line.first_word_x1, confidence=max(confidence, 0.0), chars=len(text),
    )  # fmt: skip


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
    return (
        max(x0, x0 + edge + int(cols[0]) - pad),
        max(y0, y0 + edge + int(rows[0]) - pad),
        min(x1, x0 + edge + int(cols[-1]) + 1 + pad),
        min(y1, y0 + edge + int(rows[-1]) + 1 + pad),
    )


def _spaced_by_gaps(words: list[tuple[str, tuple[int, int, int, int], float]]) -> str:
    """A line's text from its words, a space where the gap is wider than a fifth of the line's height."""
    height = max(b[3] for _, b, _ in words) - min(b[1] for _, b, _ in words)
    parts = [words[0][0]]
    for (_, a, _), (text, b, _) in itertools.pairwise(words):
        parts.append((" " if b[0] - a[2] > 0.2 * height else "") + text)
    return "".join(parts)


def _line(
    text: str, words: list[tuple[str, tuple[int, int, int, int], float]], scale: float, shift: tuple[int, int]
) -> OcrLine:
    text = _repair(" ".join(text.split()))
    chars = sum(len(w) for w, _, _ in words)
    confidence = sum(conf * len(w) for w, _, conf in words) / max(chars, 1)
    dx, dy = shift
    boxes = [(b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy) for _, b, _ in words]
    return OcrLine(
        text=text,
        x0=min(b[0] for b in boxes) * scale,
        x1=max(b[2] for b in boxes) * scale,
        top=min(b[1] for b in boxes) * scale,
        bottom=max(b[3] for b in boxes) * scale,
        first_word_x1=boxes[0][2] * scale,
        confidence=confidence,
        chars=chars,
    )


def _repair(text: str) -> str:
    """Undo the slips Tesseract's Korean model makes on a card's marks and figures."""
    for pattern, replacement in _REPAIRS:
        text = pattern.sub(replacement, text)
    if _OPEN_BULLET.match(text) and text.count("(") > text.count(")"):
        text = _OPEN_BULLET.sub("○ ", text)  # a ○ bullet read as a `(` that nothing closes: `(어르신 기간: …`
    return text


def confidence_of(lines: list[OcrLine]) -> float | None:
    chars = sum(line.chars for line in lines)
    return sum(line.confidence * line.chars for line in lines) / chars if chars else None


def table_of(page: Page, grid: Grid, number: int, index: int, paragraphs) -> Table:
    """The grid's cells, each recognised on its own; `paragraphs` joins a cell's lines (the
    PDF reader's rule, so wrapped cell text reads the same from pixels as from a PDF)."""
    inset = 1
    cells = []
    for row, col, row_span, col_span in grid.cells:
        x0, x1 = grid.xs[col] + inset, grid.xs[col + col_span] - inset
        y0, y1 = grid.ys[row] + inset, grid.ys[row + row_span] - inset
        prov = Provenance(page=number, table=index, row=row, col=col)
        cell = Cell(row=row, col=col, row_span=row_span, col_span=col_span, prov=prov)
        cells.append(cell)
        if _is_dash(page, (x0, y0, x1, y1)):
            # a lone dash (nothing to report) is too small for Tesseract, which makes up a letter
            cell.blocks.append(Paragraph("-", 0.0, prov, confidence=90.0))
            continue
        one_line = (y1 - y0) < page.dpi * 0.3
        lines = recognise(page, (x0, y0, x1, y1), "line" if one_line else "block")
        if not lines:
            continue
        # cell padding is symmetric in every writer met: the text's left inset gives the right one
        padding = max(min(line.x0 for line in lines) - x0 * page.scale, 0.0)
        for text, first, confidence in paragraphs(lines, x1 * page.scale - padding):
            cell.blocks.append(Paragraph(text, round(first.x0 - x0 * page.scale, 1), prov, confidence=confidence))
        renumber_circled([b for b in cell.blocks if isinstance(b, Paragraph)])
    n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
    return Table(cells=cells, n_rows=n_rows, n_cols=n_cols, prov=Provenance(page=number, table=index))


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def renumber_circled(paragraphs: list[Paragraph]) -> None:
    """A cell's list numbered ① ② ③ … whose one number OCR misread (`① ② ① ④`): where every
    other paragraph's number follows the count from the first, the odd one takes its place."""
    numbered = [p for p in paragraphs if p.text[:1] in _CIRCLED]
    if not 2 <= len(numbered) == len(paragraphs) <= len(_CIRCLED):
        return
    wrong = [k for k, p in enumerate(numbered) if p.text[0] != _CIRCLED[k]]
    if len(wrong) == 1 and (len(numbered) >= 3 or wrong[0] > 0):
        k = wrong[0]
        numbered[k].text = _CIRCLED[k] + numbered[k].text[1:]


def _is_dash(page: Page, box: tuple[int, int, int, int]) -> bool:
    """Is the cell's only ink one short flat stroke?"""
    x0, y0, x1, y1 = box
    ink = page.ink[y0:y1, x0:x1]
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return False
    height, width = rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1
    return height <= page.dpi * 0.035 and page.dpi * 0.03 <= width <= page.dpi * 0.2 and width >= 2 * height


def erase(page: Page, mask: np.ndarray) -> Page:
    """The page with the pixels of `mask` (and their neighbours: anti-aliased edges) painted white."""
    grown = mask.copy()
    grown[1:] |= mask[:-1]
    grown[:-1] |= mask[1:]
    grown[:, 1:] |= mask[:, :-1]
    grown[:, :-1] |= mask[:, 1:]
    grey = np.asarray(page.grey).copy()
    grey[grown] = 255
    return Page(grey=Image.fromarray(grey, "L"), ink=page.ink & ~grown, dpi=page.dpi)


def blank_grids(page: Page, grids: list[Grid]) -> Page:
    """The page with its tables painted white, for reading the text around them."""
    grey = page.grey.copy()
    ink = page.ink.copy()
    for grid in grids:
        grey.paste(255, (grid.x0, grid.y0, grid.x1, grid.y1))
        ink[grid.y0 : grid.y1, grid.x0 : grid.x1] = False
    return Page(grey=grey, ink=ink, dpi=page.dpi)


# ---------------------------------------------------------------- one page into blocks


def page_blocks(image: Image.Image, dpi: float, number: int, first_table: int):
    """One page image as the PDF reader's page blocks (tables and paragraphs by their top)."""
    from parsers.pages.assemble import Edges, PageBlocks
    from parsers.pages.lines import Line
    from parsers.pages.lines import paragraphs as join_lines
    from parsers.pdf.reader import MARGIN_BAND

    def as_lines(lines: list[OcrLine]) -> list[Line]:
        return [
            Line(
                text=line.text, x0=line.x0, x1=line.x1, top=line.top, bottom=line.bottom,
                size=max(line.bottom - line.top, 1.0), trailing_space=False,
                # pixels show no space at a line's end, so whether a wrap stood on one is left
                # to the words (the PDF reader's rule where geometry cannot tell)
                space_width=float("inf"), first_word_x1=line.first_word_x1,
            )
            for line in lines
        ]  # fmt: skip

    def paragraphs(lines: list[OcrLine], right: float):
        converted = as_lines(lines)
        joined = join_lines(converted, right)
        starts = [next(i for i, c in enumerate(converted) if c is first) for _, first in joined]
        ends = starts[1:] + [len(lines)]
        # the slips are put right in each line and again in the paragraph its lines make (a
        # phone's T. read as 1. where a narrow cell wrapped it onto a line of its own)
        return [(_repair(text), first, confidence_of(lines[a:b])) for (text, first), a, b in zip(joined, starts, ends)]

    page = prepare(image, dpi)
    grids, rules = find_grids(page)
    erased = erase(page, rules)
    out = PageBlocks(number=number, height=page.grey.height * page.scale, from_pixels=True)
    tables = []
    for i, grid in enumerate(grids):
        table = table_of(erased, grid, number, first_table + i, paragraphs)
        tables.append((table, Edges([x * page.scale for x in grid.xs], [y * page.scale for y in grid.ys])))
        out.blocks.append((grid.y0 * page.scale, table))
        out.body_bottom = max(out.body_bottom or 0.0, grid.y1 * page.scale)
    rest = blank_grids(erased, grids)
    lines = recognise(rest, (0, 0, rest.grey.width, rest.grey.height), "column")
    band = MARGIN_BAND * out.height
    body = []
    for line in lines:
        if line.bottom <= band or line.top >= out.height - band:
            where = "top" if line.bottom <= band else "bottom"
            out.margin_lines.append((where, as_lines([line])[0]))
        else:
            body.append(line)
            out.body_bottom = max(out.body_bottom or 0.0, line.bottom)
    body.sort(key=lambda line: line.top)
    left = min((line.x0 for line in body), default=0.0)
    right = max(page.grey.width * page.scale - left, max((line.x1 for line in body), default=0.0))
    for text, first, confidence in paragraphs(body, right):
        out.blocks.append(
            (first.top, Paragraph(text, round(first.x0, 1), Provenance(page=number), confidence=confidence))
        )
    out.blocks.sort(key=lambda item: item[0])
    return out, tables
