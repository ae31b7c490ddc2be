"""Which government each file and card belongs to, and which cards repeat an earlier one.

Both depend on more than one file's bytes, so they are settled here, on each
file's rows in input order, after the cache (whose rows know nothing of the
file's place in the input): the same bytes moved to another government's
folder belong to that government.

Government, in this order: what the card itself names (`cards.government`,
set by the card logic), then the file's context: its first folder under the
input (`--government-from folder`) or a mapping file (`--governments FILE`,
CSV of `path,government` where path is a prefix or a glob of source_file).
A name the card leaves ambiguous (`중구청장`) is narrowed by the context
(`부산/…`); one nothing settles keeps its `government_ambiguous` check.

Duplicates: a card whose (government, card number, as-of, title) equal an
earlier card's is marked `duplicate_of` that card (`source_file#card_index`);
where its content differs too it also gets `conflicting_duplicate`.
"""

from __future__ import annotations

import csv
import fnmatch
import hashlib
from dataclasses import dataclass, field
from itertools import groupby
from operator import methodcaller
from pathlib import Path

from extract.cards.checks import GOVERNMENT_AMBIGUOUS
from extract.cards.government import Resolution, combine, resolve
from extract.tables.rows import failed_checks, restate_checks
from extract.tables.schema import SCHEMAS
from extract.vocabulary import squash, vocabulary

RowSet = dict[str, list[dict]]
CONFLICTING_DUPLICATE = "conflicting_duplicate"
# columns that say where a card was read from, not what it says
_NOT_CONTENT = {"source_file", "card_index", "duplicate_of", "government", "ocr_confidence", "page"}
_CONTENT_TABLES = ("tasks", "budget", "items", "fields")
_CARD_INDEX = methodcaller("get", "card_index")
_CONTENT_COLUMNS = {
    table: tuple(column for column in SCHEMAS[table] if column not in _NOT_CONTENT)
    for table in ("cards", *_CONTENT_TABLES)
}


@dataclass
class GovernmentContext:
    """What the input's layout says about a file's government."""

    from_folder: bool = False  # the first folder under the input names the government
    mapping: list[tuple[str, Resolution]] = field(default_factory=list)  # (path prefix or glob, government)

    def of(self, source_file: str) -> Resolution | None:
        found: list[Resolution] = []
        parts = source_file.split("/")
        if self.from_folder and len(parts) > 1 and (folder := resolve(parts[0])) is not None:
            found.append(folder)
        for pattern, government in self.mapping:
            if source_file.startswith(pattern.rstrip("/") + "/") or fnmatch.fnmatchcase(source_file, pattern):
                found.append(government)
                break
        return combine(found)


def read_mapping(path: Path) -> list[tuple[str, Resolution]]:
    """A mapping file: CSV rows `path,government` (a header row naming them is skipped). Raises
    ValueError with a sentence for a row whose government the vocabulary does not know."""
    mapping: list[tuple[str, Resolution]] = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for number, row in enumerate(csv.reader(fh), start=1):
            if not row or not "".join(row).strip() or row[0].strip().startswith("#"):
                continue
            if len(row) < 2:
                raise ValueError(f"{path}, line {number}: expected `path,government`, found {row!r}")
            pattern, name = row[0].strip(), row[1].strip()
            if number == 1 and squash(pattern) in ("path", "경로") and squash(name) in ("government", "기관"):
                continue
            government = resolve(name)
            if government is None:
                raise ValueError(
                    f"{path}, line {number}: {name!r} is no government cardex knows; write its official name "
                    "(부산광역시 금정구, 경기도 수원시, 강원특별자치도)"
                )
            mapping.append((pattern, government))
    return mapping


class Identity:
    """Applied to every file's rows in input order (`run_batch(annotate=…)`)."""

    def __init__(self, context: GovernmentContext | None = None) -> None:
        self.context = context or GovernmentContext()
        self.seen: dict[tuple[str, str, str, str], tuple[str, str]] = {}  # key -> (ref, content digest)

    def __call__(self, rows: RowSet) -> RowSet:
        if not rows.get("files"):
            return rows
        file_row = rows["files"][0]
        context = self.context.of(file_row["source_file"])
        file_row["government"] = context.name if context is not None else None
        checks = rows.setdefault("checks", [])
        before = failed_checks(checks)
        by_card = _by_card(rows)  # each card's rows, found once: a file may hold hundreds of cards
        for card in rows.get("cards", []):
            mine = by_card.get(card["card_index"], {})
            self._government(card, context, checks, mine.get("checks", []))
            self._duplicate(card, checks, mine)
        after = failed_checks(checks)
        if after != before:
            restate_checks(file_row, before, after)
        if len(rows.get("cards", [])) > 1:
            # a check added to one card of several stands with that card's own (stable: each
            # card's checks keep their order), as the Python API's frames order them too
            checks.sort(key=lambda row: row.get("card_index") or 0)
        return rows

    def _government(self, card: dict, context: Resolution | None, checks: list[dict], own: list[dict]) -> None:
        if card.get("government"):
            return
        mine = [c for c in own if c["check"] == GOVERNMENT_AMBIGUOUS]
        if mine:  # the card's own name, narrowed by the file's context
            named = Resolution(mine[0]["actual"] or "", tuple((mine[0]["expected"] or "").split("; ")))
            settled = combine([named, context] if context is not None else [named])
            if settled is not None and settled.name is not None:
                card["government"] = settled.name
                checks.remove(mine[0])
            return
        if context is None:
            return
        local = squash(card.get("office") or "") in vocabulary().words("card", "local_offices")
        if context.name is not None and local and " " not in context.name:
            return  # a 구청장's card in a folder that names only the province: which 구 is unknown
        if context.name is not None:
            card["government"] = context.name
        else:
            candidates = "; ".join(context.candidates)
            checks.append(_check(card, GOVERNMENT_AMBIGUOUS, _ambiguous(context), candidates, context.written))

    def _duplicate(self, card: dict, checks: list[dict], own: dict[str, list[dict]]) -> None:
        key = (card.get("government") or "", _plain(card.get("card_no")), str(card.get("as_of") or ""),
               _plain(card.get("title")))  # fmt: skip
        if not key[1] and not key[3]:
            return  # a card with neither number nor title is no one's duplicate
        ref = f"{card['source_file']}#{card['card_index']}"
        digest = _content(card, own)
        first = self.seen.get(key)
        if first is None:
            self.seen[key] = (ref, digest)
            return
        card["duplicate_of"] = first[0]
        if first[1] != digest:
            message = (
                f"This card has the same government, number, as-of date and title as {first[0]} but other "
                "content; check which submission is right (a resubmission should replace the earlier file)"
            )
            checks.append(_check(card, CONFLICTING_DUPLICATE, message, first[0], ref))


def _ambiguous(context: Resolution) -> str:
    return (
        f"The folder or mapping names {context.written!r}, which fits {len(context.candidates)} governments "
        f"({', '.join(context.candidates)}); name the folder with its city or province (부산 중구) "
        "or list the file in --governments"
    )


def _check(card: dict, check: str, message: str, expected: str | None, actual: str | None) -> dict:
    """A warning on one card, as a `checks` row."""
    return {
        "source_file": card["source_file"], "card_index": card["card_index"], "card_no": card.get("card_no"),
        "check": check, "severity": "warning", "message": message, "expected": expected, "actual": actual,
        "location": "government" if check == GOVERNMENT_AMBIGUOUS else "card",
    }  # fmt: skip


def _by_card(rows: RowSet) -> dict[object, dict[str, list[dict]]]:
    """card_index -> table -> that card's rows (checks and the content tables), in one pass."""
    out: dict[object, dict[str, list[dict]]] = {}
    for table in ("checks", *_CONTENT_TABLES):
        # a card's rows stand together (cards are built one after another): grouped by runs
        for index, run in groupby(rows.get(table, []), key=_CARD_INDEX):
            out.setdefault(index, {}).setdefault(table, []).extend(run)
    return out


def _plain(value: object) -> str:
    return squash(str(value)) if value is not None else ""


def _content(card: dict, own: dict[str, list[dict]]) -> str:
    """What the card says, wherever it was read from: its cards row and its rows of every other
    card table (`own`), without the columns that name the file, and text without its whitespace
    (a cell that wraps in a PDF and not in a TSV export, `팀 장` and `팀장`, say the same).

    Only compared within one run, so any stable spelling will do, and this runs on the one
    process that sees every card: every value, in the schema's column order, is joined as text
    with separators that are not whitespace, and the whole is squashed once (per value it cost
    several times more)."""
    values: list[object] = [card.get(column) for column in _CONTENT_COLUMNS["cards"]]
    for table in _CONTENT_TABLES:
        values.append(table)
        columns = _CONTENT_COLUMNS[table]
        for row in own.get(table, ()):
            get = row.get
            values.extend(map(get, columns))
    return hashlib.sha256(squash("\x00".join(map(str, values))).encode()).hexdigest()
