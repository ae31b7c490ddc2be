"""What pdfminer trusts and a hostile PDF abuses, bounded before the PDF reader uses it.

pdfminer.six reads a page box as whatever array the file holds, applies
`/Rotate` arithmetic to whatever object it finds, inflates Flate streams
without a size limit, and "repairs" a stream with a bad checksum by feeding
zlib one byte at a time into a growing bytes object (quadratic: a 20 KB
stream took 40 s). This module:
  - installs the bounded lenient Flate decoder of `parsers.inflate` into
    pdfminer (one budget per document, set from the file's size), replacing
    both paths;
  - repairs a page's boxes and rotation before the reader uses them (a box
    must be four finite numbers of sane size, a rotation a multiple of 90);
  - tells which layout objects have usable (finite, bounded) coordinates;
  - cleans text that a ToUnicode map decoded to lone surrogates.
Each repair is reported back so the reader can warn about it.
"""

from __future__ import annotations

import re
import zlib

from pdfminer import pdftypes
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve_all
from pdfminer.psparser import PSLiteral

from parsers.inflate import Budget, inflate_lenient
from parsers.numbers import finite

MIN_INFLATE_BUDGET = 64 * 1024 * 1024
INFLATE_RATIO = 200  # decompressed bytes allowed per byte of file, all streams together
MAX_COORDINATE = 1e6  # points: far beyond any page (PDF's own limit is 14,400 units)
A4 = (0.0, 0.0, 595.0, 842.0)
_SURROGATE = re.compile("[\ud800-\udfff]")


BUDGET = Budget(
    0,
    ratio=INFLATE_RATIO,
    minimum=MIN_INFLATE_BUDGET,
    refusal="The PDF's compressed streams inflate to far more than the file's size "
    f"(over {INFLATE_RATIO} times); the file is damaged or a decompression bomb, and was not read.",
)  # pdfminer's decoder hook has no per-document state: the reader resets this for each PDF


def _inflate(data: bytes) -> bytes:
    return inflate_lenient(data, BUDGET)


class _BoundedZlib:
    """Stands in for the `zlib` module inside pdfminer.pdftypes."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes, *args: object) -> bytes:
        return _inflate(data)


def install() -> None:
    """Route pdfminer's Flate decoding through the bounded decoder (idempotent)."""
    pdftypes.zlib = _BoundedZlib  # type: ignore[assignment]
    pdftypes.decompress_corrupted = _inflate


def _box(value: object) -> tuple[float, float, float, float] | None:
    if not isinstance(value, list | tuple) or len(value) != 4:
        return None
    if not all(finite(v, MAX_COORDINATE) for v in value):
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    if abs(x1 - x0) < 1 or abs(y1 - y0) < 1:
        return None
    return x0, y0, x1, y1


def repair_page_attrs(attrs: dict, resolve) -> list[str]:
    """Make a page dictionary's boxes and rotation safe for pdfminer and pdfplumber; say what was repaired."""
    notes: list[str] = []
    media = _box(resolve(attrs.get("MediaBox")))
    if media is None:
        crop = _box(resolve(attrs.get("CropBox")))
        media = crop or A4
        notes.append("its page box (MediaBox) is missing or invalid; read as " + ("its CropBox" if crop else "A4"))
    attrs["MediaBox"] = list(media)
    for name in ("CropBox", "TrimBox", "BleedBox", "ArtBox"):
        if name in attrs and _box(resolve(attrs.get(name))) is None:
            del attrs[name]
            notes.append(f"its {name} is invalid and was ignored")
    rotate = resolve(attrs.get("Rotate", 0))
    if isinstance(rotate, PSLiteral) or not isinstance(rotate, int) or isinstance(rotate, bool) or rotate % 90:
        attrs["Rotate"] = 0
        notes.append("its rotation (/Rotate) is not a multiple of 90 degrees; read unrotated")
    else:
        attrs["Rotate"] = rotate % 360
    return notes


class TolerantPage(PDFPage):
    """A pdfminer page whose dictionary is repaired before pdfminer reads it
    (pdfminer itself fails on a MediaBox that is a name, a Rotate that is not a number)."""

    def __init__(self, doc, pageid, attrs, label=None) -> None:
        attrs = dict(attrs) if isinstance(attrs, dict) else {}
        self.repairs = repair_page_attrs(attrs, resolve_all)
        super().__init__(doc, pageid, attrs, label)


def usable(obj: dict) -> bool:
    """A glyph, line or box whose coordinates geometry can use."""
    return all(finite(obj.get(k), MAX_COORDINATE) for k in ("x0", "x1", "top", "bottom"))


def clean_text(text: str) -> str:
    """Lone surrogates (from a broken ToUnicode map) become U+FFFD, the replacement character."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
