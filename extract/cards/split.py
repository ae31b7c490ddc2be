"""Where a card starts, and how it divides into header and numbered sections.

A card starts at its title (`구청장 공약사항 관리카드`, `공약 실천계획(서)`),
or, in templates with no title line, at its header table (the table that
holds a card-number and a pledge-title label: `identity_table`); the
as-of date follows (or stands just above). A file of title-less cards
often opens with one heading line (`○○군수 공약사업 추진상황`, then
`(2025. 6월말 기준)`): read as the first card's title, its issuer and
date belong to every later card that has none of its own; tables before the first heading
form the header; each heading (`1. 추진개요`, `Ⅱ. 재원투자계획`, `가.`,
`□ 추진실적`, or a known title alone) opens a section that runs to the next.
Headings are recognised by a known title word, or by carrying the next
number in sequence, so `1. 공모 선정` inside a section stays an item.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from extract.cards.budget import TableRows
from extract.cards.dates import parse_as_of
from extract.cards.header import TablePairs, read_header
from extract.vocabulary import squash, vocabulary
from parsers.model import Block, Cell, Document, Paragraph, Table
from parsers.numbers import read_int
from parsers.ordinals import HANGUL_SYLLABLES, ROMAN_CAPITAL, value_of

_MAX_SECTIONS = 10  # a card has a handful of numbered sections: Ⅰ to Ⅹ, I to X
_HEADING = re.compile(
    rf"^\s*(?:[□■◆◇▣]\s*)?(?P<no>\d{{1,2}}|[{ROMAN_CAPITAL[:_MAX_SECTIONS]}]|X|IX|VI{{0,3}}|IV|I{{1,3}}|[{HANGUL_SYLLABLES}])"
    r"\s*[.．]\s*(?P<title>\S.*)$"
)
_MAX_TITLE = 60


@dataclass
class Section:
    no: int
    title: str
    is_budget: bool
    blocks: list[Block] = field(default_factory=list)


@dataclass
class CardBlocks:
    """One card's share of a document, before any field is read."""

    office: str | None
    title_line: Paragraph | None  # None for a card of a template without a title line
    header: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    as_of: dt.date | None = None
    # a card with no title line of its own, in a file that opens with one heading line
    # (`○○군수 공약사업 추진상황`): the heading names its issuer and as-of date too
    heading: Paragraph | None = None
    tables: TablePairs | None = None  # the document's tables' pairs, as the split read them


def title_office(text: str) -> tuple[bool, str | None]:
    """Is this line a card title, and which office issued it?"""
    found = _title_parts(text)
    return (True, found[0]) if found is not None else (False, None)


def _title_parts(text: str) -> tuple[str | None, dt.date | None] | None:
    """(office, as-of date on the same line) if this line is a card title."""
    found = _title_match(text)
    if found is None:
        return None
    prefix, as_of = found
    for office in sorted(vocabulary().words("card", "offices"), key=len, reverse=True):
        if prefix.endswith(office):
            return office, as_of
    prefix = prefix.strip("()[]<>〈〉【】「」")
    return prefix or None, as_of


def title_issuer(text: str) -> str | None:
    """What a card title says before its suffix (`부산광역시금정구청장`, squashed): the issuer,
    whose government `government.resolve` reads; None when the line is no title."""
    found = _title_match(text)
    return found[0] if found is not None and found[0] else None


def _title_match(text: str) -> tuple[str, dt.date | None] | None:
    """(the squashed text before the title suffix, the as-of date after it) if this is a title."""
    key = squash(text)
    if "(서)" in key:  # 실천계획(서)
        key = key.replace("(서)", "서")
    key = key.strip("【】[]()<>〈〉「」『』■□◆◇●○*")
    if len(key) > _MAX_TITLE:
        return None
    for suffix in vocabulary().words("card", "title_suffixes"):
        at = key.find(suffix)
        if at < 0:
            continue
        rest = key[at + len(suffix) :]
        # The as-of date sometimes shares the title line; anything else after
        # the suffix means this is a sentence that mentions cards.
        as_of = parse_as_of(rest) if rest else None
        if rest and as_of is None:
            continue
        return key[:at], as_of
    return None
    return None


def _title_candidate(block: Block) -> Paragraph | None:
    if isinstance(block, Paragraph):
        return block
    # Some templates set the title in a one-cell (or one-filled-cell) table.
    filled: Cell | None = None
    for cell in block.cells:  # a second filled cell settles it: a budget table is not read through
        if cell.text.strip():
            if filled is not None:
                return None
            filled = cell
    if filled is not None and len(filled.paragraphs) >= 1:
        return Paragraph(filled.text.replace("\n", " "), 0.0, filled.prov)
    return None


def _as_of_line(block: Block | None) -> dt.date | None:
    """The date of a line that is nothing but an as-of date: `(2024. 6. 30. 現在)`."""
    if not isinstance(block, Paragraph):
        return None
    key = squash(block.text)
    for word in vocabulary().words("card", "as_of_words"):
        key = key.replace(word, "")
    if len(key.strip("()[]<>〈〉【】.")) > 12:
        return None
    return parse_as_of(block.text)


def identity_table(block: Block, tables: TablePairs | None = None) -> bool:
    """Does this table hold a card's identity (a card number and a pledge title, both filled)?
    In templates without a title line, such a table is where a card starts."""
    if not isinstance(block, Table):
        return False
    filled = {p.field for p in read_header([block], tables) if p.value.strip()}
    return {"card_no", "title"} <= filled


def _date_above(previous: Block | None, current: CardBlocks | None) -> dt.date | None:
    """An as-of line just above a card's start belongs to that card, not to the card before."""
    as_of = _as_of_line(previous)
    if as_of is not None and current is not None:
        owner = current.sections[-1].blocks if current.sections else current.header
        if owner and owner[-1] is previous:
            owner.pop()
    return as_of


def split_cards(doc: Document) -> list[CardBlocks]:
    cards: list[CardBlocks] = []
    current: CardBlocks | None = None
    next_no = 1
    header_has_table = False
    has_identity = False  # the current card has met its identity table
    style: str | None = None  # numbering style of the current card's headings
    previous: Block | None = None
    titled: CardBlocks | None = None  # the last card a title line opened: later title-less cards inherit
    tables = TablePairs(TableRows.of_document(doc.blocks))
    for block in _unboxed(doc.blocks):
        candidate = _title_candidate(block)
        if candidate is not None:
            title = _title_parts(candidate.text)
            if title is not None:
                office, as_of = title
                as_of = as_of or _date_above(previous, current)
                current = CardBlocks(office=office, title_line=candidate, as_of=as_of, tables=tables)
                titled = current
                cards.append(current)
                header_has_table = has_identity = False
                next_no, style = 1, None
                previous = block
                continue
        if isinstance(block, Paragraph) and block.role == "furniture" and not _next_heading(block, next_no, style):
            # Running headers and footers are not card content, but an as-of line that every
            # card repeats at its page top looks like one and still dates the card. The card's
            # next section heading is never furniture: cards of one template, each opening a
            # page with it (boxed, at the same height), make it look like a running header.
            if _as_of_line(block) is not None:
                if current is not None and current.as_of is None and not current.sections:
                    current.as_of = _as_of_line(block)
                previous = block
            continue
        if identity_table(block, tables):
            if current is None or has_identity or current.sections:
                current = CardBlocks(office=None, title_line=None, as_of=_date_above(previous, current), tables=tables)
                if titled is not None:
                    current.office, current.heading = titled.office, titled.title_line
                    current.as_of = current.as_of or titled.as_of
                cards.append(current)
                header_has_table = False
                next_no, style = 1, None
            has_identity = True
        previous = block
        if current is None:
            continue
        if isinstance(block, Paragraph):
            heading = _misread_heading(block.text, next_no, style) if block.confidence is not None else None
            heading = heading or _heading(block.text, next_no, style)
            if heading is not None:
                no, title, style = heading
                is_budget = any(w in squash(title) for w in vocabulary().words("sections", "budget"))
                current.sections.append(Section(no=no, title=title, is_budget=is_budget))
                next_no = no + 1
                continue
            if current.as_of is None and not current.sections and not header_has_table:
                date = parse_as_of(block.text)
                if date is not None:
                    current.as_of = date
                    continue
        target = current.sections[-1].blocks if current.sections else current.header
        header_has_table = header_has_table or (not current.sections and isinstance(block, Table))
        target.append(block)
    return cards


def _next_heading(block: Paragraph, next_no: int, style: str | None) -> bool:
    """Is the paragraph the card's next section heading (as `_heading` reads one)?"""
    return _heading(block.text, next_no, style) is not None


def _unboxed(blocks: list[Block]):
    """Blocks in reading order, with one-column tables (boxes around a title or a
    whole section, common in Hangul templates) opened into their paragraphs."""
    for block in blocks:
        if isinstance(block, Table) and block.n_cols <= 1 and block.cells:
            for cell in sorted(block.cells, key=lambda c: c.row):
                yield from _unboxed(cell.blocks)
        else:
            yield block


def _section_number(raw: str) -> tuple[int, str]:
    """The heading's number and its numbering style (digit, roman, hangul)."""
    return value_of(raw, _MAX_SECTIONS) or (read_int(raw), "digit")


def _misread_heading(text: str, expected_no: int, style: str | None) -> tuple[int, str, str | None] | None:
    """A heading read by OCR, whose number is not to be trusted (`Ⅲ.` read as `1.`, `Ⅰ.` as `| .`,
    `Ⅱ.` as `11 .`): exactly a known section title after any marks and figures, numbered by its order."""
    bare = re.sub(r"^[^가-힣]+", "", text).strip()
    bare = re.sub(r"[^가-힣)]+$", "", bare)  # specks after the title (`참고자료. ~`)
    key = squash(re.sub(r"\([^)]*\)\s*$", "", bare))
    if bare != text.strip() and key in vocabulary().words("sections", "known"):
        return expected_no, re.sub(r"\s+", " ", bare), style
    return None


def _heading(text: str, expected_no: int, style: str | None) -> tuple[int, str, str | None] | None:
    """(number, title, numbering style) if this line opens a section. Once a card's headings
    have a numbering style, a line numbered in another style (`가.` under `Ⅰ.`) is an item."""
    match = _HEADING.match(text)
    if not match:
        # Unnumbered headings (`■ 추진실적`, `【향후계획】`) count when they are exactly a known title.
        bare = text.strip().strip("【】[]<>〈〉「」『』■□◆◇●◎▣▶").strip()
        key = squash(re.sub(r"\([^)]*\)\s*$", "", bare) if ")" in bare else bare)  # `추진실적(2024년)`
        if key in vocabulary().words("sections", "known"):
            return expected_no, re.sub(r"\s+", " ", bare), style
        return None
    no, numbering = _section_number(match["no"])
    if style is not None and numbering != style:
        return None
    title = re.sub(r"\s+", " ", match["title"]).strip()
    if len(title) > _MAX_TITLE:
        return None
    key = squash(title)
    known = any(w in key for w in vocabulary().words("sections", "known"))
    if known and no >= expected_no - 1:
        return no, title, numbering
    if no == expected_no and len(key) <= 20 and not re.search(r"[:：]|\d", title):
        return no, title, numbering
    return None
