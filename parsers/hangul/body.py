"""What the HWP and HWPX readers share once each has decoded its own container.

Both formats hold the same document: sections of paragraphs whose text may
carry automatic numbers (`numbering`), tables and text boxes nested inside
paragraphs, page headers and footers, and click-here blanks (`clickhere`).
`BodyReader` keeps the state that walk needs and turns a paragraph's text
into model paragraphs the same way for both, so a card saved as HWP and as
HWPX gives the same blocks.
"""

from __future__ import annotations

from parsers.hangul.numbering import Heads
from parsers.model import Paragraph, Provenance

MAX_DEPTH = 64  # nesting of tables and text boxes followed before giving up
SPACE_WIDTH_PT = 5.0  # a leading space counts as this much indentation


class BodyReader:
    """The state of one document's walk, common to both formats."""

    def __init__(self) -> None:
        self.heads = Heads({}, {})  # the document's numbering and bullet definitions
        self.outline = 1  # the current section's outline numbering
        self.furniture: list[Paragraph] = []  # page headers and footers, kept out of the body
        self.warnings: list[str] = []
        self.n_tables = 0
        self.n_cells = 0

    @staticmethod
    def paragraphs(text: str, indent: float, where: Provenance) -> list[Paragraph]:
        """A paragraph's text (its line breaks kept as separate paragraphs), each indented by
        its paragraph shape plus SPACE_WIDTH_PT per leading space."""
        blocks: list[Paragraph] = []
        for line in text.split("\n"):
            stripped = line.rstrip()
            if stripped.strip():
                spaces = len(stripped) - len(stripped.lstrip())
                blocks.append(Paragraph(stripped.strip(), indent + spaces * SPACE_WIDTH_PT, where))
        return blocks
