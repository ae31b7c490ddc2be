"""Compound File Binary (OLE2) containers, opened defensively.

HWP 5.0 files are OLE compound files. olefile trusts the header's numbers:
in its default mode a 2 KB file whose sector chain loops makes it read
4 GiB. So the 512-byte header is checked here first, olefile is opened in
strict mode, and every stream is read through `read_stream`, which refuses
a stream that declares more bytes than the whole file holds.
"""

from __future__ import annotations

import struct
from pathlib import Path

import olefile

from parsers.errors import CardexError

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_SIZE = 512


def check_header(head: bytes, file_size: int) -> None:
    """Raise `corrupt` unless these are the first 512 bytes of a sane CFB file."""
    if len(head) < HEADER_SIZE or not head.startswith(MAGIC):
        raise CardexError(
            "corrupt", "The file is not a complete HWP/OLE document (its header is missing or cut short)."
        )
    _minor, major, byte_order, sector_shift, mini_shift = struct.unpack_from("<HHHHH", head, 24)
    n_dir, n_fat, first_dir, _, cutoff, _, n_minifat, _, n_difat = struct.unpack_from("<IIIIIIIII", head, 40)
    problems = []
    if byte_order != 0xFFFE:
        problems.append("byte order mark")
    if (major, sector_shift) not in ((3, 9), (4, 12)):
        problems.append(f"version {major} with sector size 2^{sector_shift}")
    if mini_shift != 6 or cutoff != 4096:
        problems.append("mini-stream parameters")
    sector = 1 << sector_shift if sector_shift in (9, 12) else 512
    max_sectors = max(file_size // sector, 1)
    if n_fat > max_sectors or n_minifat > max_sectors or n_difat > max_sectors or (major == 3 and n_dir != 0):
        problems.append("sector counts larger than the file")
    if first_dir != 0xFFFFFFFE and first_dir >= max_sectors:
        problems.append("directory outside the file")
    if problems:
        raise CardexError(
            "corrupt",
            f"The document's container header is damaged ({', '.join(problems)}); open it in Hangul and save it again.",
        )


class Container:
    """An opened compound file whose streams are read with size checks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file_size = path.stat().st_size
        with open(path, "rb") as fh:
            check_header(fh.read(HEADER_SIZE), self.file_size)
        try:
            self.ole = olefile.OleFileIO(str(path), raise_defects=olefile.DEFECT_INCORRECT)
        except Exception as exc:  # olefile raises plain IOError/OSError/struct.error on damage
            raise CardexError(
                "corrupt", f"The document's container is damaged ({exc}); open it in Hangul and save it again."
            ) from None

    def __enter__(self) -> Container:
        return self

    def __exit__(self, *exc: object) -> None:
        self.ole.close()

    def names(self) -> list[str]:
        return ["/".join(parts) for parts in self.ole.listdir(streams=True, storages=False)]

    def exists(self, name: str) -> bool:
        return bool(self.ole.exists(name))

    def read_stream(self, name: str) -> bytes:
        """The stream's bytes; refuses sizes the file cannot hold."""
        try:
            size = self.ole.get_size(name)
            if size > self.file_size:
                raise CardexError(
                    "corrupt",
                    f"The stream {name} declares {size:,} bytes in a file of {self.file_size:,}; the file is damaged.",
                )
            self._check_chain(name, size)
            with self.ole.openstream(name) as stream:
                data = stream.read(size)
        except CardexError:
            raise
        except Exception as exc:
            raise CardexError("corrupt", f"The stream {name} cannot be read ({exc}); the file is damaged.") from None
        if len(data) != size:
            raise CardexError("corrupt", f"The stream {name} is cut short; the file is damaged or truncated.")
        return data

    def _check_chain(self, name: str, size: int) -> None:
        """Walk the stream's sector chain once: no loop, no sector outside the table, long enough."""
        entry = self.ole.direntries[self.ole._find(name)]
        if size < self.ole.minisectorcutoff:
            if self.ole.minifat is None:
                self.ole.loadminifat()
            table, unit = self.ole.minifat, self.ole.minisectorsize
        else:
            table, unit = self.ole.fat, self.ole.sectorsize
        needed = (size + unit - 1) // unit
        sector, seen = entry.isectStart, 0
        visited: set[int] = set()
        while seen < needed:
            if sector >= len(table) or sector in visited:
                raise CardexError(
                    "corrupt", f"The stream {name} has a broken sector chain (a loop or a sector outside the file)."
                )
            visited.add(sector)
            seen += 1
            sector = table[sector]
