"""Four more governments' templates (SPEC §1b), each combining several variants.

Every card is described here once, as a flow of paragraphs and merged-cell
grids (the same flow the HWP, HWPX and PDF writers draw) together with the
rows cardex must read from it; the expected rows come from the same values
the flow is drawn from, never from running cardex.

- `va` 시장 공약이행 관리카드: a 6-column header with 구분/완료시기/사업주체,
  three contact tiers (rank before name), 사업목적 as the only goal,
  `□` headings without numbers, a matrix with 총사업비, a year range, 향후,
  a 확보 group with △ cuts, 민자등, and a `※ 기타:` note; bullets `o - ·`.
- `vb` 도지사 공약 실천계획(서): a two-column header, contacts in one cell
  (`과장 : 김학진 ☎2420`, names before ranks), 2조 9,334억 원 in 십억원,
  최종/임기내 목표, Latin `I.` headings with `재원투자계획` and
  `연도별 추진계획 및 실적`, 확보현황, 이후, 기타(민자), a label no vocabulary
  lists (사업위치); bullets `▸ 가. 1)`.
- `vc` 구청장 공약사업 추진상황 (as-of on the title line, `’26.06.25.(목)`):
  labels over values in the header's top rows, a status chosen with
  `■완료 □추진중 □보류`, `가.` headings, the matrix under
  `소요예산 및 확보현황` with `'27~'30`, 확보액 with ▲ cuts and a note; bullets `① 가) -`.
- `vd` no title line at all: each card starts at its header table, the
  as-of line above it (`(2025. 9월 말 현재)`), contacts without ranks, a
  status grid with a ○ under the chosen choice, 완료시기, 이행률(임기내), the
  matrix right under the header with no heading, unnumbered sections
  (`일자별 추진실적`); bullets `1) (1) ㅇ`.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tools.samplegen.flow import Grid, Para, _c
from tools.samplegen.truth import _DEPTS, _DETAILS, _NAMES, _PLACES, _WORKS

HANGUL = "가나다라마바사아자차카타파하"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
ROMAN_LATIN = ["I", "II", "III", "IV", "V", "VI"]

# Fund-level columns of `cards` in order, and the pair's `field` for each header label.
FEEDS = {
    "director": "director_rank,director_name,director_phone",
    "team_leader": "team_leader_rank,team_leader_name,team_leader_phone",
    "officer": "officer_rank,officer_name,officer_phone",
    "period": "period_start_year,period_end_year,continues_after_term",
    "budget": "budget_total_krw,budget_national_krw,budget_provincial_krw,budget_local_krw,budget_other_krw",
    "status": "status,status_code",
    "progress": "progress_pct",
}


@dataclass
class VPerson:
    rank: str | None
    name: str
    phone: str


@dataclass
class Built:
    """One card: its flow (for every writer) and the rows cardex must read from it."""

    template: str
    office: str | None
    flow: list
    expected: dict


# ---------------------------------------------------------------- pieces


def _people(rng: random.Random, n: int) -> list[str]:
    return rng.sample(_NAMES, n)


def _title(rng: random.Random) -> str:
    return f"{rng.choice(_PLACES)} {rng.choice(_WORKS)}"


def _marker(style: str, k: int) -> str:
    if style == "①":
        return CIRCLED[k]
    if style == "1)":
        return f"{k + 1})"
    if style == "(1)":
        return f"({k + 1})"
    if style == "가.":
        return f"{HANGUL[k]}."
    if style == "가)":
        return f"{HANGUL[k]})"
    return style


def _items(rng: random.Random, styles: list[str], count: int) -> list[tuple[int, str, str]]:
    """(level, marker, text) items; numbered markers count within their parent."""
    out = []
    level = 0
    counters = [0, 0, 0]
    prefix = rng.choice(_PLACES)
    for i in range(count):
        level = 0 if i == 0 else max(0, min(level + rng.choice([-1, 0, 0, 1]), 2))
        for deeper in range(level + 1, 3):
            counters[deeper] = 0
        marker = _marker(styles[level], counters[level])
        counters[level] += 1
        detail = rng.choice(_DETAILS).format(n=rng.randint(2, 90), m=rng.randint(1, 9))
        out.append((level, marker, f"{prefix} {detail}" if level == 0 else detail))
    return out


def _cell_text(value: int, minus: str = "△") -> str:
    if value == 0:
        return "-"
    return f"{minus}{-value:,}" if value < 0 else f"{value:,}"


def _matrix(rng: random.Random, n_periods: int, n_funds: int, kinds: list[str], scale: int,
            cuts: bool = False) -> dict[str, list[list[int]]]:  # fmt: skip
    """kind -> rows (total first) -> values (total column first). Invested and secured are
    shares of the plan; `cuts` puts a △ (negative) cell in the secured group."""
    plan = [[0 if rng.random() < 0.15 else rng.randint(1, 900) * scale for _ in range(n_periods - 1)]
            for _ in range(n_funds - 1)]  # fmt: skip
    out: dict[str, list[list[int]]] = {}
    for kind in kinds:
        if kind == "planned":
            funds = plan
        else:
            cut = max(1, (n_periods - 1) // 2)
            funds = [[v if i < cut else 0 for i, v in enumerate(row)] for row in plan]
            if kind == "secured" and cuts:
                funds[0][cut] = -rng.randint(1, 50) * scale
        rows = [[sum(r), *r] for r in funds]
        out[kind] = [[sum(col) for col in zip(*rows)], *rows]
    return out


def _budget_rows(matrix: dict, periods: list[tuple], funds: list[tuple], unit: int, minus: str = "△") -> list[dict]:
    rows = []
    for kind, values in matrix.items():
        for (fund_label, fund), row in zip(funds, values):
            for (label, period, year, year_to), value in zip(periods, row):
                rows.append({
                    "plan_kind": kind, "fund_label": fund_label, "fund": fund, "period_label": label,
                    "period": period, "year": year, "year_to": year_to, "amount_krw": value * unit,
                    "amount_raw": _cell_text(value, minus),
                })  # fmt: skip
    return rows


def _matrix_grid(matrix: dict, periods: list[tuple], funds: list[tuple], groups: dict | None,
                 minus: str = "△") -> Grid:  # fmt: skip
    labels = [p[0] for p in periods]
    if groups is None:
        cells = [_c(0, 0, "구분")] + [_c(0, 1 + i, lab) for i, lab in enumerate(labels)]
        for r, ((fund_label, _), values) in enumerate(zip(funds, matrix["planned"]), start=1):
            cells += [_c(r, 0, fund_label)] + [_c(r, 1 + i, _cell_text(v)) for i, v in enumerate(values)]
        return Grid(1 + len(funds), 1 + len(labels), cells)
    cells = [_c(0, 0, "구분", colspan=2)] + [_c(0, 2 + i, lab) for i, lab in enumerate(labels)]
    r = 1
    for kind, values in matrix.items():
        cells.append(_c(r, 0, groups[kind], rowspan=len(funds)))
        for (fund_label, _), row in zip(funds, values):
            cells += [_c(r, 1, fund_label)] + [_c(r, 2 + i, _cell_text(v, minus)) for i, v in enumerate(row)]
            r += 1
    return Grid(r, 2 + len(labels), cells)


def _checks(matrix: dict, periods: list[tuple], funds: list[tuple], status_code: str, progress: float) -> list:
    """The checks these figures fail (the builders write consistent cards, so normally none)."""
    found = []
    for kind, rows in matrix.items():
        for (fund_label, _), values in zip(funds, rows):
            if sum(values[1:]) != values[0]:
                found.append({"check": "budget_row_sum", "location": f"{kind}/{fund_label}"})
    if status_code == "completed" and progress < 100:
        found.append({"check": "completed_progress", "location": "progress_pct"})
    return found


class _Header:
    """A header grid and the label/value pairs it holds, built side by side."""

    def __init__(self) -> None:
        self.cells: list[dict] = []
        self.pairs: list[dict] = []
        self.n_rows = 0
        self.n_cols = 0

    def _place(self, r: int, c: int, text: str, colspan: int = 1) -> None:
        self.cells.append(_c(r, c, text, colspan=colspan))
        self.n_rows = max(self.n_rows, r + 1)
        self.n_cols = max(self.n_cols, c + colspan)

    def pair(self, label: str, value: str, field: str | None) -> None:
        self.pairs.append({"label": label, "value": value, "field": field})

    def beside(self, r: int, c: int, label: str, value: str, field: str | None, colspan: int = 1) -> None:
        self._place(r, c, label)
        self._place(r, c + 1, value, colspan)
        self.pair(label, value, field)

    def over(self, r: int, c: int, label: str, value: str, field: str | None) -> None:
        self._place(r, c, label)
        self._place(r + 1, c, value)
        self.pair(label, value, field)

    def text(self, r: int, c: int, text: str, colspan: int = 1) -> None:
        self._place(r, c, text, colspan)

    def grid(self) -> Grid:
        """The grid with every position not covered by a cell filled by a blank one (a space: a
        paragraph with no characters at all is one pyhwp's model cannot read back)."""
        covered = {(c["r"] + dr, c["c"] + dc) for c in self.cells for dr in range(c["rowspan"])
                   for dc in range(c["colspan"])}  # fmt: skip
        blanks = [_c(r, c, " ") for r in range(self.n_rows) for c in range(self.n_cols) if (r, c) not in covered]
        return Grid(self.n_rows, self.n_cols, sorted(self.cells + blanks, key=lambda c: (c["r"], c["c"])))


def _card_row(**values) -> dict:
    row = dict.fromkeys(
        ["office", "as_of", "card_no", "title", "lead_department", "related_departments",
         "team_leader_rank", "team_leader_name", "team_leader_phone", "officer_rank", "officer_name", "officer_phone",
         "director_rank", "director_name", "director_phone", "category", "implementing_body", "within_term",
         "period_start_year", "period_end_year", "continues_after_term",
         "budget_total_krw", "budget_national_krw", "budget_provincial_krw", "budget_local_krw", "budget_other_krw",
         "status", "status_code", "progress_pct", "goal", "ocr_confidence"]
    )  # fmt: skip
    row.update(values)
    return row


def _section_items(rng: random.Random, sections: list, styles: list[str], budget_no: int | None,
                   note: str | None, heading) -> tuple[list, list[dict]]:  # fmt: skip
    """Flow paragraphs and expected items of the sections (the budget section's only item is its note)."""
    flow, items = [], []
    for no, title in enumerate(sections, start=1):
        flow.append(Para(heading(no, title)))
        if no == budget_no:
            flow.append("MATRIX")  # the builder puts the unit line and matrix here
            if note:
                flow.append(Para(f"※ {note}"))
                items.append({"section_no": no, "section_title": title, "item_no": len(items) + 1, "level": 0,
                              "marker": "※", "text": note, "parent_item_no": None})  # fmt: skip
            continue
        last: dict[int, int] = {}
        for level, marker, text in _items(rng, styles, rng.randint(2, 5)):
            flow.append(Para(f"{marker} {text}", level))
            item_no = len(items) + 1
            items.append({"section_no": no, "section_title": title, "item_no": item_no, "level": level,
                          "marker": marker, "text": text,
                          "parent_item_no": last.get(level - 1) if level else None})  # fmt: skip
            last[level] = item_no
    return flow, items


def _place_matrix(flow: list, unit_line: str, grid: Grid) -> list:
    out = []
    for part in flow:
        if part == "MATRIX":
            out += [Para(unit_line), grid]
        else:
            out.append(part)
    return out


def _summary_parts(totals: dict[str, int], abbrev: dict[str, str], fmt) -> str:
    return ", ".join(f"{abbrev[f]} {fmt(v)}" for f, v in totals.items() if f != "total" and v)


def _tasks(rng: random.Random, style: str, unit_word: str | None, scale: int, unit: int):
    tasks, cells = [], []
    for k in range(rng.randint(2, 3)):
        name = _title(rng)
        end = rng.choice([2026, 2028, 2030])
        marker = _marker(style, k)
        if unit_word:
            amount = rng.randint(1, 90) * scale
            text = f"{name}({amount:,}{unit_word}, ~{end})"
            tasks.append({"task_no": k + 1, "text": text, "amount_krw": amount * unit, "end_year": end})
        else:
            text = f"{name}(~{end})"
            tasks.append({"task_no": k + 1, "text": text, "amount_krw": None, "end_year": end})
        cells.append(f"{marker} {text}")
    return tasks, "\n".join(cells)


def _expected(row: dict, tasks, budget, items, checks, pairs) -> dict:
    return {"card": row, "tasks": tasks, "budget": budget, "items": items, "checks": checks, "fields": pairs}


# ---------------------------------------------------------------- template A: 시장 공약이행 관리카드


def build_va(rng: random.Random, n: int, as_of_form: int) -> Built:
    unit, scale = 1_000_000, 10
    periods = [("총사업비", "total", None, None), ("기투자", "prior", None, None), ("2025년", "2025", 2025, 2025),
               ("2026년", "2026", 2026, 2026), ("2027년~2030년", "range", 2027, 2030),
               ("향후", "after_term", None, None)]  # fmt: skip
    funds = [("계", "total"), ("국비", "national"), ("도비", "provincial"), ("시비", "local"), ("민자등", "other")]
    groups = {"planned": "계획", "secured": "확보", "invested": "집행"}
    matrix = _matrix(rng, len(periods), len(funds), list(groups), scale, cuts=True)
    planned = {fund: matrix["planned"][i][0] * unit for i, (_, fund) in enumerate(funds)}
    summary = (
        f"{planned['total'] // unit:,}백만원("
        + _summary_parts(
            planned, {"national": "국", "provincial": "도", "local": "시", "other": "민자"}, lambda v: f"{v // unit:,}"
        )
        + ")"
    )
    status, code = [("정상", "on_track"), ("일부", "partial"), ("지연우려", "at_risk"), ("부진", "delayed")][n % 4]
    progress = float(rng.choice([20, 35, 45, 70]))
    director, leader, officer = _people(rng, 3)
    ranks = ("지방행정사무관", "행정6급", "행정7급")
    contacts = [
        VPerson(rank, name, str(rng.randint(2000, 5999))) for rank, name in zip(ranks, (director, leader, officer))
    ]
    category, term = rng.choice([("공약사업", "임기내"), ("현안(지역)사업", "임기후")])
    body = rng.choice(["○○도시공사", "시설관리공단", "민간사업자"])
    title, lead, related = _title(rng) + " 추진", rng.choice(_DEPTS), rng.choice(["-", rng.choice(_DEPTS)])
    card_no = f"4-{n:02d}-1"
    purpose = f"{rng.choice(_PLACES)} 정주여건 개선"
    task_rows, task_cell = _tasks(rng, "○", "백만원", 10, unit)
    h = _Header()
    h.beside(0, 0, "공약번호", card_no, "card_no")
    h.beside(0, 2, "구분", category, "category")
    h.beside(0, 4, "완료시기", term, "within_term")
    h.beside(1, 0, "공약명", title, "title", colspan=5)
    h.beside(2, 0, "주관부서", lead, "lead_department")
    h.beside(2, 2, "관련부서", related, "related_departments")
    h.beside(2, 4, "사업주체", body, "implementing_body")
    for c, (label, field), person in zip((0, 2, 4), (("과장", "director"), ("팀장", "team_leader"),
                                                    ("담당", "officer")), contacts):  # fmt: skip
        h.beside(3, c, label, f"{person.rank} {person.name}(☎{person.phone})", FEEDS[field])
    h.beside(4, 0, "사업기간", "2022. 7. ~ 2026. 6.", FEEDS["period"])
    h.beside(4, 2, "총사업비", summary, FEEDS["budget"], colspan=3)
    h.beside(5, 0, "추진상황", status, FEEDS["status"])
    h.beside(5, 2, "추진율(%)", f"{progress:g}", FEEDS["progress"])
    h.beside(5, 4, "신규/계속", rng.choice(["신규", "계속"]), None)
    h.beside(6, 0, "사업목적", purpose, "goal", colspan=5)
    h.beside(7, 0, "추진과제", task_cell, "tasks", colspan=5)
    note = "기타: 확보액은 추경 반영분 포함"
    sections = ["추진개요", "재원투자계획", "추진실적", "쟁점사항 및 해소방안", "향후계획"]
    body_flow, items = _section_items(rng, sections, ["o", "-", "·"], 2, note, lambda no, t: f"□ {t}")
    as_of = [dt.date(2025, 9, 30), dt.date(2026, 8, 31)][as_of_form]
    as_of_line = ["2025. 9월 말", "2026. 8.(현재)"][as_of_form]
    flow = [Para("시장 공약이행 관리카드"), Para(as_of_line), h.grid()]
    flow += _place_matrix(body_flow, "(단위: 백만원)", _matrix_grid(matrix, periods, funds, groups))
    row = _card_row(
        office="시장", as_of=as_of.isoformat(), card_no=card_no, title=title, lead_department=lead,
        related_departments=None if related == "-" else related,
        director_rank=contacts[0].rank, director_name=contacts[0].name, director_phone=contacts[0].phone,
        team_leader_rank=contacts[1].rank, team_leader_name=contacts[1].name, team_leader_phone=contacts[1].phone,
        officer_rank=contacts[2].rank, officer_name=contacts[2].name, officer_phone=contacts[2].phone,
        category=category, implementing_body=body, within_term=term == "임기내",
        period_start_year=2022, period_end_year=2026, continues_after_term=False,
        budget_total_krw=planned["total"], budget_national_krw=planned["national"] or None,
        budget_provincial_krw=planned["provincial"] or None, budget_local_krw=planned["local"] or None,
        budget_other_krw=planned["other"] or None, status=status, status_code=code, progress_pct=progress,
        goal=purpose,
    )  # fmt: skip
    checks = _checks(matrix, periods, funds, code, progress)
    expected = _expected(row, task_rows, _budget_rows(matrix, periods, funds, unit), items, checks, h.pairs)
    return Built("va", "시장", flow, expected)


# ---------------------------------------------------------------- template B: 도지사 공약 실천계획(서)


def _jo_eok(won: int) -> str:
    """2,933,400,000,000 -> `2조 9,334억`."""
    eok = won // 100_000_000
    jo, rest = divmod(eok, 10_000)
    if jo and rest:
        return f"{jo}조 {rest:,}억"
    return f"{jo}조" if jo else f"{rest:,}억"


def build_vb(rng: random.Random, n: int, as_of_form: int) -> Built:
    unit = 1_000_000_000  # 십억원
    periods = [("계", "total", None, None)] + [(f"{y}년", str(y), y, y) for y in range(2023, 2027)]
    periods += [("2027년~2030년", "range", 2027, 2030), ("이후", "after_term", None, None)]
    funds = [("총계", "total"), ("국비", "national"), ("도비", "provincial"), ("시군비", "local"),
             ("기타(민자)", "other")]  # fmt: skip
    groups = {"planned": "소요예산", "secured": "확보현황"}
    matrix = _matrix(rng, len(periods), len(funds), list(groups), 3)
    planned = {fund: matrix["planned"][i][0] * unit for i, (_, fund) in enumerate(funds)}
    summary = (
        f"{_jo_eok(planned['total'])} 원("
        + _summary_parts(planned, {"national": "국", "provincial": "도", "local": "시군", "other": "민자"}, _jo_eok)
        + ")"
    )
    status, code = [("추진전", "not_started"), ("미착수", "not_started"), ("시기미도래", "not_started"),
                    ("지연우려", "at_risk"), ("정상추진", "on_track")][n % 5]  # fmt: skip
    progress = rng.choice([0.0, 12.5, 35.5, 60.0])
    director, leader, officer = _people(rng, 3)
    d_phone = str(rng.randint(2000, 5999))
    l_phone, o_phone = (f"02-2110-{rng.randint(2000, 5999)}" for _ in range(2))
    contacts_cell = (
        f"과장 : {director} ☎{d_phone}\n팀장 : {leader} 사무관({l_phone})\n담당 : {officer} 주무관({o_phone})"
    )
    title, lead, related = _title(rng) + " 사업", rng.choice(_DEPTS), rng.choice(_DEPTS)
    card_no = f"{ROMAN_LATIN[n % 3]}-{CIRCLED[n % 5]}-{n}"
    goals = [f"{rng.choice(_PLACES)} 기반 완성", f"{rng.choice(_PLACES)} 1단계 준공"]
    task_rows, task_cell = _tasks(rng, "①", "십억원", 1, unit)
    h = _Header()
    r = 0
    for label, value, field in [
        ("공약번호", card_no, "card_no"),
        ("공약명", title, "title"),
        ("구분", "장기(지역)사업", "category"),
        ("소관부서", lead, "lead_department"),
        ("협조부서", related, "related_departments"),
        ("사업위치", f"{rng.choice(['제주시', '서귀포시'])} 일원", None),
    ]:  # a label nobody listed
        h.beside(r, 0, label, value, field)
        r += 1
    h.beside(r, 0, "연락처", contacts_cell, None)
    h.pair("과장", f"{director} ☎{d_phone}", FEEDS["director"])
    h.pair("팀장", f"{leader} 사무관({l_phone})", FEEDS["team_leader"])
    h.pair("담당", f"{officer} 주무관({o_phone})", FEEDS["officer"])
    r += 1
    for label, value, field in [("사업기간", "2023. 1. ~ 2030. 12.", FEEDS["period"]), ("소요예산", summary, FEEDS["budget"]),
                                ("추진상황", status, FEEDS["status"]), ("평균진행률", f"{progress:g}%", FEEDS["progress"]),
                                ("최종 목표", f"▸ {goals[0]}", "goal"), ("임기내 목표", f"▸ {goals[1]}", "goal"),
                                ("추진과제", task_cell, "tasks")]:  # fmt: skip
        h.beside(r, 0, label, value, field)
        r += 1
    sections = ["추진개요", "재원투자계획", "연도별 추진계획 및 실적", "참고자료"]
    body_flow, items = _section_items(rng, sections, ["▸", "가.", "1)"], 2, None,
                                      lambda no, t: f"{ROMAN_LATIN[no - 1]}. {t}")  # fmt: skip
    as_of = [dt.date(2025, 6, 30), dt.date(2025, 9, 30)][as_of_form]
    as_of_line = ["(2025년 6월말 기준)", "기준: 2025. 9월 말"][as_of_form]
    flow = [Para("도지사 공약 실천계획(서)"), Para(as_of_line), h.grid()]
    flow += _place_matrix(body_flow, "(단위 : 십억원)", _matrix_grid(matrix, periods, funds, groups))
    row = _card_row(
        office="도지사", as_of=as_of.isoformat(), card_no=card_no, title=title, lead_department=lead,
        related_departments=related, director_rank=None, director_name=director, director_phone=d_phone,
        team_leader_rank="사무관", team_leader_name=leader, team_leader_phone=l_phone,
        officer_rank="주무관", officer_name=officer, officer_phone=o_phone, category="장기(지역)사업",
        period_start_year=2023, period_end_year=2030, continues_after_term=False,
        budget_total_krw=planned["total"], budget_national_krw=planned["national"] or None,
        budget_provincial_krw=planned["provincial"] or None, budget_local_krw=planned["local"] or None,
        budget_other_krw=planned["other"] or None, status=status, status_code=code, progress_pct=progress,
        goal="\n".join(goals),
    )  # fmt: skip
    checks = _checks(matrix, periods, funds, code, progress)
    expected = _expected(row, task_rows, _budget_rows(matrix, periods, funds, unit), items, checks, h.pairs)
    return Built("vb", "도지사", flow, expected)


# ---------------------------------------------------------------- template C: 구청장 공약사업 추진상황


def build_vc(rng: random.Random, n: int, as_of_form: int) -> Built:
    unit, scale = 100_000_000, 1  # 억원
    periods = [("계", "total", None, None), ("기투자", "prior", None, None)]
    periods += [(str(y), str(y), y, y) for y in range(2024, 2027)]
    periods += [("'27~'30", "range", 2027, 2030), ("임기후", "after_term", None, None)]
    funds = [("계", "total"), ("국비", "national"), ("시비", "provincial"), ("구비", "local"), ("기타(민자)", "other")]
    groups = {"planned": "소요", "secured": "확보액", "invested": "투입"}
    matrix = _matrix(rng, len(periods), len(funds), list(groups), scale, cuts=True)
    planned = {fund: matrix["planned"][i][0] * unit for i, (_, fund) in enumerate(funds)}
    summary = (
        f"{planned['total'] // unit:,}억원("
        + _summary_parts(
            planned, {"national": "국", "provincial": "시", "local": "구", "other": "기타"}, lambda v: f"{v // unit:,}"
        )
        + ")"
    )
    choices = ["완료", "추진중", "보류"]
    chosen = n % 3
    status_cell = " ".join(("■" if i == chosen else "□") + c for i, c in enumerate(choices))
    status, code = choices[chosen], ["completed", "in_progress", "on_hold"][chosen]
    progress = 100.0 if code == "completed" else float(rng.choice([30, 55, 80]))
    leader, officer = _people(rng, 2)
    l_ext, o_ext = str(rng.randint(2000, 5999)), str(rng.randint(2000, 5999))
    title, lead, related = _title(rng), rng.choice(_DEPTS), rng.choice(["-", rng.choice(_DEPTS)])
    card_no = f"{HANGUL[n % 14]}-{n}"
    goals = [f"{rng.choice(_PLACES)} {w}" for w in rng.sample(_WORKS, 2)]
    task_rows, task_cell = _tasks(rng, "○", "억원", 1, unit)
    new_or_going = rng.choice(["신규", "계속"])
    h = _Header()
    for c, (label, value, field) in enumerate([("연번", card_no, "card_no"), ("공약명", title, "title"),
                                               ("주관부서", lead, "lead_department"),
                                               ("관련부서", related, "related_departments"),
                                               ("신규/계속", new_or_going, None)]):  # fmt: skip
        h.over(0, c, label, value, field)
    h.beside(2, 0, "팀장", f"행정6급 {leader}(☎{l_ext})", FEEDS["team_leader"], colspan=2)
    h.beside(2, 3, "담당자", f"{officer}(☎{o_ext})", FEEDS["officer"])
    h.beside(3, 0, "사업기간", "2022 ~ 【임기 후 계속】", FEEDS["period"], colspan=2)
    h.beside(3, 3, "소요예산", summary, FEEDS["budget"])
    h.beside(4, 0, "추진상황", status_cell, FEEDS["status"], colspan=2)
    h.beside(4, 3, "달성률", f"{progress:g}%", FEEDS["progress"])
    h.beside(5, 0, "공약목표", "\n".join(f"○ {g}" for g in goals), "goal", colspan=4)
    h.beside(6, 0, "추진과제", task_cell, "tasks", colspan=4)
    note = f"기타: 민자 {rng.randint(2, 9)}억원 유치 협의 중"
    sections = ["추진개요", "소요예산 및 확보현황", "추진실적", "문제점 및 대책", "향후계획"]
    body_flow, items = _section_items(rng, sections, ["①", "가)", "-"], 2, note, lambda no, t: f"{HANGUL[no - 1]}. {t}")
    as_of = [dt.date(2026, 6, 25), dt.date(2025, 6, 30)][as_of_form]
    as_of_text = ["(’26.06.25.(목))", "(2025년 6월말 기준)"][as_of_form]
    flow = [Para(f"구청장 공약사업 추진상황 {as_of_text}"), h.grid()]
    flow += _place_matrix(body_flow, "(단위:억원)", _matrix_grid(matrix, periods, funds, groups, minus="▲"))
    row = _card_row(
        office="구청장", as_of=as_of.isoformat(), card_no=card_no, title=title, lead_department=lead,
        related_departments=None if related == "-" else related,
        team_leader_rank="행정6급", team_leader_name=leader, team_leader_phone=l_ext,
        officer_rank=None, officer_name=officer, officer_phone=o_ext,
        period_start_year=2022, period_end_year=None, continues_after_term=True,
        budget_total_krw=planned["total"], budget_national_krw=planned["national"] or None,
        budget_provincial_krw=planned["provincial"] or None, budget_local_krw=planned["local"] or None,
        budget_other_krw=planned["other"] or None, status=status, status_code=code, progress_pct=progress,
        goal="\n".join(goals),
    )  # fmt: skip
    checks = _checks(matrix, periods, funds, code, progress)
    budget = _budget_rows(matrix, periods, funds, unit, minus="▲")
    expected = _expected(row, task_rows, budget, items, checks, h.pairs)
    return Built("vc", "구청장", flow, expected)


# ---------------------------------------------------------------- template D: no title line


def build_vd(rng: random.Random, n: int, as_of_form: int) -> Built:
    unit, scale = 1_000, 1000  # 천원
    periods = [("계", "total", None, None)] + [(f"{y}년", str(y), y, y) for y in range(2024, 2027)]
    periods += [("'28~'30", "range", 2028, 2030)]
    funds = [("계", "total"), ("국비", "national"), ("도비", "provincial"), ("군비", "local"), ("민자", "other")]
    matrix = _matrix(rng, len(periods), len(funds), ["planned"], scale)
    planned = {fund: matrix["planned"][i][0] * unit for i, (_, fund) in enumerate(funds)}
    summary = (
        f"{planned['total'] // unit:,}천원 ("
        + _summary_parts(
            planned, {"national": "국", "provincial": "도", "local": "군", "other": "민자"}, lambda v: f"{v // unit:,}"
        )
        + ")"
    )
    choices = ["완료(이행 후 계속추진 포함)", "추진중", "기타(시기미도래)"]
    chosen = n % 3
    code = ["completed", "in_progress", "not_started"][chosen]
    progress = 100.0 if code == "completed" else float(rng.choice([10, 40, 62]))
    director, leader, officer = _people(rng, 3)
    phones = [str(rng.randint(2000, 5999)) for _ in range(3)]
    title, lead = _title(rng), rng.choice(_DEPTS)
    body = rng.choice(["농어촌공사", "군 시설관리사업소", "민간위탁"])
    card_no = f"7-{n})"
    goal = f"{rng.choice(_PLACES)} 거점 조성"
    task_rows, task_cell = _tasks(rng, "1)", None, 1, unit)
    h = _Header()
    h.beside(0, 0, "관리번호", card_no, "card_no")
    h.beside(0, 2, "공약명", title, "title")
    h.beside(1, 0, "소관부서", lead, "lead_department")
    h.beside(1, 2, "사업주체", body, "implementing_body")
    h.beside(2, 0, "과장", f"{director}(☎{phones[0]})", FEEDS["director"])
    h.beside(2, 2, "팀장", f"{leader}(☎{phones[1]})", FEEDS["team_leader"])
    h.beside(3, 0, "담당", f"{officer}(☎{phones[2]})", FEEDS["officer"])
    h.beside(3, 2, "이행률(임기내)", f"{progress:g}", FEEDS["progress"])
    h.text(4, 0, "추진상황")
    for i, choice in enumerate(choices):
        h.text(4, 1 + i, choice)
    h.text(5, 1 + chosen, "○")
    h.pair("추진상황", choices[chosen], FEEDS["status"])
    h.beside(6, 0, "완료시기", "임기내", "within_term")
    h.beside(6, 2, "추진기간", "2024 ~ 2026", FEEDS["period"])
    h.beside(7, 0, "소요예산", summary, FEEDS["budget"], colspan=3)
    h.beside(8, 0, "공약목표", f"ㅇ {goal}", "goal", colspan=3)
    h.beside(9, 0, "세부과제", task_cell, "tasks", colspan=3)
    sections = ["추진개요", "일자별 추진실적", "향후계획"]
    body_flow, items = _section_items(rng, sections, ["1)", "(1)", "ㅇ"], None, None, lambda no, t: t)
    as_of = [dt.date(2025, 9, 30), dt.date(2024, 12, 31)][as_of_form]
    as_of_line = ["(2025. 9월 말 현재)", "2024. 12. 31. 기준"][as_of_form]
    flow = [Para(as_of_line), h.grid(), Para("(단위: 천원)"), _matrix_grid(matrix, periods, funds, None), *body_flow]
    row = _card_row(
        office=None, as_of=as_of.isoformat(), card_no=card_no, title=title, lead_department=lead,
        director_name=director, director_phone=phones[0], team_leader_name=leader, team_leader_phone=phones[1],
        officer_name=officer, officer_phone=phones[2], implementing_body=body, within_term=True,
        period_start_year=2024, period_end_year=2026, continues_after_term=False,
        budget_total_krw=planned["total"], budget_national_krw=planned["national"] or None,
        budget_provincial_krw=planned["provincial"] or None, budget_local_krw=planned["local"] or None,
        budget_other_krw=planned["other"] or None, status=choices[chosen], status_code=code, progress_pct=progress,
        goal=goal,
    )  # fmt: skip
    checks = _checks(matrix, periods, funds, code, progress)
    expected = _expected(row, task_rows, _budget_rows(matrix, periods, funds, unit), items, checks, h.pairs)
    return Built("vd", None, flow, expected)


# ---------------------------------------------------------------- template E: 군수 공약사업 추진상황


# The file's one heading: its issuer and as-of date belong to every card of the file, and
# no card repeats them (each card is only its header table and sections).
VE_HEADING = ("화순군수 공약사업 추진상황", ["(2025. 6월말 기준)", "2025년 12월말 기준"])
VE_AS_OF = [dt.date(2025, 6, 30), dt.date(2025, 12, 31)]


def build_ve(rng: random.Random, n: int, as_of_form: int) -> Built:
    unit, scale = 1_000_000, 10
    periods = [("계", "total", None, None)] + [(f"{y}년", str(y), y, y) for y in range(2023, 2027)]
    funds = [("계", "total"), ("국비", "national"), ("도비", "provincial"), ("군비", "local")]
    matrix = _matrix(rng, len(periods), len(funds), ["planned"], scale)
    planned = {fund: matrix["planned"][i][0] * unit for i, (_, fund) in enumerate(funds)}
    planned["other"] = 0
    summary = (
        f"{planned['total'] // unit:,}백만원("
        + _summary_parts(planned, {"national": "국", "provincial": "도", "local": "군"}, lambda v: f"{v // unit:,}")
        + ")"
    )
    status, code = [("정상추진", "on_track"), ("완료", "completed"), ("일부추진", "partial")][n % 3]
    progress = 100.0 if code == "completed" else float(rng.choice([15, 48, 66]))
    (officer,) = _people(rng, 1)
    phone = str(rng.randint(2000, 5999))
    title, lead = _title(rng), rng.choice(_DEPTS)
    card_no = f"{rng.randint(1, 5)}-{n}"
    place = rng.choice(_PLACES)
    section_span = f"{place} 일원"
    amount_of_work = f"{rng.randint(2, 9)}개소"
    task_rows, task_cell = _tasks(rng, "○", None, 1, unit)
    progress_label = ["추진율(%)", "이행률(%)"][n % 2]
    h = _Header()
    h.beside(0, 0, "공약번호", card_no, "card_no")
    h.beside(0, 2, "구분", "공약사업", "category")
    h.beside(1, 0, "공약명", title, "title", colspan=3)
    # a spanning row label over its sub-labels: each sub-label and its value is a pair
    h._place(2, 0, "사업개요")
    h.cells[-1]["rowspan"] = 3
    h.beside(2, 1, "사업구간", section_span, None, colspan=2)
    h.beside(3, 1, "사업량", amount_of_work, None, colspan=2)
    h.beside(4, 1, "총사업비", summary, FEEDS["budget"], colspan=2)
    h.beside(5, 0, "주관부서", lead, "lead_department")
    h.beside(5, 2, "담당자", f"{officer}(☎{phone})", FEEDS["officer"])
    # the status and the progress each over its value, the progress label carrying its unit
    h.over(6, 0, "추진상황", status, FEEDS["status"])
    h.over(6, 1, "추진기간", "2023 ~ 2026", FEEDS["period"])
    h.over(6, 2, progress_label, f"{progress:g}", FEEDS["progress"])
    h.beside(8, 0, "추진과제", task_cell, "tasks", colspan=3)
    sections = ["추진실적", "투자계획", "향후계획"]
    body_flow, items = _section_items(rng, sections, ["○", "-"], 2, None, lambda no, t: f"{no}. {t}")
    flow = [h.grid()] + _place_matrix(body_flow, "(단위: 백만원)", _matrix_grid(matrix, periods, funds, None))
    row = _card_row(
        office="군수", as_of=VE_AS_OF[as_of_form].isoformat(), card_no=card_no, title=title, lead_department=lead,
        officer_name=officer, officer_phone=phone, category="공약사업", within_term=None,
        period_start_year=2023, period_end_year=2026, continues_after_term=False,
        budget_total_krw=planned["total"], budget_national_krw=planned["national"] or None,
        budget_provincial_krw=planned["provincial"] or None, budget_local_krw=planned["local"] or None,
        budget_other_krw=None, status=status, status_code=code, progress_pct=progress,
    )  # fmt: skip
    checks = _checks(matrix, periods, funds, code, progress)
    expected = _expected(row, task_rows, _budget_rows(matrix, periods, funds, unit), items, checks, h.pairs)
    return Built("ve", "군수", flow, expected)


def file_heading(template: str, as_of_form: int) -> list:
    """The lines a file of this template opens with, once, before its first card."""
    if template != "ve":
        return []
    return [Para(VE_HEADING[0]), Para(VE_HEADING[1][as_of_form])]


BUILDERS = {"va": build_va, "vb": build_vb, "vc": build_vc, "vd": build_vd, "ve": build_ve}

# (document id, template, encoding of its text rendering, newline, number of cards, as-of form)
DOCUMENTS = [
    ("va-single", "va", "utf-8", "\n", 1, 0),
    ("va-many", "va", "cp949", "\r\n", 3, 1),
    ("vb-single", "vb", "utf-16", "\r\n", 1, 0),
    ("vb-many", "vb", "utf-8-sig", "\n", 3, 1),
    ("vc-many", "vc", "cp949", "\r\n", 3, 0),
    ("vc-single", "vc", "utf-16-le", "\n", 1, 1),
    ("vd-many", "vd", "utf-8", "\n", 4, 0),
    ("vd-single", "vd", "cp949", "\r\n", 1, 1),
    ("ve-many", "ve", "utf-8", "\n", 3, 0),
    ("ve-many-2", "ve", "cp949", "\r\n", 2, 1),
]


def flow_to_tsv(flow: list, indent: str = "  ") -> str:
    """A flow as a word processor's text export: grid rows as tab-separated cells (a merged
    cell's other cells empty), a cell's paragraphs on one line, levels as leading spaces."""
    from tools.samplegen.flow import PageBreak

    lines: list[str] = []
    for part in flow:
        if isinstance(part, Para):
            lines.append(indent * part.level + part.text)
        elif isinstance(part, Grid):
            rows = [[""] * part.n_cols for _ in range(part.n_rows)]
            for cell in part.cells:
                rows[cell["r"]][cell["c"]] = " ".join(cell["text"].split("\n"))
            lines += ["\t".join(row) for row in rows]
            lines.append("")
        elif isinstance(part, PageBreak):
            lines.append("")
    return "\n".join(lines) + "\n"
