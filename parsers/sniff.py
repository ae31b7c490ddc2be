"""Decide a file's format from its bytes, not its name.

Departments rename files freely (a DRM envelope keeps `.hwp`, an HTML page
is saved as `.hwp`), so the name is only a tie-breaker for plain text.
"""

from __future__ import annotations

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF
DRM_MARKERS = (b"<MARKANY_DOCUMENTS", b"MARKANY", b"FSCAPA", b"<DOCUMENT SAFER", b"SCDSA")
TEXT_SUFFIXES = {".txt", ".tsv", ".tab", ".text", ".csv"}
DOCUMENT_SUFFIXES = {".hwp", ".hwpx", ".pdf"}


def sniff(head: bytes, suffix: str) -> str:
    """Return tsv, pdf, hwp, hwpx, image, drm, html, hwp3, mislabeled, damaged, empty or unknown."""
    if not head:
        return "empty"
    if head.startswith(OLE_MAGIC):
        return "hwp"
    if head.startswith(ZIP_MAGIC):
        return "hwpx"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(IMAGE_MAGIC):
        return "image"
    upper = head.lstrip()[:256].upper()
    if any(upper.startswith(m) or m in head[:64].upper() for m in DRM_MARKERS):
        return "drm"
    if upper.startswith((b"<!DOCTYPE HTML", b"<HTML", b"<?XML", b"<!--")) or b"<HTML" in upper[:100]:
        return "html"
    if head.startswith(b"HWP Document File"):
        return "hwp3"
    if suffix.lower() in DOCUMENT_SUFFIXES:
        # named like a document but carrying none of the document signatures
        return "mislabeled" if _looks_textual(head) else "damaged"
    if suffix.lower() in TEXT_SUFFIXES or _looks_textual(head):
        return "tsv"
    return "unknown"


def _looks_textual(head: bytes) -> bool:
    if not head:
        return False
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for b in head if b < 0x09 or 0x0E <= b < 0x20)
    return controls == 0
