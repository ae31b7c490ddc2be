"""`python -m extract dump FILE`: show what the reader saw.

When a card does not parse, the first question is what the reader made of
the file: which lines are paragraphs, which are tables, and which cell holds
what. This prints exactly that, then where the card logic found titles and
section headings.
"""

from __future__ import annotations

from typing import TextIO

from extract.cards.split import split_cards
from parsers.model import Block, Document, Paragraph, Table


def dump(doc: Document, out: TextIO) -> None:
    enc = f", encoding {doc.encoding}" if doc.encoding else ""
    pages = f", {doc.pages} pages" if doc.pages else ""
    print(f"# format {doc.format}{enc}{pages}, {len(doc.blocks)} top-level blocks", file=out)
    for warning in doc.warnings:
        print(f"# warning: {warning}", file=out)
    _blocks(doc.blocks, out, "")
    for paragraph in doc.furniture:
        print(
            f"FURNITURE [{paragraph.prov.describe()}] {paragraph.text!r}  (header/footer/note: not card content)",
            file=out,
        )
    cards = split_cards(doc)
    print(f"# {len(cards)} card(s) found", file=out)
    for index, card in enumerate(cards):
        start = f"title at {card.title_line.prov.describe()}" if card.title_line else "no title line (header table)"
        print(f"#   card {index}: office {card.office!r}, as of {card.as_of}, {start}", file=out)
        for section in card.sections:
            kind = " (budget)" if section.is_budget else ""
            print(f"#     section {section.no}. {section.title}{kind}: {len(section.blocks)} blocks", file=out)


def _blocks(blocks: list[Block], out: TextIO, pad: str) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            indent = f" indent={block.indent:g}" if block.indent else ""
            role = " (page furniture)" if block.role != "body" else ""
            print(f"{pad}P [{block.prov.describe()}]{indent} {block.text!r}{role}", file=out)
        elif isinstance(block, Table):
            print(f"{pad}TABLE [{block.prov.describe()}] {block.n_rows} rows x {block.n_cols} cols", file=out)
            for cell in block.cells:
                span = f" span {cell.row_span}x{cell.col_span}" if (cell.row_span, cell.col_span) != (1, 1) else ""
                nested = [b for b in cell.blocks if isinstance(b, Table)]
                print(f"{pad}  cell r{cell.row} c{cell.col}{span}: {cell.text!r}", file=out)
                if nested:
                    _blocks(nested, out, pad + "    ")
