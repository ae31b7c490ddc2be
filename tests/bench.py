"""`make bench`: throughput of the whole pipeline on the samples.

Not a test: figures vary with the machine. The samples are copied N times
into a temporary folder so the run is long enough to time; the reference
in the same run is a plain read-and-decode of the same bytes, so the ratio
says what the card logic costs on top of just touching the files.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from extract import read_folder
from parsers.text import decode

ROOT = Path(__file__).resolve().parents[1]


def main(copies: int = 40) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(copies):
            shutil.copytree(ROOT / "samples", folder / f"copy{i:03d}")
        paths = sorted(p for p in folder.rglob("*") if p.is_file())

        start = time.perf_counter()
        for path in paths:
            decode(path.read_bytes())
        reference = time.perf_counter() - start

        start = time.perf_counter()
        tables = read_folder(folder)
        elapsed = time.perf_counter() - start

    cards = len(tables.cards)
    print(f"bench: {len(paths)} files, {cards} cards, {len(tables.budget)} budget cells, {len(tables.items)} items")
    print(f"bench: pipeline {elapsed:.2f} s = {cards / elapsed:,.0f} cards/s, {len(paths) / elapsed:,.0f} files/s")
    print(f"bench: reference (read + decode only) {reference:.3f} s; pipeline/reference = {elapsed / reference:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:])))
