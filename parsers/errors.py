"""The one exception type of the project.

Every failure a person can act on carries a stable `code` (the `files`
table's error_code) and a sentence saying what to do. Codes are part of the
output contract: add new ones, never rename.
"""

from __future__ import annotations

CODES = {
    "encrypted": "the document is protected by a password",
    "drm": "the document is wrapped in a document-security (DRM) envelope",
    "corrupt": "the file is damaged or is not what its name says",
    "unsupported_format": "the file is not a format cardex reads",
    "no_text_layer": "the PDF has no text (a scan)",
    "no_card_found": "the document was read but holds no pledge card",
    "decode_error": "the text file is in no encoding cardex recognises",
    "too_large": "the file, or something inside it, exceeds a safety limit",
    "timeout": "reading the file took longer than the time limit",
    "crashed": "the reader failed unexpectedly",
    "invalid_value": "the file's rows hold values no table can store, even after cleaning",
    "not_a_document": "office or operating-system litter beside the documents (a lock file, Thumbs.db)",
}


class CardexError(Exception):
    """A failure with a stable code and a message a person can act on."""

    def __init__(self, code: str, message: str) -> None:
        if code not in CODES:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
