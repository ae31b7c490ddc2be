"""Hostile HWP inputs for the reader's bounds, written by a minimal CFB writer.

This is a writer of the published Compound File format, not cardex's reader
run backwards: it lays out FAT, directory and stream sectors itself. Every
stream is made at least 4096 bytes so no mini stream is needed. pyhwp's
parser is the independent check that the valid ones are real HWP files.
`make samples` writes them to tests/fixtures/hwp/; tests only read them.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "hwp"
SECTOR = 512
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)  # name length, type, colour black
        + struct.pack("<III", left, right, child)
        + b"\0" * 16  # CLSID
        + struct.pack("<I", 0)  # state bits
        + b"\0" * 16  # times
        + struct.pack("<III", start, size, 0)
    )


def build_cfb(file_header: bytes, section0: bytes, *, loop: bool = False, lie_size: int | None = None) -> bytes:
    """Root -> FileHeader, BodyText/Section0, each stream in regular sectors."""
    streams = [file_header.ljust(4096, b"\0"), section0.ljust(4096, b"\0")]
    counts = [(len(s) + SECTOR - 1) // SECTOR for s in streams]
    n_data = sum(counts) + 1  # + one directory sector
    n_fat = 1
    while n_fat * (SECTOR // 4) < n_fat + n_data:
        n_fat += 1
    fat = [FATSECT] * n_fat
    dir_sector = len(fat)
    fat.append(END)
    starts = []
    for count in counts:
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [END]
    if loop:  # Section0's fourth sector points back to its first
        fat[starts[1] + 3] = starts[1]
    fat += [FREE] * (n_fat * (SECTOR // 4) - len(fat))
    sizes = [len(s) for s in streams]
    if lie_size is not None:
        sizes[1] = lie_size
    directory = b"".join([
        _entry("Root Entry", 5, NOSTREAM, NOSTREAM, 1, END, 0),
        _entry("FileHeader", 2, 2, NOSTREAM, NOSTREAM, starts[0], sizes[0]),
        _entry("BodyText", 1, NOSTREAM, NOSTREAM, 3, 0, 0),
        _entry("Section0", 2, NOSTREAM, NOSTREAM, NOSTREAM, starts[1], sizes[1]),
    ])  # fmt: skip
    difat = list(range(n_fat)) + [FREE] * (109 - n_fat)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, n_fat, dir_sector, 0, 4096, END, 0, END, 0)
        + struct.pack("<109I", *difat)
    )
    body = struct.pack(f"<{len(fat)}I", *fat) + directory
    for stream, count in zip(streams, counts):
        body += stream.ljust(count * SECTOR, b"\0")
    return header + body


def file_header(flags: int = 1) -> bytes:
    return (b"HWP Document File".ljust(32, b"\0") + struct.pack("<II", 0x05000300, flags)).ljust(256, b"\0")


def record(tag: int, level: int, payload: bytes) -> bytes:
    if len(payload) < 0xFFF:
        return struct.pack("<I", tag | level << 10 | len(payload) << 20) + payload
    return struct.pack("<I", tag | level << 10 | 0xFFF << 20) + struct.pack("<I", len(payload)) + payload


def paragraph(text: str) -> bytes:
    units = (text + "\r").encode("utf-16-le")
    header = struct.pack("<IIHBB", len(units) // 2, 0, 0, 0, 0) + b"\0" * 10
    return record(66, 0, header) + record(67, 1, units)


def raw_deflate(data: bytes) -> bytes:
    engine = zlib.compressobj(9, zlib.DEFLATED, -15)
    return engine.compress(data) + engine.flush()


def write_all() -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    body = paragraph("구청장 공약사항 관리카드") + paragraph("정상 문서입니다.")
    (FIXTURES / "minimal.hwp").write_bytes(build_cfb(file_header(), raw_deflate(body)))
    # 256 MiB of paragraph records squeezed into ~250 KB: a zlib bomb in BodyText/Section0.
    engine = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = paragraph("가" * 1000) * 64
    chunks = [engine.compress(block) for _ in range((256 << 20) // len(block))] + [engine.flush()]
    (FIXTURES / "zlib-bomb.hwp").write_bytes(build_cfb(file_header(), b"".join(chunks)))
    # A sector chain that loops back on itself (olefile's default mode would read on).
    (FIXTURES / "sector-loop.hwp").write_bytes(build_cfb(file_header(), raw_deflate(body) * 20, loop=True))
    # A stream that declares 2 GB in a small file.
    (FIXTURES / "stream-size-lie.hwp").write_bytes(build_cfb(file_header(), raw_deflate(body), lie_size=0x7FFFFFF0))
    # A record that claims more bytes than its stream holds.
    lying = struct.pack("<I", 66 | 0xFFF << 20) + struct.pack("<I", 0x7FFFFFFF) + b"\0" * 16
    (FIXTURES / "record-overrun.hwp").write_bytes(build_cfb(file_header(), raw_deflate(body + lying)))
    # Password and DRM flags in an otherwise valid file.
    (FIXTURES / "password-flag.hwp").write_bytes(build_cfb(file_header(1 | 2), raw_deflate(body)))
    (FIXTURES / "drm-flag.hwp").write_bytes(build_cfb(file_header(1 | 0x10), raw_deflate(body)))
