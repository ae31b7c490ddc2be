"""Loads `vocabulary.toml`: the words of a card kept as data, not code, read through one typed API.

Analysts meet new labels ("이행률", "추진부서") with every new government;
adding one to the TOML file is the whole change. Code never reaches into
the TOML itself: word lists come squashed (`words`, for comparing text
whose spacing varies) or as written (`written`, for marks and affixes
compared letter by letter), and the tables of numbers and names as typed
fields (`units`, `status_rank`, `status_labels`, …).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.toml")
_MAX_MISREAD = 8  # letters: longer labels are not misread into another known label


def squash(text: str) -> str:
    """Labels compared without whitespace: '진 도' == '진도'. (`str.split` splits at exactly the
    characters `\\s` matches, and is several times faster than the regex.)"""
    return "".join(text.split()).casefold()


@dataclass(frozen=True)
class Province:
    """A provincial-level government and the local governments under it (`[[governments]]`)."""

    name: str  # official: 부산광역시, 강원특별자치도
    short: tuple[str, ...]  # 부산, 부산시
    former: tuple[str, ...]  # earlier official names: 강원도
    locals: tuple[str, ...]  # 금정구, 수원시, 기장군
    former_locals: tuple[str, ...]  # local governments that moved away, under their old province


@dataclass(frozen=True)
class Vocabulary:
    label_of: dict[str, str]  # squashed label -> field
    status_of: list[tuple[str, str]]  # (squashed synonym, code), longest first
    units: dict[str, int]  # squashed unit word -> won per unit
    markers: tuple[str, ...]  # bullet markers, longest first
    status_rank: dict[str, int]  # status_code -> how far from done (compare's regressions)
    status_labels: dict[str, str]  # status_code -> its Korean name, in the report's order
    office_by_fund: dict[str, tuple[str, str]]  # office -> (its fund, the fund's abbreviation), squashed
    governments: tuple[Province, ...]  # every government that issues cards, by province
    check_labels: dict[str, str]  # check -> its Korean name, for the report and the review sheet
    error_labels: dict[str, str]  # files.error_code -> its Korean name and what to do, for the report
    squashed: dict[tuple[str, str], tuple[str, ...]]  # (table, key) -> words without spaces
    as_written: dict[tuple[str, str], tuple[str, ...]]  # (table, key) -> words as written

    def words(self, table: str, key: str) -> tuple[str, ...]:
        """A word list without spaces and case-folded, to compare with `squash(text)`."""
        return self.squashed[(table, key)]

    def written(self, table: str, key: str) -> tuple[str, ...]:
        """A word list as written (marks, affixes), to compare letter by letter."""
        return self.as_written[(table, key)]

    def field_for_label(self, text: str) -> str | None:
        """`진 도`, `진도(%)`, `관리번호 :` all name the same field."""
        key = _strip_label_punct(squash(text))
        found = self.label_of.get(key)
        if found is None and "(" in key:
            found = self.label_of.get(_strip_label_punct(re.sub(r"\([^)]*\)", "", key)))
        return found

    def misread_label(self, text: str) -> tuple[str | None, str] | None:
        """A label read by OCR with one letter wrong (`루관부서` for `주관부서`): the field of the
        known labels of the same length that differ in one letter, when they all name one field,
        with that label where it is the only one; where no known label is one letter off, a
        known label with one or two letters made up after it (`총사업비해`). Labels under three
        letters are too short to tell apart this way (`과장`, `팀장`)."""
        key = _strip_label_punct(squash(text))
        if not 3 <= len(key) <= _MAX_MISREAD or any(key in words for words in self.squashed.values()):
            return None  # a word the vocabulary knows (`추진중`, `공약사업`) is a value, not a misread label
        found = {(label, field) for label, field in self.label_of.items() if _one_letter_off(label, key)}
        fields = {field for _, field in found}
        if not fields:
            return self._label_with_letters_after(key)
        if len(fields) != 1:
            return None
        # of several spellings, the one whose wrong letter differs from the misread one in the
        # fewest of its jamo (`루` is `주` with one stroke group off, `소` with two)
        nearest = min((_jamo_distance(label, key) for label, _ in found), default=0)
        found = {(label, field) for label, field in found if _jamo_distance(label, key) == nearest}
        return (found.pop()[0] if len(found) == 1 else None), fields.pop()

    def misread_word(self, text: str, section: str, key: str) -> str | None:
        """The one word of list `section.key` that `text`, read by OCR, matches with one letter
        wrong (`종사업비` for `총사업비`); words under three letters are never guessed."""
        squashed = _strip_label_punct(squash(text))
        if len(squashed) < 3:
            return None
        found = {word for word in self.words(section, key) if _one_letter_off(word, squashed)}
        return found.pop() if len(found) == 1 else None

    def _label_with_letters_after(self, key: str) -> tuple[str, str] | None:
        """A known label of three letters or more with one or two letters OCR made up after it
        (`총사업비해`, `담당자나국`: what a rule or a speck beside the label reads as), as
        (label, field); the longest such label where several are."""
        found = [
            (label, field)
            for label, field in self.label_of.items()
            if len(label) >= 3 and key.startswith(label) and 1 <= len(key) - len(label) <= 2
        ]
        return max(found, key=lambda pair: len(pair[0])) if found else None

    def status_code(self, status: str | None) -> str | None:
        if status is None or not status.strip():
            return None
        key = squash(status)
        for synonym, code in self.status_of:
            if key == synonym:
                return code
        for synonym, code in self.status_of:
            if synonym in key:
                return code
        return "other"


def _jamo(char: str) -> tuple[int, ...] | tuple[str]:
    """A Hangul syllable as (initial, medial, final) jamo indices; any other letter as itself."""
    code = ord(char) - 0xAC00
    if not 0 <= code < 11172:
        return (char,)
    return code // 588, code % 588 // 28, code % 28


def _one_letter_off(word: str, key: str) -> bool:
    return len(word) == len(key) and sum(a != b for a, b in zip(word, key, strict=True)) == 1


def _jamo_distance(a: str, b: str) -> int:
    """How many jamo differ between two words of one length (a non-Hangul letter counts three)."""
    total = 0
    for x, y in zip(a, b, strict=True):
        if x != y:
            jx, jy = _jamo(x), _jamo(y)
            total += sum(p != q for p, q in zip(jx, jy)) if len(jx) == len(jy) == 3 else 3
    return total


def _strip_label_punct(key: str) -> str:
    return key.strip(":：*·.")


@cache
def vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    label_of = {squash(w): field for field, words in raw["labels"].items() for w in words}
    status_of = sorted(
        ((squash(w), code) for code, words in raw["status"].items() for w in words),
        key=lambda p: -len(p[0]),
    )
    units = {squash(k): int(v) for k, v in raw["units"].items()}
    markers = tuple(sorted(raw["items"]["markers"], key=len, reverse=True))
    as_written = {
        (table, key): tuple(words)
        for table, entries in raw.items()
        if isinstance(entries, dict)
        for key, words in entries.items()
        if isinstance(words, list)
    }
    squashed = {key: tuple(squash(w) for w in words) for key, words in as_written.items()}
    return Vocabulary(
        label_of=label_of,
        status_of=status_of,
        units=units,
        markers=markers,
        status_rank={code: int(rank) for code, rank in raw["status_rank"].items()},
        status_labels={code: str(name) for code, name in raw["status_labels"].items()},
        office_by_fund={
            office: (squash(fund), squash(short)) for office, (fund, short) in raw["office_by_fund"].items()
        },
        squashed=squashed,
        as_written=as_written,
        check_labels={check: str(name) for check, name in raw["check_labels"].items()},
        error_labels={code: str(name) for code, name in raw["error_labels"].items()},
        governments=tuple(
            Province(
                name=g["name"],
                short=tuple(g.get("short", ())),
                former=tuple(g.get("former", ())),
                locals=tuple(g.get("locals", ())),
                former_locals=tuple(g.get("former_locals", ())),
            )
            for g in raw["governments"]
        ),
    )
