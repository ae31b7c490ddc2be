"""Python's cyclic garbage collector, paced for a batch.

Reading allocates millions of short-lived objects (glyphs, cells, rows), and
reference counting frees nearly all of them; the cyclic collector only has
the few cycles a file leaves behind (pdfminer's objects, exceptions and
their frames: some 45 objects per file). With Python's default thresholds it
ran about 3,500 times per 1,500 files of the sample mix, 4% of the reading
processes' time and as much of the writing one's. Collecting every
`GEN0_ALLOCATIONS` allocations instead costs almost nothing and keeps the
same memory within a few MiB (measured on the same files: 59 against 62 MiB
at most). The thresholds are counted in allocations, so the garbage waiting
for a collection stays bounded whatever the input.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

GEN0_ALLOCATIONS = 10_000  # Python's default is 700
GEN1_COLLECTIONS = 50  # young collections before a middle one (default 10)
GEN2_COLLECTIONS = 50  # middle collections before a full one (default 10)


def pace_reader() -> None:
    """In a reading child, once cardex is imported: what is loaded now lives as long as the
    process, so it is set aside (`gc.freeze`) and never traversed again, and collections are paced."""
    gc.freeze()
    gc.set_threshold(GEN0_ALLOCATIONS, GEN1_COLLECTIONS, GEN2_COLLECTIONS)


@contextlib.contextmanager
def paced() -> Iterator[None]:
    """Collections paced while the block runs (the process that merges and writes the tables),
    Python's own thresholds back afterwards; nothing the caller holds is frozen."""
    before = gc.get_threshold()
    gc.set_threshold(GEN0_ALLOCATIONS, GEN1_COLLECTIONS, GEN2_COLLECTIONS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
