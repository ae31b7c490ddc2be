"""The document model every reader returns.

Readers know formats, not cards: they only say what text stands where.
Card logic in `extract/` walks this model, so a new format is one new reader.
Provenance travels with every piece so that `dump` and error messages can
point an analyst at the exact page, table and cell a value came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from parsers.errors import CardexError

# What one document may hold. No real card file comes near these (a file of
# 300 cards has some 50,000 cells); a hostile one is refused as too_large
# instead of being allowed to take the worker's memory.
MAX_TABLE_EXTENT = 65_535  # rows or columns of one table (HWP stores them in 16 bits)
MAX_CELLS = 400_000  # table cells in one document
MAX_BLOCKS = 400_000  # paragraphs and tables at the top level of one document


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a piece of text came from; fields unknown to a format stay None."""

    page: int | None = None  # 1-based page (PDF) or section (HWP/HWPX)
    line: int | None = None  # 1-based source line (text files)
    table: int | None = None  # 0-based table index within the document
    row: int | None = None  # 0-based cell row within that table
    col: int | None = None  # 0-based cell column within that table

    def describe(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.row is not None:
            parts.append(f"r{self.row}c{self.col}")
        return ", ".join(parts)


@dataclass(slots=True)
class Paragraph:
    """One paragraph (or visual line) of text.

    `indent` is the left offset where the paragraph's first line starts: in
    points for PDF, scans, HWP and HWPX (the paragraph shape's margin plus
    5 pt per leading space), in leading spaces for text files. Only its order
    within a document matters: item levels are read from indentation relative
    to neighbours.
    """

    text: str
    indent: float = 0.0
    prov: Provenance = field(default_factory=Provenance)
    # "furniture" marks a line that looks like a running page header or footer
    # (repeated in the page margin, or a page number). Readers keep it in place
    # and let the card logic decide: a card title there is still a title.
    role: str = "body"
    # Tesseract's mean word confidence (0-100) for text read from pixels; None for digital text.
    confidence: float | None = None


@dataclass(slots=True)
class Cell:
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    blocks: list[Block] = field(default_factory=list)
    prov: Provenance = field(default_factory=Provenance)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def text(self) -> str:
        """The cell's paragraphs (nested tables included) one per line."""
        blocks = self.blocks
        if len(blocks) == 1 and type(blocks[0]) is Paragraph:  # most cells: asked again and again
            return blocks[0].text
        return "\n".join(p.text for p in iter_paragraphs(blocks))


@dataclass(slots=True)
class Table:
    cells: list[Cell]
    n_rows: int
    n_cols: int
    prov: Provenance = field(default_factory=Provenance)

    @classmethod
    def of_grid(
        cls, spans: list[tuple[int, int, int, int]], n_rows: int, n_cols: int, page: int | None, index: int
    ) -> Table:
        """An empty table on a grid, one cell per (row, col, row_span, col_span) in the given
        order, each cell's provenance set: what the PDF and scan readers fill with text."""
        cells = [
            Cell(row=r, col=c, row_span=rs, col_span=cs, prov=Provenance(page=page, table=index, row=r, col=c))
            for r, c, rs, cs in spans
        ]
        return cls(cells=cells, n_rows=n_rows, n_cols=n_cols, prov=Provenance(page=page, table=index))

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by their top-left row, left to right."""
        grouped: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            if 0 <= cell.row < self.n_rows:
                grouped[cell.row].append(cell)
        for row in grouped:
            row.sort(key=lambda c: c.col)
        return grouped


Block = Paragraph | Table


def check_extent(table: Table) -> Table:
    """Refuse a table whose cells claim addresses no real table has (a hostile `rowAddr`)."""
    if table.n_rows > MAX_TABLE_EXTENT or table.n_cols > MAX_TABLE_EXTENT:
        raise CardexError(
            "too_large",
            f"A table claims {table.n_rows:,} rows by {table.n_cols:,} columns, more than any document holds "
            f"({MAX_TABLE_EXTENT:,} at most); the file is damaged or hostile.",
        )
    return table


def check_size(blocks: list[Block], cells: int) -> None:
    """Refuse a document past the limits above; readers call this as they grow it."""
    if cells > MAX_CELLS:
        raise CardexError(
            "too_large",
            f"The document holds more than {MAX_CELLS:,} table cells, far more than any file of cards; "
            "split it into smaller documents (or check that it is not damaged).",
        )
    if len(blocks) > MAX_BLOCKS:
        raise CardexError(
            "too_large",
            f"The document holds more than {MAX_BLOCKS:,} paragraphs and tables, far more than any file of cards; "
            "split it into smaller documents.",
        )


@dataclass
class Document:
    blocks: list[Block]
    format: str  # tsv, pdf, hwp, hwpx
    encoding: str | None = None  # text files only
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)  # what the reader repaired or left out
    notes: list[str] = field(default_factory=list)  # how it read the file, nothing lost (a second path)
    scanned_pages: list[int] = field(default_factory=list)  # pages read by OCR from pixels (1-based)
    # pages whose text the reader knows it did not read completely (glyphs drawn but not recovered)
    incomplete_pages: list[int] = field(default_factory=list)
    # Text that is not body: page headers and footers, foot- and endnotes,
    # hidden comments. Kept so `dump` shows everything; never read as card content.
    furniture: list[Paragraph] = field(default_factory=list)


def iter_paragraphs(blocks: list[Block]) -> Iterator[Paragraph]:
    """Every paragraph in reading order, descending into table cells."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block
        else:
            for cell in block.cells:
                yield from iter_paragraphs(cell.blocks)
