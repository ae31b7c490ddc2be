"""Zip packages opened as untrusted input.

HWPX is a zip. Python's zipfile trusts the central directory, and the
Python on these machines (3.11.7) predates its check for overlapping
entries, so a 98 KB zip whose entries all point at the same compressed data
inflates to a gigabyte. Here the central directory is checked before any
member is read: entry count, declared sizes against a budget set by the
file's size, every entry's data inside the file, and no two entries
sharing bytes. Members are then read in bounded chunks, so a size that lies
is caught as soon as it is exceeded.
"""

from __future__ import annotations

import itertools
import struct
import zipfile
from pathlib import Path

from parsers.errors import CardexError
from parsers.inflate import Budget

MAX_ENTRIES = 10_000
MIN_BUDGET = 32 * 1024 * 1024
RATIO_BUDGET = 50  # declared uncompressed bytes allowed per byte of file
CHUNK = 1 << 16
LOCAL_HEADER = struct.Struct("<4s22xHH")
SUPPORTED_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}  # all that Hangul writes


class SafeZip:
    def __init__(self, path: Path) -> None:
        self.size = path.stat().st_size
        # members past their declared size are refused before the budget, which bounds the rest
        self.budget = Budget(
            self.size, ratio=RATIO_BUDGET, minimum=MIN_BUDGET, refusal="The package inflates past its budget."
        )
        try:
            self.zf = zipfile.ZipFile(path)
            infos = self.zf.infolist()
        except NotImplementedError as exc:  # a zip feature Python lacks: version needed, compression method
            raise CardexError(
                "unsupported_format",
                f"The package uses a zip feature cardex cannot read ({exc}); open it in Hangul and save it again "
                "as HWPX, which writes plain zip.",
            ) from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error) as exc:
            raise CardexError(
                "corrupt", f"The package is not a readable zip file ({exc}); the file is damaged."
            ) from None
        if len(infos) > MAX_ENTRIES:
            raise CardexError("too_large", f"The package lists {len(infos):,} entries; it was refused as hostile.")
        self._check(path, infos)
        self.names = {info.filename for info in infos if _safe_name(info.filename)}

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zf.close()

    def _check(self, path: Path, infos: list[zipfile.ZipInfo]) -> None:
        spans = []
        declared = 0
        with open(path, "rb") as fh:
            for info in infos:
                if info.compress_type not in SUPPORTED_METHODS:
                    raise CardexError(
                        "unsupported_format",
                        f"The package entry {info.filename!r} uses zip compression method {info.compress_type}, "
                        "which HWPX never uses; open the document in Hangul and save it again as HWPX.",
                    )
                if info.flag_bits & 0x1:
                    raise CardexError(
                        "encrypted",
                        "The package is encrypted with a password; save a copy without the password and resubmit.",
                    )
                fh.seek(info.header_offset)
                head = fh.read(LOCAL_HEADER.size)
                if len(head) < LOCAL_HEADER.size or head[:4] != b"PK\x03\x04":
                    raise CardexError(
                        "corrupt", f"The package entry {info.filename!r} is missing; the file is damaged."
                    )
                _, name_len, extra_len = LOCAL_HEADER.unpack(head)
                start = info.header_offset
                end = start + LOCAL_HEADER.size + name_len + extra_len + info.compress_size
                if end > self.size:
                    raise CardexError("corrupt", f"The package entry {info.filename!r} runs past the end of the file.")
                spans.append((start, end))
                declared += info.file_size
        if declared > self.budget.left:
            raise CardexError(
                "too_large",
                f"The package declares {declared:,} bytes uncompressed from a {self.size:,}-byte file; "
                "it was refused as a zip bomb.",
            )
        spans.sort()
        for (_, prev_end), (start, _) in itertools.pairwise(spans):
            if start < prev_end:
                raise CardexError(
                    "too_large",
                    "The package's entries overlap (several entries share the same compressed data, "
                    "the shape of a zip bomb); it was refused.",
                )

    def read(self, name: str) -> bytes:
        """A member's bytes, never more than it declared nor than the budget."""
        info = self.zf.getinfo(name)
        limit = min(info.file_size, self.budget.left)
        chunks, got = [], 0
        try:
            with self.zf.open(info) as member:
                while True:
                    chunk = member.read(min(CHUNK, limit + 1 - got))
                    if not chunk:
                        break
                    got += len(chunk)
                    if got > limit:
                        raise CardexError("too_large", f"The package entry {name!r} inflates past its declared size.")
                    chunks.append(chunk)
                    self.budget.take(len(chunk))
        except CardexError:
            raise
        except Exception as exc:  # bad CRC, bad deflate data, unsupported compression
            raise CardexError("corrupt", f"The package entry {name!r} cannot be read ({exc}).") from None
        return b"".join(chunks)


def _safe_name(name: str) -> bool:
    """Entries with absolute paths or `..` are ignored, never looked up."""
    parts = name.replace("\\", "/").split("/")
    return not name.startswith(("/", "\\")) and ".." not in parts and ":" not in parts[0]
