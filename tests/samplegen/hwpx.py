"""Render a flow as HWPX with an independent writer: hwp-converter-ai's HwpxGenerator (MIT).

Read back with plain zipfile + ElementTree (not cardex's reader) before the
file is kept.
"""

from __future__ import annotations

from pathlib import Path

from .flow import Grid, PageBreak, Para

INDENT = "  "


def write(flow: list, path: Path) -> None:
    from hwp_converter_ai import BlockNode, BlockType, DocumentIR, HwpxGenerator, InlineNode, InlineType

    blocks = []
    for part in flow:
        if isinstance(part, Para):
            text = INDENT * part.level + part.text
            blocks.append(BlockNode(BlockType.PARAGRAPH, children=[InlineNode(InlineType.TEXT, text)]))
        elif isinstance(part, Grid):
            meta = {"cells": [dict(c) for c in part.cells], "n_rows": part.n_rows, "n_cols": part.n_cols}
            blocks.append(BlockNode(BlockType.TABLE, metadata=meta))
        elif isinstance(part, PageBreak):
            blocks.append(BlockNode(BlockType.PAGE_BREAK))
    HwpxGenerator().from_ir(DocumentIR(blocks=blocks), output_path=path)
    _fix_timestamps(path)


def _fix_timestamps(path: Path) -> None:
    """Same bytes on every run: the writer stamps zip entries with the current time."""
    import zipfile

    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 6, 30, 0, 0, 0))
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, data)
