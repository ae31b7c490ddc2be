"""Render a flow as HWPX with an independent writer: hwp-converter-ai's HwpxGenerator (MIT).

Read back with plain zipfile + ElementTree (not cardex's reader) before the
file is kept.
"""

from __future__ import annotations

from pathlib import Path

from tools.samplegen.flow import to_ir


def write(flow: list, path: Path) -> None:
    from hwp_converter_ai import HwpxGenerator

    HwpxGenerator().from_ir(to_ir(flow), output_path=path)
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
