"""Which government issued a card: a place name as written, resolved to its official name.

`cards.office` is only the title's issuer word (`구청장`); Busan alone has 15
of them. The vocabulary lists every government that issues cards
(`[[governments]]`: provinces with their short and former names, and their
local governments), and every way a card or a folder spells one maps to
official names: `금정구`, `금정`, `부산 금정구`, `부산광역시 금정구` all to
`부산광역시 금정구`; `수원시` to `경기도 수원시`; `강원도` to `강원특별자치도`.
A spelling several governments share (`중구`, `고성군`, `광주`) is ambiguous
until something else names the province: `Resolution.within` narrows it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from extract.vocabulary import squash, vocabulary

# what follows a government's name when it is the issuer (`금정구청장`, `수원시장`, `기장군수`,
# `경기도지사`) or the office (`금정구청`): taken off before the name is looked up
_ISSUER_TAILS = ("청장", "지사", "장", "수", "청")
_NOT_A_NAME = re.compile(r"[^가-힣]")
MAX_NAME = 24  # letters: longer text is a sentence, never only a place name


@dataclass(frozen=True)
class Resolution:
    written: str  # the place name as the card or folder wrote it
    candidates: tuple[str, ...]  # official names it fits, in the vocabulary's order

    @property
    def name(self) -> str | None:
        """The official name, where the spelling fits exactly one government."""
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    def within(self, other: Resolution | None) -> Resolution:
        """Narrowed by another source: `중구` with `부산` is 부산광역시 중구. Unchanged where the
        other names nothing that narrows it, or would leave no candidate."""
        if other is None or not self.ambiguous:
            return self
        scopes = set(other.candidates)
        kept = tuple(c for c in self.candidates if c in scopes or c.split(" ")[0] in scopes)
        return Resolution(self.written, kept) if kept else self


@cache
def _spellings() -> dict[str, tuple[str, ...]]:
    """Every spelling (squashed) -> the official names it may mean."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(spelling: str, official: str) -> None:
        if official not in found[spelling]:
            found[spelling].append(official)

    governments = vocabulary().governments
    for province in governments:
        names = [squash(n) for n in (province.name, *province.short, *province.former)]
        for name in names:
            add(name, province.name)
        moved = {
            local: f"{other.name} {local}"
            for local in province.former_locals
            for other in governments
            if other is not province and local in other.locals
        }
        for local in (*province.locals, *moved):
            official = moved.get(local, f"{province.name} {local}")
            forms = [squash(local)] + ([squash(local[:-1])] if len(local) >= 3 else [])  # 금정구, 금정
            for form in forms:
                if local not in moved:
                    add(form, official)
                for name in names:
                    add(name + form, official)
    return {spelling: tuple(names) for spelling, names in found.items()}


def resolve(text: str, *, trailing: bool = False) -> Resolution | None:
    """The government `text` names, or None. With `trailing`, the name may end a longer text
    (a title's prefix: `민선8기 금정구청장`); otherwise the text must be the name alone."""
    key = _NOT_A_NAME.sub("", squash(text))
    if not key or len(key) > MAX_NAME * (3 if trailing else 1):
        return None
    spellings = _spellings()
    cores = [key] + [key[: -len(tail)] for tail in _ISSUER_TAILS if key.endswith(tail) and len(key) > len(tail)]
    for core in cores:
        if core in spellings:
            return Resolution(text.strip(), spellings[core])
    if trailing:
        for core in cores:
            for start in range(1, len(core) - 1):  # the longest name the text ends with
                if core[start:] in spellings:
                    return Resolution(text.strip(), spellings[core[start:]])
    return None


def combine(found: list[Resolution]) -> Resolution | None:
    """What several places (of one card, or a card and its folder) say together. Each ambiguous
    name is narrowed by the others (`중구` with `부산`); then the first that names one government
    wins, unless a later one is a local government inside it (`부산광역시`, then `금정구청`)."""
    narrowed = []
    for resolution in found:
        for other in found:
            if other is not resolution:
                resolution = resolution.within(other)
        narrowed.append(resolution)
    unique = [r for r in narrowed if r.name is not None]
    if unique:
        first = unique[0]
        inside = [r for r in unique[1:] if r.name.startswith(f"{first.name} ")]
        return inside[0] if inside else first
    return next((r for r in narrowed if r.candidates), None)
