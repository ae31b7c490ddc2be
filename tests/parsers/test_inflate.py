"""Bounded decompression: one budget per document, a lenient mode that does bounded work."""

from __future__ import annotations

import zlib

import pytest

from parsers import inflate
from parsers.errors import CardexError


def _budget(file_size: int, ratio: int = 10, minimum: int = 0) -> inflate.Budget:
    return inflate.Budget(file_size, ratio=ratio, minimum=minimum, refusal="{name} is a bomb")


def test_a_stream_within_the_budget_inflates_and_spends_it():
    data = b"pledge card " * 100
    budget = _budget(1000)
    assert inflate.inflate(zlib.compress(data), budget, "Section0") == data
    assert budget.left == 10_000 - len(data)


def test_raw_deflate_as_hwp_stores_its_streams():
    engine = zlib.compressobj(wbits=-15)
    raw = engine.compress(b"abc" * 50) + engine.flush()
    assert inflate.inflate(raw, _budget(100), "BodyText/Section0", raw=True) == b"abc" * 50


def test_one_budget_for_all_streams_of_a_document():
    budget = _budget(100)  # 1,000 bytes for the whole document
    inflate.inflate(zlib.compress(b"x" * 600), budget, "first")
    with pytest.raises(CardexError) as caught:
        inflate.inflate(zlib.compress(b"x" * 600), budget, "second")
    assert (caught.value.code, caught.value.message) == ("too_large", "second is a bomb")


def test_a_stream_that_does_not_decompress_is_corrupt():
    with pytest.raises(CardexError) as caught:
        inflate.inflate(b"not deflate at all", _budget(100), "DocInfo")
    assert caught.value.code == "corrupt" and "DocInfo" in caught.value.message


def test_lenient_inflate_keeps_what_a_damaged_stream_held():
    text = bytes(range(256)) * 200
    damaged = zlib.compress(text)[:-4] + b"\0\0\0\0"  # bad checksum
    assert inflate.inflate_lenient(damaged, _budget(len(damaged), ratio=200)) == text
    truncated = zlib.compress(text)[: len(zlib.compress(text)) // 2]
    assert text.startswith(inflate.inflate_lenient(truncated, _budget(100, ratio=10_000)))


def test_lenient_inflate_feeds_zlib_byte_by_byte_only_in_the_chunk_that_fails(monkeypatch):
    """pdfminer's own repair fed every byte separately into a growing bytes object (a 20 KB
    stream took 40 s). The work is counted, not timed: one call per chunk, plus at most one
    chunk's bytes one by one."""
    calls = []

    class Counting:
        def __init__(self, engine):
            self.engine = engine

        def decompress(self, data, max_length=0):
            calls.append(len(data))
            return self.engine.decompress(data, max_length)

        def copy(self):
            return Counting(self.engine.copy())

        @property
        def eof(self):
            return self.engine.eof

        @property
        def unconsumed_tail(self):
            return self.engine.unconsumed_tail

    class CountingZlib:
        error = zlib.error

        @staticmethod
        def decompressobj(*args):
            return Counting(zlib.decompressobj(*args))

    payload = zlib.compress(bytes(range(256)) * 20000)
    broken = payload[:-4] + b"\0\0\0\0"
    monkeypatch.setattr(inflate, "zlib", CountingZlib)
    assert inflate.inflate_lenient(broken, _budget(len(broken), minimum=64 << 20)) == bytes(range(256)) * 20000
    chunks = -(-len(broken) // inflate.CHUNK)
    assert len(calls) <= chunks + inflate.CHUNK
    assert sum(1 for n in calls if n == 1) <= inflate.CHUNK
