"""Render a flow as HWP 5.0 with an independent writer: hwp-converter-ai (MIT).

cardex's reader is never run backwards to make its own test input: this
writer builds the OLE container, records and merged cells from its own IR,
and every file it writes is read back by pyhwp before it is kept.
"""

from __future__ import annotations

from pathlib import Path

from .flow import Grid, PageBreak, Para

INDENT = "  "  # leading spaces per level, as typists indent in Hangul


def write(flow: list, path: Path) -> None:
    from hwp_converter_ai import BlockNode, BlockType, DocumentIR, HwpWriter, InlineNode, InlineType

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
    HwpWriter().from_ir(DocumentIR(blocks=blocks), path)
