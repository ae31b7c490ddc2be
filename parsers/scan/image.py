"""Image files (PNG, JPEG, TIFF, multi-page TIFF): a scanned card, read by OCR.

The pixels go through `scan.page` exactly as an image-only PDF page does, and the
pages are assembled with the PDF reader's rules (page furniture, tables that
continue on the next page), so a scan is the same `Document` as its PDF.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from parsers.errors import CardexError
from parsers.model import Document
from parsers.pages.assemble import Edges, PageBlocks, join_pages
from parsers.pages.furniture import mark_furniture
from parsers.scan.hints import NO_HINTS, TextHints
from parsers.scan.ocr import engine
from parsers.scan.page import page_blocks
from parsers.scan.pixels import MAX_PIXELS

MAX_PAGES = 300  # frames of one file; no submission of cards comes near it
A4_SHORT_INCHES = 8.27


def read(path: Path, hints: TextHints = NO_HINTS) -> Document:
    """Every frame of the image file, read by OCR as one scanned document."""
    missing = engine().available()
    if missing is not None:
        raise CardexError("no_text_layer", missing)
    pages: list[PageBlocks] = []
    edges: dict[int, Edges] = {}
    n_tables = 0
    for number, frame, dpi in _frames(path):
        blocks, tables = page_blocks(frame, dpi, number, n_tables, hints)
        n_tables += len(tables)
        edges.update({id(table): grid for table, grid in tables})
        pages.append(blocks)
    mark_furniture(pages)
    return Document(
        blocks=join_pages(pages, edges),
        format="image",
        pages=len(pages),
        scanned_pages=[p.number for p in pages],
        warnings=[note for p in pages for note in p.warnings],
    )


def _frames(path: Path) -> Iterator[tuple[int, Image.Image, float]]:
    """Each frame of the file, decoded (number, RGB pixels, dpi). Only a failure to decode is
    the file's fault (`corrupt`); one in reading the decoded pixels is cardex's own, and is
    left to the pipeline to report as such."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                    if number > MAX_PAGES:
                        raise CardexError("too_large", f"The image has more than {MAX_PAGES} pages; split it.")
                    frame.load()
                    yield number, frame.convert("RGB"), _dpi(frame)
    except CardexError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise CardexError(
            "too_large", f"The image claims more than {MAX_PIXELS:,} pixels; scan it at 300 dpi or less."
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise CardexError("corrupt", f"The image cannot be decoded ({type(exc).__name__}); scan it again.") from None


def _dpi(frame: Image.Image) -> float:
    """The resolution the scanner wrote, or, where it wrote none (or nonsense), the one that
    makes the page A4, as nearly every card is."""
    written = frame.info.get("dpi")
    try:
        value = float(written[0]) if written else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    if 100 <= value <= 1200:
        return value
    return max(min(frame.width, frame.height) / A4_SHORT_INCHES, 50.0)
