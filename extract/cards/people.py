"""Contacts: `행정6급 신정미(☎4803)`, `용찬재 사무관(02-2110-2428)`, `신정미(☎4803)`.

A contact is a rank and a name in either order, or a name alone, with a
phone in any of the forms typists use. Which word is the rank is decided by
its ending (`…급`, `…주사`, `사무관`; the list is in vocabulary.toml), not by
its position, so a name written first is still the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.cards.values import clean
from extract.vocabulary import vocabulary

_NAME = re.compile(r"^[가-힣]{2,4}$")


@dataclass(slots=True)
class Person:
    rank: str | None = None
    name: str | None = None
    phone: str | None = None


@cache
def _phone_patterns() -> tuple[re.Pattern, ...]:
    words = sorted(vocabulary().written("people", "phone_words"), key=len, reverse=True)
    lead = "|".join(re.escape(w) for w in words)
    return (
        re.compile(r"\(?\s*(?:" + lead + r")\s*[.:)]?\s*(?P<phone>\d[\d\-)( ]*\d|\d)\s*\)?"),
        re.compile(r"\(\s*(?P<phone>\d[\d\- ]{2,}\d)\s*\)"),
        re.compile(r"(?<![\d가-힣])(?P<phone>(?:\d{2,4}-)?\d{3,4}-\d{4}|\d{3,4})\s*$"),
    )


def is_rank(word: str) -> bool:
    return word.endswith(vocabulary().written("people", "rank_suffixes"))


def _split_phone(value: str) -> tuple[str, str | None]:
    for pattern in _phone_patterns():
        match = pattern.search(value)
        if match:
            phone = re.sub(r"[\s()]", "", match["phone"])
            return (value[: match.start()] + " " + value[match.end() :]).strip(), phone or None
    return value, None


# In a scan, the word before the phone is misread more often than not (Tesseract's Korean
# model reads ☎ as `죠`, `증`, `#` or nothing, and `T.` as `1.`, `7.` or `.`): one stray sign,
# standing alone, or a short run of letters and digits ending in a point, before an extension or a number at
# the end of the contact.
_OCR_MARKED_PHONE = re.compile(
    r"(?:(?<=\s)[^\s\d(]|(?<=[\s가-힣])[0-9A-Za-z]{1,3}[.:])\s*(?P<phone>(?:\d{2,4}-)?\d{3,4}-\d{4}|\d{3,4})\s*\)?\s*$"
)


def parse_person(text: str | None, *, ocr: bool = False) -> Person:
    """Rank, name and phone of a contact; `ocr` also accepts a phone word OCR misread, but only
    where the contact then still reads as a name."""
    value = clean(text)
    if not value:
        return Person()
    person = _parse(value)
    if ocr and (person.phone is None or person.name is None):
        match = _OCR_MARKED_PHONE.search(value)
        rest = _parse(value[: match.start()]) if match else None
        if rest is not None and rest.name is not None and rest.phone is None:
            return Person(rank=rest.rank, name=rest.name, phone=match["phone"])  # type: ignore[index]
    return person


def _parse(value: str) -> Person:
    value, phone = _split_phone(value)
    person = _parse_words(value, phone)
    if person.rank and is_rank(person.rank) and (_SPREAD.match(person.rank) or _GRADE.fullmatch(person.rank)):
        person.rank = "".join(person.rank.split())  # one word: `행 정 6급` spread out, `행정 7 급` as OCR spaces it
    if person.rank and not is_rank(person.rank):
        glued = _glued(value, phone)
        if glued is not None:
            return glued
    return person


# Letter-spread (distributed) text in a PDF: `행 정 6급`, every syllable standing alone.
_SPREAD = re.compile(r"^(?:\S\s+)+\S+$")
_GRADE = re.compile(r"[가-힣]{1,6}\s*\d{1,2}\s*급")  # a graded rank is one word: `행정 7 급` as OCR spaces it


def _glued(value: str, phone: str | None) -> Person | None:
    """A rank and a name run together, as a PDF gives them where a narrow cell wrapped the
    rank and the break before the name left no trace (`지방행정사무 관오세라`): the name is
    the 2-4 syllables after a rank's ending, a three-syllable name preferred."""
    squashed = "".join(value.split())
    splits = [
        (squashed[:cut], squashed[cut:])
        for cut in range(2, len(squashed) - 1)
        if is_rank(squashed[:cut]) and _NAME.match(squashed[cut:])
    ]
    if not splits:
        return None
    rank, name = min(splits, key=lambda split: abs(len(split[1]) - 3))
    return Person(rank=rank, name=name, phone=phone)


def _parse_words(value: str, phone: str | None) -> Person:
    # a token of marks alone (`.`, `!`) is neither rank nor name: a stray sign, or a scan's speck
    tokens = [t for t in re.split(r"[\s,/:：]+", value) if t and any(ch.isalnum() for ch in t)]
    names = [t for t in tokens if _NAME.match(t) and not is_rank(t)]
    if len(names) == 1:
        name = names[0]
        rank = " ".join(t for t in tokens if t is not name) or None
        return Person(rank=rank, name=name, phone=phone)
    if not tokens:
        return Person(phone=phone)
    # Two name-like words and no rank ending (or none at all): the last is the name, as typed most often.
    if _NAME.match(tokens[-1]) and not (len(tokens) == 1 and is_rank(tokens[0])):
        return Person(rank=" ".join(tokens[:-1]) or None, name=tokens[-1], phone=phone)
    return Person(rank=" ".join(tokens), name=None, phone=phone)
