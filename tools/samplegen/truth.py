"""Ground-truth cards: what each generated card says, and every value cardex must read.

A card is described once (`TruthCard`) and rendered in every format by the
renderers beside this module; its expected output rows are computed here
from the description, never by running cardex.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

UNIT_WON = {"백만원": 1_000_000, "천원": 1_000, "억원": 100_000_000}

# Three government templates (SPEC section 1 variants).
TEMPLATES = {
    "gu": {
        "office": "구청장",
        "title_line": "구청장 공약사항 관리카드",
        "unit": "백만원",
        "unit_line": "(단위: 백만원)",
        "periods": [("계", "total", None), ("기투자", "prior", None)]
        + [(f"{y}년", str(y), y) for y in range(2022, 2027)]
        + [("임기후", "after_term", None)],
        "funds": [("총계", "total"), ("국비", "national"), ("시비", "provincial"), ("구비", "local"), ("기타", "other")],
        "groups": {"planned": "소요 예산 (계획)", "invested": "투입 예산"},
        "abbrev": {"national": "국", "provincial": "시", "local": "구", "other": "기타"},
        "sections": ["추진개요", "투자계획(예산/비예산)", "추진실적", "추진상 문제점 및 대책(협조사항)", "향후계획",
                     "기타 참고사항(관련사진 등)"],
        "markers": ["○", "-", "·"],
    },
    "si": {
        "office": "시장",
        "title_line": "시장 공약사항 관리카드",
        "unit": "천원",
        "unit_line": "(단위 : 천원)",
        "periods": [("합계", "total", None)] + [(f"{y}년", str(y), y) for y in range(2018, 2023)]
        + [("임기후", "after_term", None)],
        "funds": [("계", "total"), ("국비", "national"), ("도비", "provincial"), ("시비", "local"), ("기타", "other")],
        "groups": {"planned": "계획", "invested": "집행액"},
        "abbrev": {"national": "국", "provincial": "도", "local": "시", "other": "기타"},
        "sections": ["사업개요", "투자계획", "추진실적", "문제점 및 대책", "향후 추진계획"],
        "markers": ["□", "○", "-"],
    },
    "gun": {
        "office": "군수",
        "title_line": "군수 공약 관리카드",
        "unit": "백만원",
        "unit_line": "(단위:백만원)",
        "periods": [("계", "total", None), ("기투자", "prior", None)] + [(str(y), str(y), y) for y in range(2022, 2027)],
        "funds": [("총계", "total"), ("국비", "national"), ("도비", "provincial"), ("군비", "local"), ("민자", "other")],
        "groups": {"planned": "소요예산", "invested": "투자실적"},
        "abbrev": {"national": "국", "provincial": "도", "local": "군", "other": "민자"},
        "sections": ["추진개요", "투자계획", "이행실적", "문제점 및 대책", "향후계획", "기타 참고사항"],
        "markers": ["ㅇ", "-", "※"],
    },
    "do": {
        "office": "도지사",
        "title_line": "도지사 공약 관리카드",
        "unit": "억원",
        "unit_line": "(단위 : 억원)",
        "periods": [("합계", "total", None)] + [(str(y), str(y), y) for y in range(2023, 2027)],
        "funds": [("계", "total"), ("국비", "national"), ("도비", "provincial"), ("시군비", "local")],
        "groups": None,  # one block of funds: the plan only
        "abbrev": {"national": "국비", "provincial": "도비", "local": "시군비"},
        "sections": ["사업개요", "투자계획", "추진실적", "향후계획"],
        "markers": ["□", "○", "-"],
        "roman": True,
    },
}  # fmt: skip

ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"

STATUSES = [
    ("추진중", "in_progress"),
    ("정상추진", "on_track"),
    ("완료", "completed"),
    ("이행후 계속추진", "completed_ongoing"),
    ("일부추진", "partial"),
    ("부진", "delayed"),
    ("보류", "on_hold"),
    ("폐기", "dropped"),
    ("지연", "delayed"),
    ("철회", "dropped"),
    ("이행완료", "completed"),
    ("검토중", "other"),
]

_PLACES = [
    "청년",
    "어르신",
    "소상공인",
    "전통시장",
    "생활체육",
    "도시재생",
    "스마트 교통",
    "탄소중립",
    "돌봄",
    "문화예술",
]
_WORKS = ["지원사업 추진", "기반 조성", "센터 건립", "활성화 사업", "환경 개선", "네트워크 구축", "특화사업 운영"]
_DEPTS = ["일자리경제과", "도시재생과", "복지정책과", "문화관광과", "교통행정과", "환경위생과", "기획예산과", "건설과"]
_NAMES = ["신정미", "이찬문", "김민수", "박서연", "최영호", "정다은", "한지훈", "오세라", "윤태경", "장미란"]
_RANKS = ["행정6급", "행정7급", "시설6급", "지방행정주사", "주무관", "행정주사보"]
_DETAILS = [
    "대 상: 관내 {n}개 업체",
    "기 간: 2024. {m}. ~ 2024.12.",
    "사업비 {n}백만원 교부",
    "주민설명회 개최 {n}회",
    "협약 체결 및 참여자 모집",
    "추진방법: 공모를 통한 선정 및 위원회 심의",
    "수행기관: 지역경제진흥원",
    "{n}명 참여, 만족도 조사 실시",
    "실시설계 용역 착수(2024. {m}.)",
    "관계기관 협의 완료",
]


@dataclass
class Person:
    rank: str
    name: str
    phone: str
    written: str


@dataclass
class Item:
    level: int
    marker: str
    text: str


@dataclass
class TruthCard:
    template: str
    card_no: str
    title: str
    as_of: dt.date
    lead: str
    related: str | None
    leader: Person
    officer: Person
    period_text: str
    period: tuple[int | None, int | None, bool]
    status: str
    status_code: str
    progress_text: str
    progress: float
    goal: list[str]
    tasks: list[tuple[str, int | None, int | None]]  # text, amount in won, end year
    non_budget: bool
    matrix: dict[str, list[list[int]]]  # kind -> rows (funds order) -> values in units per period
    summary_text: str
    summary: dict[str, int | None]  # total/national/... in won
    sections: list[tuple[int, str, list[Item]]]
    notes: list[str] = field(default_factory=list)

    @property
    def spec(self) -> dict:
        return TEMPLATES[self.template]


def _person(rng: random.Random, style: str) -> Person:
    rank, name, ext = rng.choice(_RANKS), rng.choice(_NAMES), str(rng.randint(2000, 5999))
    if style == "do":
        full = f"061-286-{ext}"
        return Person(rank, name, full, f"{rank} {name} (T. {full})")
    if style == "gu":
        return Person(rank, name, ext, f"{rank} {name}(☎{ext})")
    if style == "si":
        return Person(rank, name, ext, f"{rank} {name} T.{ext}")
    full = f"061-330-{ext}"
    return Person(rank, name, full, f"{rank} {name}({full})")


def _matrix(rng: random.Random, spec: dict) -> dict[str, list[list[int]]]:
    periods = spec["periods"]
    n_funds = len(spec["funds"]) - 1
    planned_funds = []
    for f in range(n_funds):
        zero_fund = f == n_funds - 1 and rng.random() < 0.3
        scale = {"백만원": 10, "천원": 1000, "억원": 1}[spec["unit"]]
        row = [0 if zero_fund or rng.random() < 0.15 else rng.randint(1, 900) * scale for _ in periods[1:]]
        planned_funds.append(row)
    invested_funds = []
    for row in planned_funds:
        cut = len(row) // 2
        invested_funds.append([v if i < cut else 0 for i, v in enumerate(row)])
    out = {}
    kinds = (
        (("planned", planned_funds), ("invested", invested_funds)) if spec["groups"] else (("planned", planned_funds),)
    )
    for kind, funds in kinds:
        rows = [[sum(r)] + r for r in funds]
        total = [sum(col) for col in zip(*rows)]
        out[kind] = [total] + rows
    return out


def _summary_text(spec: dict, planned_totals: dict[str, int], template: str) -> str:
    unit, total = spec["unit"], planned_totals["total"]
    parts = [(spec["abbrev"][f], v) for f, v in planned_totals.items() if f != "total" and v]
    if template == "gu":
        return f"{total:,}{unit}({', '.join(f'{a}{v:,}' for a, v in parts)})"
    if template == "si":
        return f"{total:,}{unit}({' / '.join(f'{a} {v:,}' for a, v in parts)})"
    if template == "do":
        return f"{total:,}{unit} ({', '.join(f'{a} {v:,}' for a, v in parts)})"
    return f"총 {total:,}{unit} ({', '.join(f'{a} {v:,}' for a, v in parts)})"


def _items(rng: random.Random, markers: list[str], count: int, prefix: str) -> list[Item]:
    items: list[Item] = []
    level = 0
    for i in range(count):
        if i == 0:
            level = 0
        else:
            level = max(0, min(level + rng.choice([-1, 0, 0, 1]), 2))
        detail = rng.choice(_DETAILS).format(n=rng.randint(2, 90), m=rng.randint(1, 9))
        text = f"{prefix} {detail}" if level == 0 else detail
        items.append(Item(level, markers[level], text))
    return items


def make_card(rng: random.Random, template: str, number: int, *, status: tuple[str, str] | None = None,
              non_budget: bool = False, fault: str | None = None) -> TruthCard:  # fmt: skip
    spec = TEMPLATES[template]
    topic = f"{rng.choice(_PLACES)} {rng.choice(_WORKS)}"
    card_no = {"gu": f"1-{number}-1", "si": f"{number}-2", "gun": f"{number}", "do": f"{number % 9 + 1}-{number}"}[
        template
    ]
    status_text, status_code = status or rng.choice(STATUSES[:8])
    progress = {"completed": 100.0, "completed_ongoing": 100.0}.get(
        status_code, float(rng.choice([10, 25, 40, 50, 75]))
    )
    if template == "si":
        progress += 0.5 if progress < 100 else 0
    if fault == "completed_low_progress":
        status_text, status_code, progress = "완료", "completed", 90.0
    progress_text = {"gu": f"{progress:g}%", "si": f"{progress:g} %", "gun": f"{progress:g}", "do": f"{progress:g}%"}[
        template
    ]
    if template == "gu":
        start = rng.choice([2022, 2023])
        continues = rng.random() < 0.5
        period_text = f"{start} ~ 【임기 후 계속】" if continues else f"{start} ~ 2026"
        period = (start, None if continues else 2026, continues)
    elif template == "si":
        period_text, period = "2018. 7. ~ 2022. 6.", (2018, 2022, False)
    elif template == "do":
        period_text, period = "2023. 1. ~ 2026. 12.", (2023, 2026, False)
    else:
        period_text, period = "2022. 7. ~ 2026. 6.", (2022, 2026, False)
    as_of = {"gu": dt.date(2024, 6, 30), "si": dt.date(2024, 12, 31), "gun": dt.date(2024, 6, 30),
             "do": dt.date(2024, 12, 31)}[template]  # fmt: skip
    unit_won = UNIT_WON[spec["unit"]]

    matrix: dict[str, list[list[int]]] = {}
    summary: dict[str, int | None] = {k: None for k in ("total", "national", "provincial", "local", "other")}
    if non_budget:
        summary_text = "비예산"
        summary["total"] = 0
    else:
        matrix = _matrix(rng, spec)
        planned_totals = {fund: matrix["planned"][i][0] for i, (_, fund) in enumerate(spec["funds"])}
        if fault == "header_total":
            planned_totals = {**planned_totals, "total": planned_totals["total"] + 100}
        summary_text = _summary_text(spec, planned_totals, template)
        summary["total"] = planned_totals["total"] * unit_won
        for fund, value in planned_totals.items():
            if fund != "total" and value:
                summary[fund] = value * unit_won
        if fault == "wrong_row_total":
            matrix["planned"][1][0] += 10  # the 국비 row's 계 no longer adds up

    tasks = []
    for _ in range(rng.randint(2, 4)):
        name = f"{rng.choice(_PLACES)} {rng.choice(_WORKS)}"
        if template == "do":  # ① name (2025년): an end year, no amount
            end = rng.choice([2025, 2026])
            tasks.append((f"{name} ({end}년)", None, end))
        elif non_budget or rng.random() < 0.3:
            tasks.append((name, None, None))
        else:
            amount = rng.randint(1, 500) * 10
            end = rng.choice([2025, 2026])
            tasks.append((f"{name}({amount:,}{spec['unit']}, ~{end})", amount * unit_won, end))

    sections = []
    for no, title in enumerate(spec["sections"], start=1):
        if no == 2:
            sections.append((no, title, []))
            continue
        if no == 6:
            captions = [Item(0, "", f"{rng.choice(_PLACES)} 현장 점검 사진({rng.randint(1, 9)}차)") for _ in range(2)]
            sections.append((no, title, captions))
            continue
        sections.append((no, title, _items(rng, spec["markers"], rng.randint(2, 6), rng.choice(_PLACES))))

    return TruthCard(
        template=template,
        card_no=card_no,
        title=f"{topic} 추진",
        as_of=as_of,
        lead=rng.choice(_DEPTS),
        related=rng.choice([None, rng.choice(_DEPTS)]),
        leader=Person(None, None, None, "") if template == "do" else _person(rng, template),
        officer=_person(rng, template),
        period_text=period_text,
        period=period,
        status=status_text,
        status_code=status_code,
        progress_text=progress_text,
        progress=progress,
        goal=[f"{rng.choice(_PLACES)} {w}" for w in rng.sample(_WORKS, rng.randint(1, 2))],
        tasks=tasks,
        non_budget=non_budget,
        matrix=matrix,
        summary_text=summary_text,
        summary=summary,
        sections=sections,
        notes=[fault] if fault else [],
    )


# ---------------------------------------------------------------- expected rows


def expected(card: TruthCard) -> dict:
    """Every output value of this card, as the test compares them."""
    spec = card.spec
    unit_won = UNIT_WON[spec["unit"]]
    row = {
        "office": spec["office"],
        "as_of": card.as_of.isoformat(),
        "card_no": card.card_no,
        "title": card.title,
        "lead_department": card.lead,
        "related_departments": card.related,
        "team_leader_rank": card.leader.rank,
        "team_leader_name": card.leader.name,
        "team_leader_phone": card.leader.phone,
        "officer_rank": card.officer.rank,
        "officer_name": card.officer.name,
        "officer_phone": card.officer.phone,
        "period_start_year": card.period[0],
        "period_end_year": card.period[1],
        "continues_after_term": card.period[2],
        "budget_total_krw": card.summary["total"],
        "budget_national_krw": card.summary["national"],
        "budget_provincial_krw": card.summary["provincial"],
        "budget_local_krw": card.summary["local"],
        "budget_other_krw": card.summary["other"],
        "status": card.status,
        "status_code": card.status_code,
        "progress_pct": card.progress,
        "goal": "\n".join(card.goal),
        # columns these templates never fill
        "director_rank": None, "director_name": None, "director_phone": None,
        "category": None, "implementing_body": None, "within_term": None, "ocr_confidence": None,
    }  # fmt: skip
    tasks = [
        {"task_no": i, "text": text, "amount_krw": amount, "end_year": end}
        for i, (text, amount, end) in enumerate(card.tasks, start=1)
    ]
    budget = []
    for kind in ("planned", "invested"):
        for (fund_label, fund), values in zip(spec["funds"], card.matrix.get(kind, [])):
            for (label, period, year), value in zip(spec["periods"], values):
                budget.append({
                    "plan_kind": kind, "fund_label": fund_label, "fund": fund, "period_label": label,
                    "period": period, "year": year, "year_to": year, "amount_krw": value * unit_won,
                    "amount_raw": cell_text(value),
                })  # fmt: skip
    items = []
    for no, title, section_items in card.sections:
        last_at_level: dict[int, int] = {}
        for item in section_items:
            item_no = len(items) + 1
            items.append({
                "section_no": no, "section_title": title, "item_no": item_no, "level": item.level,
                "marker": item.marker, "text": item.text,
                "parent_item_no": last_at_level.get(item.level - 1) if item.level else None,
            })  # fmt: skip
            last_at_level[item.level] = item_no
    return {"card": row, "tasks": tasks, "budget": budget, "items": items, "checks": expected_checks(card),
            "fields": header_pairs(card)}  # fmt: skip


FEEDS = {
    "team_leader": "team_leader_rank,team_leader_name,team_leader_phone",
    "officer": "officer_rank,officer_name,officer_phone",
    "period": "period_start_year,period_end_year,continues_after_term",
    "budget": "budget_total_krw,budget_national_krw,budget_provincial_krw,budget_local_krw,budget_other_krw",
    "status": "status,status_code",
    "progress": "progress_pct",
}


def header_pairs(card: TruthCard) -> list[dict]:
    """The header's label/value pairs as each template lays them out (tsv.header_rows, flow.header_grid)."""
    goal = " ".join(f"○ {g}" for g in card.goal)
    if card.template == "do":
        tasks = " ".join(f"{chr(0x2460 + i)} {t[0]}" for i, t in enumerate(card.tasks))
    else:
        tasks = " ".join(f"○ {t[0]}" for t in card.tasks)
    related = card.related or "-"
    values = {
        "title": (card.title, "title"), "card_no": (card.card_no, "card_no"), "lead": (card.lead, "lead_department"),
        "leader": (card.leader.written, FEEDS["team_leader"]), "related": (related, "related_departments"),
        "officer": (card.officer.written, FEEDS["officer"]), "period": (card.period_text, FEEDS["period"]),
        "budget": (card.summary_text, FEEDS["budget"]), "status": (card.status, FEEDS["status"]),
        "progress": (card.progress_text, FEEDS["progress"]), "goal": (goal, "goal"), "tasks": (tasks, "tasks"),
    }  # fmt: skip
    labels = {
        "gu": {"title": "공약제목", "card_no": "관리번호", "lead": "주관부서", "leader": "팀 장", "related": "관련부서",
               "officer": "담당자", "period": "사업기간", "budget": "소요예산", "status": "추진상황", "progress": "진 도",
               "goal": "공약목표", "tasks": "추진과제"},
        "si": {"title": "공약명", "card_no": "공약번호", "lead": "담당부서", "related": "협조부서", "leader": "팀장",
               "officer": "담당자", "period": "추진기간", "budget": "총사업비", "status": "이행상황", "progress": "추진율",
               "goal": "사업목표", "tasks": "세부과제"},
        "gun": {"card_no": "연번", "title": "공약사업명", "lead": "소관부서", "related": "관련부서", "leader": "팀장",
                "officer": "담당자", "period": "추진기간", "budget": "소요예산", "status": "추진상태", "progress": "진도",
                "goal": "공약목표", "tasks": "추진과제"},
        "do": {"card_no": "공약번호", "title": "공약명", "lead": "소관부서", "related": "협조부서", "officer": "담당자",
               "period": "사업기간", "budget": "총사업비", "status": "이행상황", "progress": "이행률", "goal": "사업목표",
               "tasks": "세부과제"},
    }[card.template]  # fmt: skip
    return [{"label": label, "value": values[key][0], "field": values[key][1]} for key, label in labels.items()]


def cell_text(value: int) -> str:
    return "-" if value == 0 else f"{value:,}"


def expected_checks(card: TruthCard) -> list[dict]:
    """The failed checks this card must produce, from plain sums over its numbers."""
    spec = card.spec
    unit_won = UNIT_WON[spec["unit"]]
    found = []
    for kind in ("planned", "invested"):
        rows = card.matrix.get(kind, [])
        for (fund_label, _), values in zip(spec["funds"], rows):
            if sum(values[1:]) != values[0]:
                found.append({"check": "budget_row_sum", "severity": "error", "expected": str(sum(values[1:]) * unit_won),
                              "actual": str(values[0] * unit_won), "location": f"{kind}/{fund_label}"})  # fmt: skip
        for p, (label, _, _) in enumerate(spec["periods"]):
            if not rows:
                break
            parts = sum(r[p] for r in rows[1:])
            if parts != rows[0][p]:
                found.append({"check": "budget_column_sum", "severity": "error", "expected": str(parts * unit_won),
                              "actual": str(rows[0][p] * unit_won), "location": f"{kind}/{label}"})  # fmt: skip
    if card.matrix:
        planned = dict(zip((f for _, f in spec["funds"]), (r[0] * unit_won for r in card.matrix["planned"])))
        for fund in ("total", "national", "provincial", "local", "other"):
            stated = card.summary[fund]
            if stated is not None and stated != planned[fund]:
                found.append({"check": "budget_header_mismatch", "severity": "error", "expected": str(planned[fund]),
                              "actual": str(stated), "location": f"header/{fund}"})  # fmt: skip
    if card.status_code == "completed" and card.progress < 100:
        found.append({"check": "completed_progress", "severity": "warning", "expected": "100",
                      "actual": f"{card.progress:g}", "location": "progress_pct"})  # fmt: skip
    return found
