"""One card from its blocks: every field, task, budget cell, item and check."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.cards import checks as checklist
from extract.cards.budget import Matrix, read_matrix
from extract.cards.bullets import split_bullets
from extract.cards.dates import parse_as_of
from extract.cards.government import Resolution, combine, resolve
from extract.cards.header import read_header
from extract.cards.items import Item, read_items
from extract.cards.money import parse_budget_summary, unit_in_label
from extract.cards.ocr_repair import Repair, repair_matrix, repair_summary
from extract.cards.pairs import Pair
from extract.cards.people import parse_person
from extract.cards.split import CardBlocks, title_issuer
from extract.cards.status_grid import resolve_marked, resolve_misread_marks
from extract.cards.values import clean, parse_period, parse_progress, parse_task_terms, parse_within_term
from extract.vocabulary import squash, vocabulary
from parsers.model import Paragraph, iter_paragraphs
from parsers.numbers import OutOfRange

# The `cards` columns each header field feeds (the `fields` table's `field` column).
FEEDS = {
    "director": "director_rank,director_name,director_phone",
    "team_leader": "team_leader_rank,team_leader_name,team_leader_phone",
    "officer": "officer_rank,officer_name,officer_phone",
    "period": "period_start_year,period_end_year,continues_after_term",
    "budget": "budget_total_krw,budget_national_krw,budget_provincial_krw,budget_local_krw,budget_other_krw",
    "status": "status,status_code",
    "progress": "progress_pct",
    "purpose": "goal",
    "tasks": "tasks",  # the tasks table, not a cards column
}
_UNFED = {"known_only"}


@dataclass(slots=True)
class Task:
    task_no: int
    text: str
    amount_krw: int | None
    end_year: int | None


@dataclass
class Card:
    row: dict  # the `cards` columns except source_file and card_index
    tasks: list[Task] = field(default_factory=list)
    matrix: Matrix = field(default_factory=Matrix)
    items: list[Item] = field(default_factory=list)
    checks: list[checklist.Check] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)  # every header label/value, for the `fields` table

    def field_rows(self) -> list[dict]:
        return [
            {"label": p.label, "value": p.value, "field": (FEEDS.get(p.field, p.field) if p.used else None)}
            for p in self.pairs
        ]


def _fields(pairs: list[Pair]) -> dict[str, Pair]:
    """The pair that feeds each field: the first with a value. Goal lines gather from every
    goal label (최종 목표, 임기내 목표); 사업목적 stands in only where no goal label is."""
    chosen: dict[str, Pair] = {}
    goals = [p for p in pairs if p.field == "goal" and p.value.strip()]
    for pair in pairs:
        if pair.field is None or pair.field in _UNFED or pair.field == "goal" or not pair.value.strip():
            continue
        if pair.field == "purpose" and goals:
            continue
        chosen.setdefault(pair.field, pair)
    for pair in [*chosen.values(), *goals]:
        pair.used = True
    if goals:
        chosen["goal"] = Pair(goals[0].label, "\n".join(p.value for p in goals), "goal", goals[0].prov)
    elif "purpose" in chosen:
        chosen["goal"] = chosen["purpose"]
    return chosen


def _text(fields: dict[str, Pair], name: str) -> str:
    value = fields.get(name)
    return clean(" ".join(value.value.splitlines())) if value else ""


def _level_office(office: str | None, fields: dict[str, Pair], blocks: CardBlocks) -> str | None:
    """The office whose level decides what 시비 means. A title without an issuer
    (`공약사항 관리카드`) leaves it to the fund labels: 구비 means a 구청장's card,
    군비 a 군수's."""
    if office:
        return office
    text = squash(" ".join([fields["budget"].value if "budget" in fields else ""] + [
        p.text for s in blocks.sections if s.is_budget for p in iter_paragraphs(s.blocks)
    ]))  # fmt: skip
    for level, (fund, short) in vocabulary().office_by_fund.items():
        if fund in text or re.search(rf"[(,/]{re.escape(short)}\d", text):
            return level
    return None


def _first_page(blocks: CardBlocks) -> int | None:
    """The page (PDF, scan) or section (HWP, HWPX) the card starts on, to find it in the original;
    None for a text file, which has no pages."""
    first = blocks.title_line or next(iter(blocks.header), None)
    page = first.prov.page if first is not None else None
    return page if isinstance(page, int) and page > 0 else None


def ocr_confidence(blocks: CardBlocks) -> float | None:
    """Tesseract's word confidence over the card's text, weighted by characters (a long
    paragraph read badly weighs more than a short label); None for a card of digital text."""
    if blocks.tables is not None and not blocks.tables.rows.ocr:
        return None  # the split found nothing read by OCR in the whole document
    everything = [*([blocks.title_line] if blocks.title_line else []), *blocks.header]
    everything += [b for section in blocks.sections for b in section.blocks]
    read = [(p.confidence, len(p.text)) for p in iter_paragraphs(everything) if p.confidence is not None]
    chars = sum(n for _, n in read)
    return round(sum(c * n for c, n in read) / chars, 1) if chars else None


def card_government(blocks: CardBlocks, pairs: list[Pair]) -> Resolution | None:
    """The government the card names: its title's issuer (`금정구청장`), a header cell for it
    (기관명), a department written with its office (`금정구청 일자리경제과`), or a line of the
    header that is a place name alone (`부산광역시 금정구`); see `government.combine`."""
    found: list[Resolution | None] = []
    title = blocks.title_line or blocks.heading
    issuer = title_issuer(title.text) if title is not None else None
    if issuer:
        found.append(resolve(issuer, trailing=True))
    for pair in pairs:
        if pair.field == "government":
            found.append(resolve(pair.value))
        elif pair.value.split()[:1] and pair.value.split()[0].endswith("청"):
            found.append(resolve(pair.value.split()[0]))
    found += [resolve(b.text) for b in blocks.header if isinstance(b, Paragraph)]
    return combine([r for r in found if r is not None])


def build_card(blocks: CardBlocks) -> Card:
    vocab = vocabulary()
    pairs = read_header(blocks.header, blocks.tables)
    fields = _fields(pairs)
    office = _level_office(blocks.office, fields, blocks)
    confidence = ocr_confidence(blocks)
    ocr = confidence is not None
    director = parse_person(_text(fields, "director"), ocr=ocr)
    team_leader = parse_person(_text(fields, "team_leader"), ocr=ocr)
    officer = parse_person(_text(fields, "officer"), ocr=ocr)
    period = parse_period(_text(fields, "period"))
    status = _text(fields, "status") or None
    if status is not None:
        status = resolve_marked(status) or status  # `■완료 □추진중`: the marked choice
        if ocr:  # boxes misread by OCR (`@완료 니추진중`)
            status = resolve_misread_marks(status) or status

    rows = blocks.tables.rows if blocks.tables is not None else None  # the document's tables, as read
    matrix = read_matrix([b for s in blocks.sections if s.is_budget for b in s.blocks], office, rows)
    if not matrix.found:
        # Templates without a numbered budget section keep the matrix elsewhere.
        matrix = read_matrix(blocks.header + [b for s in blocks.sections for b in s.blocks], office, rows)
    label_unit = unit_in_label(fields["budget"].label) if "budget" in fields else None

    def read_summary(text: str):
        return parse_budget_summary(clean(" ".join(text.splitlines())), office, label_unit or matrix.unit)

    budget_text = fields["budget"].value if "budget" in fields else ""
    summary = read_summary(budget_text)
    matrix.price(matrix.unit or summary.unit)
    repairs: list[Repair] = []
    if ocr:  # a scan: its sums can put misread figures right
        repairs = repair_matrix(matrix)
        summary, fixed = repair_summary(budget_text, summary, read_summary, matrix.planned_totals())
        if fixed is not None:
            fields["budget"].value = fixed.reading or budget_text  # the text the sums confirm
            repairs.append(fixed)
    default_multiplier = summary.unit or matrix.unit

    goal_field = fields.get("goal")
    goal_lines = split_bullets(goal_field.value, lines_are_items=ocr) if goal_field else []
    tasks_field = fields.get("tasks")
    tasks = []
    out_of_range: list[tuple[str, OutOfRange]] = [("header/budget", exc) for exc in summary.out_of_range]
    out_of_range += [(f"budget/{c.plan_kind}/{c.fund_label}/{c.period.label}", exc) for c, exc in matrix.out_of_range]
    for number, text in enumerate(
        split_bullets(tasks_field.value, lines_are_items=ocr) if tasks_field else [], start=1
    ):
        try:
            amount, end_year = parse_task_terms(text, default_multiplier)
        except OutOfRange as exc:
            amount, end_year = None, None
            out_of_range.append((f"tasks/{number}", exc))
        tasks.append(Task(number, text, amount, end_year))

    try:
        progress = parse_progress(_text(fields, "progress"))
    except OutOfRange as exc:
        progress = None
        out_of_range.append(("progress_pct", exc))
    status_code = vocab.status_code(status)
    as_of = blocks.as_of or parse_as_of(_text(fields, "as_of"))
    government = card_government(blocks, pairs)
    row = {
        "office": blocks.office,
        "government": government.name if government is not None else None,
        "duplicate_of": None,  # set across files, once the run knows every card before this one
        "as_of": as_of,
        "card_no": _text(fields, "card_no") or None,
        "title": _text(fields, "title") or None,
        "lead_department": _text(fields, "lead_department") or None,
        "related_departments": _text(fields, "related_departments") or None,
        "team_leader_rank": team_leader.rank,
        "team_leader_name": team_leader.name,
        "team_leader_phone": team_leader.phone,
        "officer_rank": officer.rank,
        "officer_name": officer.name,
        "officer_phone": officer.phone,
        "director_rank": director.rank,
        "director_name": director.name,
        "director_phone": director.phone,
        "category": _text(fields, "category") or None,
        "implementing_body": _text(fields, "implementing_body") or None,
        "within_term": parse_within_term(_text(fields, "within_term")),
        "period_start_year": period.start_year,
        "period_end_year": period.end_year,
        "continues_after_term": period.continues_after_term if _text(fields, "period") else None,
        "budget_total_krw": summary.total,
        "budget_national_krw": summary.national,
        "budget_provincial_krw": summary.provincial,
        "budget_local_krw": summary.local,
        "budget_other_krw": summary.other,
        "status": status,
        "status_code": status_code,
        "progress_pct": progress,
        "goal": "\n".join(goal_lines) or None,
        "ocr_confidence": confidence,
        "page": _first_page(blocks),
    }
    items = read_items(blocks.sections, matrix.tables, ocr=ocr)
    card = Card(row=row, tasks=tasks, matrix=matrix, items=items, pairs=pairs)
    card.checks = (
        checklist.range_checks(out_of_range)
        + checklist.budget_checks(matrix)
        + checklist.header_budget_checks(summary, matrix)
        + checklist.progress_checks(progress, status_code)
        + checklist.unit_checks(matrix)
        + checklist.matrix_missing_checks(summary, matrix)
        + checklist.required_checks(row)
        + checklist.ocr_checks(row["ocr_confidence"])
        + checklist.repair_checks(repairs)
        + checklist.label_repair_checks(pairs)
        + checklist.government_checks(government)
    )
    return card
