"""OCR engines behind one small protocol, so another engine can stand beside Tesseract.

The scan reader asks an engine for three things only: whether it can run here
(`available`, else the sentence that says what to install), what it is
(`version`, which the result cache keys on: a new engine or model must not
serve rows read by the old one), and a reading of an image (`read`, and
`read_figures` for a line that is mostly digits). A reading is the engine's
own spaced text plus its words and characters with boxes and confidences;
everything the reader builds on top (cells, marks, paragraphs) is the
engine's neighbour's job, not the engine's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal, Protocol

import numpy as np
from PIL import Image

Box = tuple[int, int, int, int]  # pixels of the image read: x0, y0, x1, y1
# line: one text line; column: a page's text in reading order; raw: one line without the
# engine's own line finding (for a short line the line mode rejects)
Mode = Literal["line", "column", "raw"]
FIGURE_CHARS = "0123456789,.~'-()%"  # what `read_figures` reads: digits and the marks of figures


@dataclass
class Word:
    text: str
    box: Box
    confidence: float  # 0-100


@dataclass
class Symbol:
    """One character (or the few an engine reads as one) with its box and confidence."""

    text: str
    box: Box
    confidence: float


@dataclass
class Reading:
    text: str  # the engine's own text, its lines on lines of their own, spaced as it saw them
    lines: list[list[Word]]  # the words of each text line
    symbols: list[list[Symbol]]  # the characters of each text line
    ink: np.ndarray | None = None  # the engine's own binarisation (True = ink), where asked for


class Engine(Protocol):
    name: str

    def available(self) -> str | None:
        """None when the engine can run here; otherwise the sentence that says what to install."""

    def version(self) -> str:
        """The engine's and its models' identity: a change here makes earlier readings stale."""

    def read(self, image: Image.Image, mode: Mode, *, with_ink: bool = False) -> Reading:
        """The text of a greyscale image."""

    def read_figures(self, image: Image.Image) -> tuple[str, float] | None:
        """One line read as figures only (digits and their marks) with its mean confidence;
        None where the engine has no such reader."""


@cache
def engine() -> Engine:
    """The engine scans are read with (Tesseract, the one installed by Debian packages)."""
    from parsers.scan.ocr.tesseract import Tesseract

    return Tesseract()
