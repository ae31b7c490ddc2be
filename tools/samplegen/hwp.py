"""Render a flow as HWP 5.0 with an independent writer: hwp-converter-ai (MIT).

cardex's reader is never run backwards to make its own test input: this
writer builds the OLE container, records and merged cells from its own IR,
and every file it writes is read back by pyhwp before it is kept.
"""

from __future__ import annotations

from pathlib import Path

from tools.samplegen.flow import to_ir


def write(flow: list, path: Path) -> None:
    from hwp_converter_ai import HwpWriter

    HwpWriter().from_ir(to_ir(flow), path)
