"""`make bench-pairs`: how much of a Hangul document's tables survive Hangul's own PDF export.

Every folder of ../shared/corpus/hancom holds `source.hwp` or `source.hwpx`
as saved by Hangul and `export-YEAR.pdf`, the PDF Hangul exported from it.
The source is read by cardex's HWP/HWPX reader (whose tables agree with
pyhwp, hwplib, rhwp and hwpxlib), so it is the oracle for the PDF reader:

  - cells:  share of the source's non-empty table cells whose text, with all
            whitespace removed, is the text of some PDF table cell;
  - spaced: the same with inner spacing kept (runs of whitespace as one space);
  - grids:  share of the source's tables for which the PDF has a table of
            the same rows x columns.

A cell's text here is its own paragraphs, not those of a table nested in
it: the nested table is scored as a table of its own, in both formats.
Sources the HWP reader refuses (HWP 3.0) and exports without a text layer
(charts drawn as vectors) are listed apart, with their reason.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from parsers import CardexError, Table, read_document
from tools.paths import ROOT

CORPUS = ROOT.parent / "shared" / "corpus" / "hancom"


@dataclass
class PairScore:
    name: str
    pdf: str
    cells: int = 0  # non-empty source cells
    found: int = 0  # ... found as a PDF cell, whitespace removed
    spaced: int = 0  # ... found with inner spacing kept
    tables: int = 0  # source tables
    grids: int = 0  # ... with a PDF table of the same shape
    pdf_tables: int = 0


def tables_of(blocks) -> list[Table]:
    """Every table, nested ones included, in reading order."""
    found: list[Table] = []
    for block in blocks:
        if isinstance(block, Table):
            found.append(block)
            for cell in block.cells:
                found.extend(tables_of(cell.blocks))
    return found


def own_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def score_pair(source: Path, pdf: Path) -> PairScore:
    """Raises CardexError where either side cannot be read at all."""
    src_tables = tables_of(read_document(source).blocks)
    pdf_tables = tables_of(read_document(pdf).blocks)
    squeezed = {squeeze(own_text(c)) for t in pdf_tables for c in t.cells}
    kept = {spaced(own_text(c)) for t in pdf_tables for c in t.cells}
    shapes = Counter((t.n_rows, t.n_cols) for t in pdf_tables)
    score = PairScore(name=source.parent.name, pdf=pdf.name, tables=len(src_tables), pdf_tables=len(pdf_tables))
    for table in src_tables:
        if shapes[(table.n_rows, table.n_cols)] > 0:
            shapes[(table.n_rows, table.n_cols)] -= 1
            score.grids += 1
        for cell in table.cells:
            text = own_text(cell)
            if not squeeze(text):
                continue
            score.cells += 1
            score.found += squeeze(text) in squeezed
            score.spaced += spaced(text) in kept
    return score


def pairs(corpus: Path = CORPUS) -> list[tuple[Path, Path]]:
    found = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        sources = sorted(folder.glob("source.*"))
        for pdf in sorted(folder.glob("export-*.pdf")):
            if sources:
                found.append((sources[0], pdf))
    return found


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    - "


def main(argv: list[str]) -> int:
    folders = [a for a in argv if not a.startswith("-")]
    corpus = Path(folders[0]) if folders else CORPUS
    if not corpus.is_dir():
        print(f"pairs: {corpus} not found; skipped")
        return 0
    verbose = "-v" in argv
    scores: list[PairScore] = []
    apart: list[tuple[str, str]] = []
    start = time.perf_counter()
    for source, pdf in pairs(corpus):
        label = f"{source.parent.name}/{pdf.name}"
        try:
            score = score_pair(source, pdf)
        except CardexError as exc:
            apart.append((label, f"{exc.code}: {exc.message}"))
            continue
        if score.tables == 0:
            apart.append((label, "the source has no table"))
            continue
        scores.append(score)
        if verbose:
            print(f"pair  {_pct(score.found, score.cells)} cells {_pct(score.spaced, score.cells)} spaced "
                  f"{score.grids:3d}/{score.tables:<3d} grids ({score.pdf_tables} PDF tables)  {label}")  # fmt: skip
    elapsed = time.perf_counter() - start
    for label, why in apart:
        print(f"apart {label}: {why}")
    cells = sum(s.cells for s in scores)
    no_table = sum(1 for s in scores if s.pdf_tables == 0)
    print(f"pairs: {len(scores)} pairs scored, {len(apart)} listed apart, in {elapsed:.1f} s: "
          f"cells {_pct(sum(s.found for s in scores), cells).strip()}, "
          f"spaced {_pct(sum(s.spaced for s in scores), cells).strip()}, "
          f"grids {_pct(sum(s.grids for s in scores), sum(s.tables for s in scores)).strip()} "
          f"({cells:,} source cells, {sum(s.tables for s in scores):,} source tables; "
          f"{no_table} PDFs give no table)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
