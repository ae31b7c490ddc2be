"""`make bench-pairs`: how much of a Hangul document's tables survive Hangul's own PDF export.

Every folder of ../shared/corpus/hancom holds `source.hwp` or `source.hwpx`
as saved by Hangul and `export-YEAR.pdf`, the PDF Hangul exported from it.
The source is read by cardex's HWP/HWPX reader (whose tables agree with
pyhwp, hwplib, rhwp and hwpxlib), so it is the oracle for the PDF reader:

  - cells:  share of the source's non-empty table cells whose text, with all
            whitespace removed, is the text of some PDF table cell;
  - spaced: the same with inner spacing kept (runs of whitespace as one space);
  - grids:  share of the source's tables for which the PDF has a table of
            the same rows x columns (each PDF table counted once);
  - one-to-one grids: share of the source's tables matched each to a PDF
            table of its own with the same rows x columns and at least half
            of the source table's cell texts among its cells;
  - precision: share of the PDF's non-empty cells whose text, whitespace
            removed, is some source cell's text (a reader that invents
            tables from paragraphs loses here).

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


@dataclass(frozen=True)
class Grid:
    """What the scores look at in a table, whoever read it: its shape and its cells' own text."""

    n_rows: int
    n_cols: int
    texts: tuple[str, ...]


@dataclass
class PairScore:
    name: str
    pdf: str
    cells: int = 0  # non-empty source cells
    found: int = 0  # ... found as a PDF cell, whitespace removed
    spaced: int = 0  # ... found with inner spacing kept
    tables: int = 0  # source tables
    grids: int = 0  # ... with a PDF table of the same shape
    one_to_one: int = 0  # ... matched to a PDF table of their own, same shape and mostly the same text
    pdf_tables: int = 0
    pdf_cells: int = 0  # non-empty PDF cells
    real: int = 0  # ... whose text, whitespace removed, is some source cell's


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


def grids_of(path: Path) -> list[Grid]:
    """cardex's tables of a document as grids; raises CardexError where it cannot be read."""
    return [
        Grid(t.n_rows, t.n_cols, tuple(own_text(c) for c in t.cells)) for t in tables_of(read_document(path).blocks)
    ]


def score(name: str, pdf_name: str, source: list[Grid], pdf: list[Grid]) -> PairScore:
    """The source's tables against the PDF's, read by any reader."""
    squeezed = {squeeze(t) for g in pdf for t in g.texts}
    kept = {spaced(t) for g in pdf for t in g.texts}
    shapes = Counter((g.n_rows, g.n_cols) for g in pdf)
    result = PairScore(name=name, pdf=pdf_name, tables=len(source), pdf_tables=len(pdf))
    free = list(range(len(pdf)))
    pdf_sets = [{squeeze(t) for t in g.texts if squeeze(t)} for g in pdf]
    for table in source:
        if shapes[(table.n_rows, table.n_cols)] > 0:
            shapes[(table.n_rows, table.n_cols)] -= 1
            result.grids += 1
        texts = [squeeze(t) for t in table.texts if squeeze(t)]
        for text in table.texts:
            if not squeeze(text):
                continue
            result.cells += 1
            result.found += squeeze(text) in squeezed
            result.spaced += spaced(text) in kept
        for i in free:  # the first unmatched PDF table of this shape holding most of this table's text
            g = pdf[i]
            if (g.n_rows, g.n_cols) == (table.n_rows, table.n_cols) and 2 * sum(t in pdf_sets[i] for t in texts) >= len(
                texts
            ):
                free.remove(i)
                result.one_to_one += 1
                break
    sources = {squeeze(t) for g in source for t in g.texts}
    for g in pdf:
        for text in g.texts:
            if squeeze(text):
                result.pdf_cells += 1
                result.real += squeeze(text) in sources
    return result


def score_pair(source: Path, pdf: Path) -> PairScore:
    """Raises CardexError where either side cannot be read at all."""
    return score(source.parent.name, pdf.name, grids_of(source), grids_of(pdf))


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
                  f"{score.grids:3d}/{score.tables:<3d} grids {score.one_to_one:3d} 1:1 {_pct(score.real, score.pdf_cells)} prec ({score.pdf_tables} PDF tables)  {label}")  # fmt: skip
    elapsed = time.perf_counter() - start
    for label, why in apart:
        print(f"apart {label}: {why}")
    cells = sum(s.cells for s in scores)
    no_table = sum(1 for s in scores if s.pdf_tables == 0)
    print(f"pairs: {len(scores)} pairs scored, {len(apart)} listed apart, in {elapsed:.1f} s: {summary(scores)} "
          f"({cells:,} source cells, {sum(s.tables for s in scores):,} source tables; "
          f"{no_table} PDFs give no table)")  # fmt: skip
    return 0


def summary(scores: list[PairScore]) -> str:
    """The five figures of a set of pairs, as one line."""
    cells = sum(s.cells for s in scores)
    tables = sum(s.tables for s in scores)
    return (
        f"cells {_pct(sum(s.found for s in scores), cells).strip()}, "
        f"spaced {_pct(sum(s.spaced for s in scores), cells).strip()}, "
        f"grids {_pct(sum(s.grids for s in scores), tables).strip()}, "
        f"one-to-one grids {_pct(sum(s.one_to_one for s in scores), tables).strip()}, "
        f"precision {_pct(sum(s.real for s in scores), sum(s.pdf_cells for s in scores)).strip()}"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
