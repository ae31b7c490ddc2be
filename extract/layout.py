"""Where a card starts, and how it divides into header and numbered sections.

A card starts at its title (`구청장 공약사항 관리카드`); the as-of date
follows; tables before the first numbered heading form the header; each
heading `1. 추진개요` … `6. 기타 참고사항` opens a section that runs to the
next heading. Headings are recognised by a known title word, or by carrying
the next number in sequence, so `1. 공모 선정` inside a section stays an item.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from parsers.model import Block, Document, Paragraph, Table
from parsers.numbers import read_int

from .values import parse_date
from .vocabulary import squash, vocabulary

_HEADING = re.compile(r"^\s*(?P<no>\d{1,2}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ])\s*[.)．]\s*(?P<title>\S.*)$")
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
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
    title_line: Paragraph
    header: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    as_of: dt.date | None = None


def title_office(text: str) -> tuple[bool, str | None]:
    """Is this line a card title, and which office issued it?"""
    key = squash(text).strip("【】[]()<>〈〉「」『』■□◆◇●○*")
    if len(key) > _MAX_TITLE:
        return False, None
    vocab = vocabulary()
    for suffix in vocab.words("card", "title_suffixes"):
        at = key.find(suffix)
        if at < 0:
            continue
        rest = key[at + len(suffix) :]
        # The as-of date sometimes shares the title line; anything else after
        # the suffix means this is a sentence that mentions cards.
        if rest and parse_date(rest) is None:
            continue
        prefix = key[:at]
        for office in sorted(vocab.words("card", "offices"), key=len, reverse=True):
            if prefix.endswith(office):
                return True, office
        prefix = prefix.strip("()[]<>〈〉【】「」")
        return True, prefix or None
    return False, None


def _title_candidate(block: Block) -> Paragraph | None:
    if isinstance(block, Paragraph):
        return block
    # Some templates set the title in a one-cell (or one-filled-cell) table.
    filled = [c for c in block.cells if c.text.strip()]
    if len(filled) == 1 and len(filled[0].paragraphs) >= 1:
        return Paragraph(filled[0].text.replace("\n", " "), 0.0, filled[0].prov)
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
    return parse_date(block.text)


def split_cards(doc: Document) -> list[CardBlocks]:
    cards: list[CardBlocks] = []
    current: CardBlocks | None = None
    next_no = 1
    header_has_table = False
    previous: Block | None = None
    for block in _unboxed(doc.blocks):
        candidate = _title_candidate(block)
        if candidate is not None:
            is_title, office = title_office(candidate.text)
            if is_title:
                as_of = parse_date(candidate.text)
                # Some templates set the date above the title: it belongs to this card, not the last one.
                if as_of is None and (as_of := _as_of_line(previous)) is not None and current is not None:
                    owner = current.sections[-1].blocks if current.sections else current.header
                    if owner and owner[-1] is previous:
                        owner.pop()
                current = CardBlocks(office=office, title_line=candidate, as_of=as_of)
                cards.append(current)
                header_has_table = False
                next_no = 1
                previous = block
                continue
        if isinstance(block, Paragraph) and block.role == "furniture":
            continue  # running headers and footers are not card content
        previous = block
        if current is None:
            continue
        if isinstance(block, Paragraph):
            heading = _heading(block.text, next_no)
            if heading is not None:
                no, title = heading
                is_budget = any(w in squash(title) for w in vocabulary().words("sections", "budget"))
                current.sections.append(Section(no=no, title=title, is_budget=is_budget))
                next_no = no + 1
                continue
            if current.as_of is None and not current.sections and not header_has_table:
                date = parse_date(block.text)
                if date is not None:
                    current.as_of = date
                    continue
        target = current.sections[-1].blocks if current.sections else current.header
        header_has_table = header_has_table or (not current.sections and isinstance(block, Table))
        target.append(block)
    return cards


def _unboxed(blocks: list[Block]):
    """Blocks in reading order, with one-column tables (boxes around a title or a
    whole section, common in Hangul templates) opened into their paragraphs."""
    for block in blocks:
        if isinstance(block, Table) and block.n_cols <= 1 and block.cells:
            for cell in sorted(block.cells, key=lambda c: c.row):
                yield from _unboxed(cell.blocks)
        else:
            yield block


def _heading(text: str, expected_no: int) -> tuple[int, str] | None:
    match = _HEADING.match(text)
    if not match:
        # Unnumbered headings (`■ 추진실적`, `【향후계획】`) count when they are exactly a known title.
        bare = text.strip().strip("【】[]<>〈〉「」『』■□◆◇●◎▣▶").strip()
        if squash(bare) in vocabulary().words("sections", "known"):
            return expected_no, bare
        return None
    raw_no = match["no"]
    no = _ROMAN.index(raw_no) + 1 if raw_no in _ROMAN else read_int(raw_no)
    title = re.sub(r"\s+", " ", match["title"]).strip()
    if len(title) > _MAX_TITLE:
        return None
    key = squash(title)
    known = any(w in key for w in vocabulary().words("sections", "known"))
    if known and no >= expected_no - 1:
        return no, title
    if no == expected_no and len(key) <= 20 and not re.search(r"[:：]|\d", title):
        return no, title
    return None
