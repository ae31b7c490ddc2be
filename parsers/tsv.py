"""Tab-separated text exported from a word processor.

Table rows arrive as tab-separated lines and paragraphs as plain lines; the
encoding is not declared, so it is decided per file on evidence (see
`decode`). Merged cells leave empty cells in places that vary between
exports, so this reader keeps every cell as written (span 1) and leaves
alignment to the card logic.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from parsers.errors import CardexError
from parsers.model import (
    MAX_BLOCKS,
    MAX_CELLS,
    MAX_TABLE_EXTENT,
    Cell,
    Document,
    Paragraph,
    Provenance,
    Table,
    check_size,
)

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
)
_LINE_UNITS = (0x09, 0x0A, 0x0D)
_FAIR_LATIN = "·×°±§¶¨´¸¹²³¼½¾"
# What a wrong UTF-8 reading of CP949 bytes produces: controls, C1, Latin letters.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    + "".join(re.escape(chr(c)) for c in range(0xA0, 0x250) if chr(c) not in _FAIR_LATIN)
    + "]"
)


def read(path: Path) -> Document:
    data = path.read_bytes()
    text, encoding = decode(data)
    return parse_text(text, encoding)


def decode(data: bytes) -> tuple[str, str]:
    """Decode without loss, or raise `decode_error`.

    Never `errors="replace"`: a wrong guess must fail loudly, not hand the
    analyst mojibake. Candidates are scored on what they produce (Hangul,
    plain text) against what a wrong decoding produces (C1 controls,
    Latin-1 letters, stray CJK ideographs).
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec.replace("-sig", ""), errors="strict")
            except UnicodeDecodeError as exc:
                raise CardexError(
                    "decode_error",
                    f"The file starts with a {name} byte-order mark but is not valid {name} "
                    f"(byte {exc.start}); re-export it as UTF-8 text.",
                ) from None
            return text, name
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        pass
    else:  # the common case, settled without scoring the alternatives
        if not _SUSPECT.search(text):
            return text, "utf-8"
    candidates: list[tuple[float, str, str]] = []
    for codec in _candidate_codecs(data):
        try:
            text = data.decode(codec, errors="strict")
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), codec, text))
    if not candidates:
        raise CardexError(
            "decode_error",
            "The text is not valid UTF-8, CP949 (EUC-KR) or UTF-16; "
            "open it in the word processor and save it again as UTF-8 text.",
        )
    score, codec, text = max(candidates, key=lambda c: c[0])
    if score < 0.5:
        raise CardexError(
            "decode_error",
            "The text decodes only to unreadable characters in every known encoding "
            f"(best guess {codec}); check that it is a text export, not a binary file.",
        )
    return text, codec


def _candidate_codecs(data: bytes) -> list[str]:
    codecs = ["utf-8", "cp949"]
    if len(data) % 2 == 0 and data:
        le, be = _utf16_line_evidence(data)
        # The tab/CR/LF code units say which half of each pair is the high
        # byte even when Hangul-only text has no NUL bytes elsewhere.
        if le > be:
            codecs.append("utf-16-le")
        elif be > le:
            codecs.append("utf-16-be")
        elif le == be == 0 and b"\x00" not in data:
            codecs += ["utf-16-le", "utf-16-be"]
    return codecs


def _utf16_line_evidence(data: bytes) -> tuple[int, int]:
    le = be = 0
    view = memoryview(data)
    for i in range(0, len(view) - 1, 2):
        lo, hi = view[i], view[i + 1]
        if hi == 0 and lo in _LINE_UNITS:
            le += 1
        elif lo == 0 and hi in _LINE_UNITS:
            be += 1
    return le, be


def _plausibility(text: str) -> float:
    """Share of characters that real Korean office text is made of."""
    if not text:
        return 1.0
    good = 0.0
    for ch in text:
        cp = ord(ch)
        if ch in "\t\r\n" or 0x20 <= cp < 0x7F:
            good += 1
        elif 0xAC00 <= cp <= 0xD7A3:  # Hangul syllables
            good += 1.5
        elif cp < 0x20 or 0x7F <= cp <= 0x9F:  # C0/C1 controls
            good -= 4
        elif 0xA0 <= cp <= 0x24F:  # Latin-1 supplement / Latin extended
            good += 0.5 if ch in _FAIR_LATIN else -2
        elif 0x3000 <= cp <= 0x33FF or 0x2000 <= cp <= 0x2BFF or 0xFF00 <= cp <= 0xFFEF:
            good += 1  # CJK punctuation, symbols, bullets, full-width forms
        elif 0x3130 <= cp <= 0x318F or 0x1100 <= cp <= 0x11FF:  # Hangul jamo
            good += 0.5
        elif 0x4E00 <= cp <= 0x9FFF:  # Hanja: real (現在) but also what wrong UTF-16 gives
            good += 0.2
        elif unicodedata.category(ch) in ("Co", "Cn", "Cs"):
            good -= 4
        else:
            good -= 0.5
    return good / len(text)


_NEWLINE = re.compile(r"\r\n|\r|\n")
_TRAILING_BLANK = " \t\u3000"


def parse_text(text: str, encoding: str | None) -> Document:
    """Runs of lines holding a tab become one table; other lines paragraphs.

    Linear in the text: each line is looked at once, and cells are counted
    as they are made, so a hostile file is refused (too_large) before it
    can fill the memory.
    """
    if "\x00" in text:
        raise CardexError(
            "unsupported_format",
            "The file holds binary data, not text; submit the card as TSV, PDF, HWP or HWPX.",
        )
    blocks: list = []
    table_lines: list[tuple[int, str]] = []
    counts = {"tables": 0, "cells": 0}

    def flush() -> None:
        if table_lines:
            table = _make_table(table_lines, counts["tables"])
            counts["tables"] += 1
            counts["cells"] += len(table.cells)
            check_size(blocks, counts["cells"])
            blocks.append(table)
            table_lines.clear()

    for number, line in enumerate(_NEWLINE.split(text), start=1):
        if "\t" in line:
            table_lines.append((number, line))
            continue
        flush()
        stripped = line.rstrip()
        if not stripped:
            continue
        indent = len(stripped) - len(stripped.lstrip())
        blocks.append(Paragraph(stripped.strip(), float(indent), Provenance(line=number)))
        if len(blocks) > MAX_BLOCKS:
            check_size(blocks, counts["cells"])
    flush()
    return Document(blocks=blocks, format="tsv", encoding=encoding)


def _make_table(lines: list[tuple[int, str]], table_index: int) -> Table:
    """Cells as written; empty cells after a row's last filled one carry nothing and are dropped
    (a line of a million tabs is one empty row, not a million cells)."""
    cells = []
    n_cols = 0
    for r, (number, line) in enumerate(lines):
        values = line.rstrip(_TRAILING_BLANK).split("\t")
        if len(values) > MAX_TABLE_EXTENT:
            raise CardexError(
                "too_large",
                f"Line {number} holds {len(values):,} filled tab-separated cells, more than any table has "
                f"({MAX_TABLE_EXTENT:,} at most); the file is damaged or not a card export.",
            )
        if len(cells) + len(values) > MAX_CELLS:
            check_size([], len(cells) + len(values))
        # a tab-separated line is at least two cells wide, even when the last ones are empty
        n_cols = max(n_cols, len(values) + (1 if len(line) > len(line.rstrip(_TRAILING_BLANK)) else 0))
        for c, value in enumerate(values):
            prov = Provenance(line=number, table=table_index, row=r, col=c)
            cell = Cell(row=r, col=c, prov=prov)
            value = value.strip()
            if value:
                cell.blocks.append(Paragraph(value, 0.0, prov))
            cells.append(cell)
    first = lines[0][0]
    return Table(cells=cells, n_rows=len(lines), n_cols=n_cols, prov=Provenance(line=first, table=table_index))
