"""A page image made ready for recognition: seals washed out, ink told from paper, deskewed.

A scan's paper is seldom white and its ink seldom black: a grey or yellowed
sheet, a faint copy, a red seal over the text (washed out by seals.py). Ink is told from paper
halfway between the page's own two levels (a page is mostly paper, which
defeats a histogram split such as Otsu's), then the page is turned (within
MAX_SKEW) to the angle at which its rows of ink line up best. Image-only
PDF pages are rendered here too, by PDFium, at SCAN_DPI.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from PIL import Image

from parsers.scan import masks, seals

MAX_SKEW = 5.0  # degrees either way

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


FAINT = 200  # levelled grey (paper 255, ink 0) below which a pixel is a mark at all


@dataclass
class Page:
    """One page image ready for recognition: ink as a boolean array, grey for OCR."""

    grey: Image.Image
    ink: np.ndarray
    dpi: float
    washed: np.ndarray | None = None  # a seal's ink washed out: what lay under it is unknown

    @property
    def scale(self) -> float:
        """Points per pixel, so geometry matches the PDF reader's (1 pt = 1/72 in)."""
        return 72.0 / self.dpi

    @functools.cached_property
    def faint(self) -> np.ndarray:
        """Every mark darker than the paper, the ink's and the lighter ones: a hairline rule
        drawn one pixel wide comes out anti-aliased grey, above the ink threshold."""
        return np.asarray(self.grey) < FAINT


def prepare(image: Image.Image, dpi: float) -> Page:
    """Wash out seals, binarise, deskew."""
    rgb = image.convert("RGB")
    arr = np.asarray(rgb).astype(np.int16)
    r, g, b = arr[..., 0], arr[..., 1], arr[..., 2]
    grey = (0.299 * r + 0.587 * g + 0.114 * b).astype(np.float32)
    red = (r - np.maximum(g, b)) > 50  # red well above green and blue: a seal's ink, or an emphasis
    paper, dark = np.percentile(grey[::4, ::4], [90, 0.5])
    # a colour scan shows a seal's ink by its colour; a greyscale one (or a colour file of a grey
    # copy, a few red specks of JPEG noise in it) by its tone, lighter than the text's. Never
    # both at once: inside a red seal, the blurred edges of black letters pass for that tone
    washed = seals.find(red, red, dpi) if red.any() else None
    if washed is None:
        washed = seals.find(*seals.lighter_ink(grey, paper, dark, dpi), dpi)
    if washed is not None:
        ink_before = (grey < (paper + dark) / 2) & ~washed
        grey[washed] = 255.0
        seals.mend(grey, washed, ink_before, dpi)
    # Tesseract binarises the grey page itself; this mask only finds lines and skew. A page is
    # mostly paper, which defeats a histogram split such as Otsu's (it lands inside the paper's
    # or the ink's own greys), so the threshold sits halfway between the paper and the ink.
    paper, dark = np.percentile(grey, [90, 0.5])
    marked = grey[grey < paper - 60]
    if 0.0005 * grey.size <= marked.size < 0.01 * grey.size:
        # a page of a few lines: under half a percent of it is ink, so the 0.5th percentile is
        # paper, and levelling to it would blacken the paper's noise; the ink's own tone instead
        dark = min(dark, float(np.percentile(marked, 10)))
    ink = grey < (paper + dark) / 2
    # levels: the paper becomes white and the ink black, so a grey sheet reads like a white one
    grey = np.clip((grey - dark) / max(paper - dark, 1.0) * 255.0, 0, 255)
    angle = skew_angle(ink)
    grey_img = Image.fromarray(grey.astype(np.uint8), "L")
    if abs(angle) >= 0.05:
        grey_img = grey_img.rotate(angle, resample=Image.BILINEAR, expand=False, fillcolor=255)
        ink = np.asarray(grey_img) < 128
        if washed is not None:
            turned = Image.fromarray(washed.astype(np.uint8) * 255, "L").rotate(angle, expand=False, fillcolor=0)
            washed = np.asarray(turned) >= 128
    return Page(grey=grey_img, ink=ink, dpi=dpi, washed=washed)


def skew_angle(ink: np.ndarray) -> float:
    """The rotation (degrees) that makes rows of ink line up best."""
    small = Image.fromarray((ink * 255).astype(np.uint8), "L")
    factor = max(1, round(max(small.size) / 1200))
    small = small.reduce(factor) if factor > 1 else small

    def score(angle: float) -> float:
        rows = np.asarray(small.rotate(angle, resample=Image.NEAREST, fillcolor=0), dtype=np.float32).sum(axis=1)
        return float(np.var(rows))

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=score)
    return float(max(np.arange(best - 0.5, best + 0.51, 0.1), key=score))


def erase(page: Page, mask: np.ndarray) -> Page:
    """The page with the pixels of `mask` and their neighbours painted white: one pixel round
    whatever its grey, and round a heavy rule (three pixels or more across) the light fringe
    its anti-aliasing and JPEG blocks leave a little further out (lighter than any letter's
    stroke, so a letter touching the rule keeps its strokes)."""
    grown = masks.grow(mask, 1)
    core = mask.copy()  # a heavy rule's core: rule pixels with rule pixels on every side
    core[1:-1, 1:-1] &= mask[:-2, 1:-1] & mask[2:, 1:-1] & mask[1:-1, :-2] & mask[1:-1, 2:]
    core[[0, -1], :] = False
    core[:, [0, -1]] = False
    if core.any():
        grown |= masks.grow(core, max(3, round(page.dpi / 75))) & (np.asarray(page.grey) >= FAINT)
    grey = np.asarray(page.grey).copy()
    grey[grown] = 255
    return Page(grey=Image.fromarray(grey, "L"), ink=page.ink & ~grown, dpi=page.dpi)


def blank_boxes(page: Page, boxes: list[tuple[int, int, int, int]]) -> Page:
    """The page with these boxes (x0, y0, x1, y1: its tables) painted white, for reading the text around them."""
    grey = page.grey.copy()
    ink = page.ink.copy()
    for x0, y0, x1, y1 in boxes:
        grey.paste(255, (x0, y0, x1, y1))
        ink[y0:y1, x0:x1] = False
    return Page(grey=grey, ink=ink, dpi=page.dpi)
