"""Bounded decompression: the one place a reader turns compressed bytes into more bytes.

A hostile file's few kilobytes can inflate to gigabytes. Every reader that
decompresses (HWP's raw-deflate streams, PDF's Flate streams, HWPX's zip
members) draws from one `Budget` per document, sized by the file: at least
`minimum` bytes, else `ratio` times the file's size, all streams together.
Past it the document is refused as `too_large` with the reader's own
sentence; zlib is never asked for more than the budget has left.
"""

from __future__ import annotations

import zlib

from parsers.errors import CardexError

CHUNK = 4096  # a lenient inflate feeds zlib this much at a time


class Budget:
    """The decompressed bytes one document may still produce. `refusal` is the sentence the
    document is refused with; `{name}` in it stands for the stream that went past."""

    def __init__(self, file_size: int, *, ratio: int, minimum: int, refusal: str) -> None:
        self.ratio, self.minimum, self.refusal = ratio, minimum, refusal
        self.left = 0
        self.reset(file_size)

    def reset(self, file_size: int) -> None:
        self.left = max(self.minimum, self.ratio * file_size)

    def take(self, produced: int, name: str = "") -> None:
        self.left -= produced
        if self.left < 0:
            raise CardexError("too_large", self.refusal.format(name=name))

    def refuse(self, name: str = "") -> None:
        """Spend the rest and refuse: a stream asked for more than the budget holds."""
        self.take(self.left + 1, name)


def inflate(data: bytes, budget: Budget, name: str, *, raw: bool = False) -> bytes:
    """One whole stream (zlib, or raw deflate with `raw`); a stream that does not decompress
    is `corrupt`, one that inflates past the budget `too_large`."""
    engine = zlib.decompressobj(-15 if raw else 15)
    try:
        out = engine.decompress(data, budget.left + 1)
    except zlib.error as exc:
        raise CardexError("corrupt", f"The stream {name} does not decompress ({exc}); the file is damaged.") from None
    if len(out) > budget.left or engine.unconsumed_tail:
        budget.refuse(name)
    budget.take(len(out), name)
    return out


def inflate_lenient(data: bytes, budget: Budget) -> bytes:
    """A zlib stream cut short or with a bad checksum yields what it held (as PDF readers do).

    pdfminer's own fallback feeds zlib one byte at a time into a growing bytes
    object (quadratic); here it is chunks of CHUNK bytes, and only the chunk
    where zlib fails is fed again byte by byte, from a copy of the decoder
    taken before it."""
    engine = zlib.decompressobj()
    parts: list[bytes] = []
    produced = 0
    for start in range(0, len(data), CHUNK):
        chunk = data[start : start + CHUNK]
        saved = engine.copy()
        try:
            out = engine.decompress(chunk, budget.left + 1 - produced)
        except zlib.error:
            engine = saved
            for i in range(len(chunk)):
                try:
                    out = engine.decompress(chunk[i : i + 1], budget.left + 1 - produced)
                except zlib.error:
                    break
                parts.append(out)
                produced += len(out)
            break
        parts.append(out)
        produced += len(out)
        if produced > budget.left or engine.unconsumed_tail:
            budget.refuse()
        if engine.eof:
            break
    budget.take(produced)
    return b"".join(parts)
