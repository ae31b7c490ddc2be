"""Render a truth card as the tab-separated text a word processor exports.

Each template lays its header out differently (the seed's merged-cell
layout, a 4-column grid, labels over values) so the pipeline is exercised
on every variant SPEC lists.
"""

from __future__ import annotations

from tools.samplegen.truth import ROMAN, TruthCard, cell_text


def _as_of(card: TruthCard) -> str:
    d = card.as_of
    return {
        "gu": f"({d.year}. {d.month}. {d.day}. 現在)",
        "si": f"({d.year}.{d.month}.{d.day}. 기준)",
        "gun": f"{d.year}. {d.month}. {d.day}. 현재",
        "do": f"{d.year}. {d.month}. {d.day}. 기준",
    }[card.template]


def heading(card: TruthCard, no: int, title: str) -> str:
    return f"{ROMAN[no - 1]}. {title}" if card.spec.get("roman") else f"{no}. {title}"


def task_cell(card: TruthCard, joiner: str) -> str:
    if card.template == "do":
        return joiner.join(f"{chr(0x2460 + i)} {t[0]}" for i, t in enumerate(card.tasks))
    return joiner.join(f"○ {t[0]}" for t in card.tasks)


def _bullets(marker: str, texts: list[str]) -> str:
    return " ".join(f"{marker} {t}" for t in texts)


def header_rows(card: TruthCard) -> list[list[str]]:
    """The header table as rows of cells (shared with the other renderers)."""
    related = card.related or "-"
    goal = _bullets("○", card.goal)
    tasks = task_cell(card, " ")
    if card.template == "do":
        return [
            ["공약번호", card.card_no, "공약명", card.title],
            ["소관부서", card.lead, "협조부서", related],
            ["담당자", card.officer.written, "", ""],
            ["사업기간", card.period_text, "총사업비", card.summary_text],
            ["이행상황", card.status, "이행률", card.progress_text],
            ["사업목표", goal, "", ""],
            ["세부과제", tasks, "", ""],
        ]
    if card.template == "gu":
        return [
            ["공약제목", card.title, "", "", "관리번호", card.card_no],
            ["주관부서", card.lead, "팀 장", card.leader.written, "관련부서", related],
            ["", "", "담당자", card.officer.written, "", ""],
            ["사업기간", card.period_text, "", "소요예산", card.summary_text, ""],
            ["추진상황", card.status, "", "진 도", card.progress_text, ""],
            ["공약목표", goal, "", "", "", ""],
            ["추진과제", tasks, "", "", "", ""],
        ]
    if card.template == "si":
        return [
            ["공약명", card.title, "공약번호", card.card_no],
            ["담당부서", card.lead, "협조부서", related],
            ["팀장", card.leader.written, "담당자", card.officer.written],
            ["추진기간", card.period_text, "총사업비", card.summary_text],
            ["이행상황", card.status, "추진율", card.progress_text],
            ["사업목표", goal, "", ""],
            ["세부과제", tasks, "", ""],
        ]
    return [
        ["연번", "공약사업명", "소관부서", "관련부서"],
        [card.card_no, card.title, card.lead, related],
        ["팀장", card.leader.written, "담당자", card.officer.written],
        ["추진기간", card.period_text, "소요예산", card.summary_text],
        ["추진상태", card.status, "진도", card.progress_text],
        ["공약목표", goal, "", ""],
        ["추진과제", tasks, "", ""],
    ]


def matrix_rows(card: TruthCard) -> list[list[str]]:
    spec = card.spec
    labels = [p[0] for p in spec["periods"]]
    if card.template == "do":  # no row groups: funds directly under the header
        rows = [["구분", *labels]]
        for (fund_label, _), values in zip(spec["funds"], card.matrix["planned"]):
            rows.append([fund_label, *(cell_text(v) for v in values)])
        return rows
    if card.template == "gu":
        rows = [["구 분", *labels, ""]]  # the merged 구 분 leaves its empty cell at the end, as in the seed
    else:
        rows = [["구분" if card.template == "si" else "구 분", "", *labels]]
    for kind in ("planned", "invested"):
        for i, ((fund_label, _), values) in enumerate(zip(spec["funds"], card.matrix[kind])):
            group = spec["groups"][kind] if i == 0 else ""
            rows.append([group, fund_label, *(cell_text(v) for v in values)])
    return rows


def indent(card: TruthCard, level: int) -> str:
    return {"gu": " ", "si": "  ", "gun": "   ", "do": "  "}[card.template] * level


def render(card: TruthCard) -> str:
    spec = card.spec
    lines = ["", spec["title_line"], "", _as_of(card), ""]
    lines += ["\t".join(row) for row in header_rows(card)]
    lines.append("")
    for no, title, items in card.sections:
        lines += [heading(card, no, title), ""]
        if no == 2:
            if card.non_budget:
                lines += ["○ 비예산 사업", ""]
            else:
                lines += [spec["unit_line"], ""]
                lines += ["\t".join(row) for row in matrix_rows(card)]
                lines.append("")
            continue
        for item in items:
            marker = f"{item.marker} " if item.marker else ""
            lines.append(f"{indent(card, item.level)}{marker}{item.text}")
        lines.append("")
    return "\n".join(lines) + "\n"
