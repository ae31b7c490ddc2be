"""What changed between two deadlines: the `changes` table, from two runs' typed tables.

Matching rule (stated in the README): a card that repeats another of its
run (`duplicate_of`) is left out, so a card submitted twice counts once. A
card of the new deadline is the same pledge as a card of the old one when
both belong to the same government (its office where no government is
known) and have the same card number (관리번호, compared without spaces),
and their titles are alike. Titles are alike when, without spaces, they
are at least 80% alike (difflib's ratio). A number whose title is not
alike was reused for another pledge: `card_no_reused` says so, and the two
cards stay unpaired. Cards left over on either side (renumbered, reused,
or without a number) are then paired within the same government by title
similarity, best pairs first. Whatever stays unpaired is `dropped` (old)
or `added` (new).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

import pandas as pd

from extract.tables.frames import Tables, frame
from extract.tables.schema import CHANGES
from extract.vocabulary import vocabulary

TITLE_SIMILARITY = 0.8
_SPACES = re.compile(r"\s+")


def _key(value: object) -> str:
    return (
        ""
        if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))
        else _SPACES.sub("", str(value))
    )


def _text(value: object) -> str | None:
    key = _key(value)
    return None if key == "" else str(value)


def _scope(row) -> str:
    """Where card numbers are unique: the government, else the office."""
    government = _key(row.government)
    return f"government:{government}" if government else f"office:{_key(row.office)}"


def _alike(a: str, b: str) -> float:
    """How alike two titles (without spaces) are; two missing titles are alike."""
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def match_cards(
    old: pd.DataFrame, new: pd.DataFrame
) -> tuple[list[tuple[int, int]], list[int], list[int], list[tuple[int, int]]]:
    """(old row, new row) pairs, old rows unmatched, new rows unmatched, and the (old, new) rows
    that share a number but not a pledge; rows are positions."""
    pairs: list[tuple[int, int]] = []
    reused: list[tuple[int, int]] = []
    old_scope = [_scope(row) for row in old.itertuples(index=False)]
    new_scope = [_scope(row) for row in new.itertuples(index=False)]
    old_title = [_key(t) for t in old.title]
    new_title = [_key(t) for t in new.title]
    by_number: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, number in enumerate(old.card_no):
        if _key(number):
            by_number[(old_scope[i], _key(number))].append(i)
    left_new: list[int] = []
    for j, number in enumerate(new.card_no):
        candidates = by_number.get((new_scope[j], _key(number))) if _key(number) else None
        if not candidates:
            left_new.append(j)
            continue
        alike = [i for i in candidates if _alike(old_title[i], new_title[j]) >= TITLE_SIMILARITY]
        if alike:
            pairs.append((alike[0], j))
            candidates.remove(alike[0])
        else:
            reused.append((candidates[0], j))
            left_new.append(j)
    matched_old = {i for i, _ in pairs}
    left_old = [i for i in range(len(old)) if i not in matched_old]
    # renumbered cards: pair by title within the same government (or office), most similar first
    scored = []
    for j in left_new:
        if not new_title[j]:
            continue
        for i in left_old:
            if old_scope[i] == new_scope[j] and old_title[i]:
                ratio = difflib.SequenceMatcher(None, old_title[i], new_title[j]).ratio()
                if ratio >= TITLE_SIMILARITY:
                    scored.append((-ratio, i, j))
    used_old, used_new = set(), set()
    for _, i, j in sorted(scored):
        if i not in used_old and j not in used_new:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    return (
        sorted(pairs, key=lambda p: p[1]),
        [i for i in left_old if i not in used_old],
        [j for j in left_new if j not in used_new],
        reused,
    )


def _money(budget: pd.DataFrame) -> dict[tuple[str, int], dict[tuple[str, str], int]]:
    """Per card (source_file, card_index): won per (plan_kind, fund), from each row's 계 column
    (or the sum of its periods where the matrix has no 계)."""
    out: dict[tuple[str, int], dict[tuple[str, str], int]] = defaultdict(dict)
    if budget.empty:
        return out
    known = budget[budget.fund.notna() & budget.amount_krw.notna()]
    for (source, index, kind, fund), group in known.groupby(
        ["source_file", "card_index", "plan_kind", "fund"], sort=False
    ):
        total = group[group.period == "total"]
        value = int(total.amount_krw.iloc[0]) if len(total) else int(group.amount_krw.sum())
        out[(source, int(index))][(kind, fund)] = value
    return out


def _items(items: pd.DataFrame) -> dict[tuple[str, int], dict[tuple[str, str], tuple[str, str]]]:
    """Per card: its items, keyed without spaces, each with its section title and text as written."""
    out: dict[tuple[str, int], dict[tuple[str, str], tuple[str, str]]] = defaultdict(dict)
    for row in items.itertuples(index=False):
        key = (_key(row.section_title), _key(row.text))
        out[(row.source_file, int(row.card_index))].setdefault(key, (_text(row.section_title), _text(row.text)))
    return out


def _counted(cards: pd.DataFrame) -> pd.DataFrame:
    """The cards that count: a card repeating an earlier one of its run is left out."""
    return cards[cards["duplicate_of"].isna()].reset_index(drop=True)


def compare(old: Tables, new: Tables) -> pd.DataFrame:
    """The `changes` table between two deadlines' tables (as `read_folder` returns or `load_tables` loads)."""
    ranks = vocabulary().status_rank
    rows: list[dict] = []
    old_cards, new_cards = _counted(old.cards), _counted(new.cards)
    pairs, dropped, added, reused = match_cards(old_cards, new_cards)
    old_money, new_money = _money(old.budget), _money(new.budget)
    old_items, new_items = _items(old.items), _items(new.items)

    def change(kind: str, o: pd.Series | None, n: pd.Series | None, detail=None, old_value=None, new_value=None,
               amounts=(None, None)):  # fmt: skip
        card = n if n is not None else o
        rows.append(
            {
                "kind": kind,
                "office": _text(card["office"]),
                "government": _text(card["government"]),
                "card_no": _text(card["card_no"]),
                "title": _text(card["title"]),
                "old_source_file": None if o is None else o["source_file"],
                "new_source_file": None if n is None else n["source_file"],
                "old_as_of": None if o is None or pd.isna(o["as_of"]) else o["as_of"],
                "new_as_of": None if n is None or pd.isna(n["as_of"]) else n["as_of"],
                "detail": detail,
                "old_value": None if old_value is None else str(old_value),
                "new_value": None if new_value is None else str(new_value),
                "old_amount_krw": amounts[0],
                "new_amount_krw": amounts[1],
            }
        )

    for i, j in pairs:
        o, n = old_cards.iloc[i], new_cards.iloc[j]
        okey, nkey = (o["source_file"], int(o["card_index"])), (n["source_file"], int(n["card_index"]))
        os_, ns = _text(o["status_code"]), _text(n["status_code"])
        if os_ != ns and (os_ or ns):
            worse = os_ in ranks and ns in ranks and ranks[ns] > ranks[os_]
            change("status_regressed" if worse else "status_changed", o, n, "status", _text(o["status"]),
                   _text(n["status"]))  # fmt: skip
        op, np_ = o["progress_pct"], n["progress_pct"]
        if pd.notna(op) and pd.notna(np_) and op != np_:
            change("progress_increased" if np_ > op else "progress_decreased", o, n, "progress_pct",
                   f"{op:g}", f"{np_:g}")  # fmt: skip
        for kind_fund in sorted(set(old_money[okey]) | set(new_money[nkey])):
            ov, nv = old_money[okey].get(kind_fund), new_money[nkey].get(kind_fund)
            if ov != nv:
                change("budget_changed", o, n, "/".join(kind_fund), ov, nv, amounts=(ov, nv))
        if _key(o["lead_department"]) != _key(n["lead_department"]):
            change("department_changed", o, n, "lead_department", _text(o["lead_department"]),
                   _text(n["lead_department"]))  # fmt: skip
        for key, (section, text) in new_items[nkey].items():
            if key not in old_items[okey]:
                change("new_items", o, n, section, None, text)
    for i, j in reused:
        o, n = old_cards.iloc[i], new_cards.iloc[j]
        change("card_no_reused", o, n, "title", _text(o["title"]), _text(n["title"]))
    for i in dropped:
        change("dropped", old_cards.iloc[i], None)
    for j in added:
        change("added", None, new_cards.iloc[j])
    order = {"added": 0, "dropped": 1, "card_no_reused": 2}
    rows.sort(key=lambda r: (order.get(r["kind"], 3), r["new_source_file"] or r["old_source_file"] or ""))
    result = frame("changes", rows)
    assert list(result.columns) == list(CHANGES)
    return result
