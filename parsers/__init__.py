"""Readers: one family per format, each turning a file into the shared `Document` (`model`).

`read_document` is the single entry point the pipeline calls; it decides
the format from the file's bytes (`sniff`) and dispatches to the family's
reader, so adding a format means adding a family and one line in
`READERS`. Families: `tsv`, `hangul` (HWP, HWPX), `pdf`, `scan` (images and
image-only PDF pages, by OCR); `pages` is what PDF and scans share. Readers
know formats, not cards.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from parsers.errors import CardexError
from parsers.model import Cell, Document, Paragraph, Provenance, Table, iter_paragraphs
from parsers.sniff import sniff

if TYPE_CHECKING:
    from parsers.scan.hints import TextHints

__all__ = [
    "CardexError",
    "Cell",
    "Document",
    "Paragraph",
    "Provenance",
    "Table",
    "detect_format",
    "iter_paragraphs",
    "read_document",
]

# format -> module name inside this package; each exposes read(path) -> Document
READERS: dict[str, str] = {
    "tsv": "tsv",
    "hwp": "hangul.hwp",
    "hwpx": "hangul.hwpx",
    "pdf": "pdf.reader",
    "image": "scan.image",  # scans, read by OCR
}

SNIFF_BYTES = 4096


def detect_format(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
    return sniff(head, path.suffix)


# What the sniffer can recognise but no reader takes: (error code, what to do).
REFUSALS: dict[str, tuple[str, str]] = {
    "drm": (
        "drm",
        "The file is wrapped in a document-security (DRM) envelope; "
        "ask the department to export it without DRM (or decrypt it) and resubmit.",
    ),
    "html": (
        "unsupported_format",
        "The file is a web page (HTML) saved under a document name; open it in Hangul and save it as HWP, HWPX or PDF.",
    ),
    "mislabeled": (
        "unsupported_format",
        "The file's name says HWP, HWPX or PDF but its contents are none of them "
        "(plain text or an unknown format); check the file and resubmit it in its real format.",
    ),
    "empty": ("corrupt", "The file is empty (0 bytes); the upload or copy failed, so resubmit it."),
    "damaged": (
        "corrupt",
        "The file's name says HWP, HWPX or PDF but its bytes do not start like one; "
        "it is damaged or truncated, so ask for it again.",
    ),
    "hwp3": (
        "unsupported_format",
        "The file is an old HWP 3.0 document; open it in Hangul and save it as HWP 5.0 or HWPX.",
    ),
    "unknown": (
        "unsupported_format",
        "The file is not a format cardex reads (TSV text, PDF, HWP, HWPX, or a PNG, JPEG or TIFF scan).",
    ),
}


def reader_for(fmt: str) -> Callable[..., Document]:
    module = READERS.get(fmt)
    if module is None:
        raise CardexError(*REFUSALS.get(fmt, REFUSALS["unknown"]))
    return importlib.import_module(f".{module}", __name__).read


# formats whose pages may be scans, read by OCR with the caller's hints
SCANNING = {"pdf", "image"}


def read_document(path: Path, fmt: str | None = None, hints: TextHints | None = None) -> Document:
    """Read any supported file into the shared document model.

    `hints` (see `parsers.scan.hints`) hand the caller's knowledge of the text
    to OCR; without them a scan reads as the engine saw it."""
    fmt = fmt or detect_format(path)
    reader = reader_for(fmt)
    if hints is not None and fmt in SCANNING:
        return reader(path, hints)
    return reader(path)
