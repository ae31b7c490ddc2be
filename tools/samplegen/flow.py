"""A card as a flow of paragraphs and merged-cell tables, for the rich formats.

The text export flattens merged cells into empty cells; HWP, HWPX and PDF
keep them. This module lays each template's header and budget matrix out
as real merged cells (row span, column span), once, so every rich renderer
draws the same card from the same flow.
"""

from __future__ import annotations

from dataclasses import dataclass

from tools.samplegen.truth import TruthCard, cell_text
from tools.samplegen.tsv import _as_of, heading, task_cell


@dataclass
class Para:
    text: str
    level: int = 0  # indentation steps (rendered as leading spaces or a left margin)


@dataclass
class Grid:
    n_rows: int
    n_cols: int
    cells: list[dict]  # {r, c, rowspan, colspan, text}; text lines are separate paragraphs


@dataclass
class PageBreak:
    pass


def _c(r: int, c: int, text: str, rowspan: int = 1, colspan: int = 1) -> dict:
    return {"r": r, "c": c, "rowspan": rowspan, "colspan": colspan, "text": text}


def header_grid(card: TruthCard) -> Grid:
    related = card.related or "-"
    goal = "\n".join(f"○ {g}" for g in card.goal)
    tasks = task_cell(card, "\n")
    if card.template == "do":
        return Grid(7, 4, [
            _c(0, 0, "공약번호"), _c(0, 1, card.card_no), _c(0, 2, "공약명"), _c(0, 3, card.title),
            _c(1, 0, "소관부서"), _c(1, 1, card.lead), _c(1, 2, "협조부서"), _c(1, 3, related),
            _c(2, 0, "담당자"), _c(2, 1, card.officer.written, colspan=3),
            _c(3, 0, "사업기간"), _c(3, 1, card.period_text), _c(3, 2, "총사업비"), _c(3, 3, card.summary_text),
            _c(4, 0, "이행상황"), _c(4, 1, card.status), _c(4, 2, "이행률"), _c(4, 3, card.progress_text),
            _c(5, 0, "사업목표"), _c(5, 1, goal, colspan=3),
            _c(6, 0, "세부과제"), _c(6, 1, tasks, colspan=3),
        ])  # fmt: skip
    if card.template == "gu":
        return Grid(7, 6, [
            _c(0, 0, "공약제목"), _c(0, 1, card.title, colspan=3), _c(0, 4, "관리번호"), _c(0, 5, card.card_no),
            _c(1, 0, "주관부서", rowspan=2), _c(1, 1, card.lead, rowspan=2), _c(1, 2, "팀 장"),
            _c(1, 3, card.leader.written), _c(1, 4, "관련부서", rowspan=2), _c(1, 5, related, rowspan=2),
            _c(2, 2, "담당자"), _c(2, 3, card.officer.written),
            _c(3, 0, "사업기간"), _c(3, 1, card.period_text, colspan=2), _c(3, 3, "소요예산"),
            _c(3, 4, card.summary_text, colspan=2),
            _c(4, 0, "추진상황"), _c(4, 1, card.status, colspan=2), _c(4, 3, "진 도"),
            _c(4, 4, card.progress_text, colspan=2),
            _c(5, 0, "공약목표"), _c(5, 1, goal, colspan=5),
            _c(6, 0, "추진과제"), _c(6, 1, tasks, colspan=5),
        ])  # fmt: skip
    if card.template == "si":
        return Grid(7, 4, [
            _c(0, 0, "공약명"), _c(0, 1, card.title), _c(0, 2, "공약번호"), _c(0, 3, card.card_no),
            _c(1, 0, "담당부서"), _c(1, 1, card.lead), _c(1, 2, "협조부서"), _c(1, 3, related),
            _c(2, 0, "팀장"), _c(2, 1, card.leader.written), _c(2, 2, "담당자"), _c(2, 3, card.officer.written),
            _c(3, 0, "추진기간"), _c(3, 1, card.period_text), _c(3, 2, "총사업비"), _c(3, 3, card.summary_text),
            _c(4, 0, "이행상황"), _c(4, 1, card.status), _c(4, 2, "추진율"), _c(4, 3, card.progress_text),
            _c(5, 0, "사업목표"), _c(5, 1, goal, colspan=3),
            _c(6, 0, "세부과제"), _c(6, 1, tasks, colspan=3),
        ])  # fmt: skip
    return Grid(7, 4, [
        _c(0, 0, "연번"), _c(0, 1, "공약사업명"), _c(0, 2, "소관부서"), _c(0, 3, "관련부서"),
        _c(1, 0, card.card_no), _c(1, 1, card.title), _c(1, 2, card.lead), _c(1, 3, related),
        _c(2, 0, "팀장"), _c(2, 1, card.leader.written), _c(2, 2, "담당자"), _c(2, 3, card.officer.written),
        _c(3, 0, "추진기간"), _c(3, 1, card.period_text), _c(3, 2, "소요예산"), _c(3, 3, card.summary_text),
        _c(4, 0, "추진상태"), _c(4, 1, card.status), _c(4, 2, "진도"), _c(4, 3, card.progress_text),
        _c(5, 0, "공약목표"), _c(5, 1, goal, colspan=3),
        _c(6, 0, "추진과제"), _c(6, 1, tasks, colspan=3),
    ])  # fmt: skip


def matrix_grid(card: TruthCard) -> Grid:
    spec = card.spec
    periods = [p[0] for p in spec["periods"]]
    if not spec["groups"]:
        cells = [_c(0, 0, "구분")] + [_c(0, 1 + i, label) for i, label in enumerate(periods)]
        for row, ((fund_label, _), values) in enumerate(zip(spec["funds"], card.matrix["planned"]), start=1):
            cells.append(_c(row, 0, fund_label))
            cells += [_c(row, 1 + i, cell_text(v)) for i, v in enumerate(values)]
        return Grid(1 + len(spec["funds"]), 1 + len(periods), cells)
    n_funds = len(spec["funds"])
    cells = [_c(0, 0, "구 분" if card.template != "si" else "구분", colspan=2)]
    cells += [_c(0, 2 + i, label) for i, label in enumerate(periods)]
    row = 1
    for kind in ("planned", "invested"):
        cells.append(_c(row, 0, spec["groups"][kind], rowspan=n_funds))
        for (fund_label, _), values in zip(spec["funds"], card.matrix[kind]):
            cells.append(_c(row, 1, fund_label))
            cells += [_c(row, 2 + i, cell_text(v)) for i, v in enumerate(values)]
            row += 1
    return Grid(row, 2 + len(periods), cells)


def card_flow(card: TruthCard) -> list:
    spec = card.spec
    flow: list = [Para(spec["title_line"]), Para(_as_of(card)), header_grid(card)]
    for no, title, items in card.sections:
        flow.append(Para(heading(card, no, title)))
        if no == 2:
            if card.non_budget:
                flow.append(Para("○ 비예산 사업"))
            else:
                flow += [Para(spec["unit_line"]), matrix_grid(card)]
            continue
        for item in items:
            marker = f"{item.marker} " if item.marker else ""
            flow.append(Para(f"{marker}{item.text}", item.level))
    return flow


def document_flow(cards: list[TruthCard]) -> list:
    flow: list = []
    for i, card in enumerate(cards):
        if i:
            flow.append(PageBreak())
        flow += card_flow(card)
    return flow


def to_ir(flow: list, indent: str = "  "):
    """The flow as hwp-converter-ai's document IR (for its HWP and HWPX writers).

    Levels become leading spaces, as typists indent in Hangul; merged cells
    go in as the writer's cell metadata (row, column, spans, text lines)."""
    from hwp_converter_ai import BlockNode, BlockType, DocumentIR, InlineNode, InlineType

    blocks = []
    for part in flow:
        if isinstance(part, Para):
            text = indent * part.level + part.text
            blocks.append(BlockNode(BlockType.PARAGRAPH, children=[InlineNode(InlineType.TEXT, text)]))
        elif isinstance(part, Grid):
            meta = {"cells": [dict(c) for c in part.cells], "n_rows": part.n_rows, "n_cols": part.n_cols}
            blocks.append(BlockNode(BlockType.TABLE, metadata=meta))
        elif isinstance(part, PageBreak):
            blocks.append(BlockNode(BlockType.PAGE_BREAK))
    return DocumentIR(blocks=blocks)
