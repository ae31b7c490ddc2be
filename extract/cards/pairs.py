"""A label and its value as the card's header shows them: what the header, the status grid
and the checks all speak of (its own module, so neither reader of it imports the other)."""

from __future__ import annotations

from dataclasses import dataclass

from parsers.model import Provenance


@dataclass(slots=True)
class Pair:
    label: str  # as written
    value: str  # as written; paragraphs of a cell joined by newlines
    field: str | None  # the vocabulary field of a known label (title, card_no, …), else None
    prov: Provenance
    used: bool = False  # set by the card when this pair's value fed its `cards` columns
    read_as: str | None = None  # an OCR-read label set right (`루관부서`): what OCR read
