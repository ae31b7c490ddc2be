"""`report.html`: the one page an analyst opens after a deadline.

Self-contained (inline CSS, inline SVG charts, a few lines of inline script
for the card list's search and sort; nothing fetched at open time) and made
only from the typed tables, so it can be rebuilt from any earlier run's
folder. Order: what changed (when a comparison was made), the run (files
by status, each error code with the files it hit and what to ask the
department for), pledges (by status, by department, progress, failed
checks), money (planned, secured, invested by fund and by year), then the
card list and one section per card. Card sections use `content-visibility`
so a report of thousands of cards opens quickly; printing shows everything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections import Counter
from pathlib import Path

import pandas as pd

from extract.outputs.review import correction_line, review_queue
from extract.tables.frames import Tables
from extract.tables.schema import LABELS_KO
from extract.vocabulary import vocabulary

FUND_ORDER = ["total", "national", "provincial", "local", "other"]
FUND_KO = {
    "total": "계",
    "national": "국비",
    "provincial": "광역(시·도비)",
    "local": "자체(시군구비)",
    "other": "기타·민자",
}
KIND_KO = {"planned": "계획", "secured": "확보", "invested": "투입"}
CHANGE_KO = {
    "added": "새 카드", "dropped": "빠진 카드", "status_changed": "추진상황 변경", "status_regressed": "추진상황 악화",
    "progress_increased": "진도 상승", "progress_decreased": "진도 하락", "budget_changed": "예산 변경",
    "department_changed": "주관부서 변경", "new_items": "새 추진실적", "card_no_reused": "관리번호 재사용",
}  # fmt: skip
ITEMS_PER_CARD = 12
ROWS_SHOWN = 200  # of long lists (failed checks, changes) before "… and N more"


def e(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        value = value.date()  # a date (as_of) as 2024-06-30, not 2024-06-30 00:00:00
    return html.escape(str(value), quote=True)


def won(value: object) -> str:
    """Won as 백만원 (the unit every money table of the report states once, in its heading)."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    millions = int(value) / 1e6
    return f"{millions:,.0f}" if millions == int(millions) or abs(millions) >= 100 else f"{millions:,.1f}"


def eok(value: float) -> str:
    """Won as 억원 for chart labels: whole 억 from 100억 up, one decimal below."""
    return f"{value / 1e8:,.0f}억원" if abs(value) >= 1e10 else f"{value / 1e8:,.1f}억원"


def write_report(tables: Tables, path: str | Path, title: str = "공약사항 관리카드 보고서") -> Path:
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(render(tables, title), encoding="utf-8")
    tmp.replace(path)
    return path


def render(tables: Tables, title: str = "공약사항 관리카드 보고서") -> str:
    queue = review_queue(tables)  # from every card: a conflicting duplicate needs a look too
    repeats = int(tables.cards["duplicate_of"].notna().sum())
    tables = tables.counted()  # a card submitted twice (two formats, a resubmission) counts once
    cards = tables.cards.reset_index(drop=True)
    unnamed = int(cards["government"].isna().sum())
    notes = (f" · 중복 제출 {repeats:,}장 제외" if repeats else "") + (
        f' · 기관 미확인 <b id="no-government">{unnamed:,}</b>장' if unnamed else ""
    )
    parts = [
        _head(title),
        f'<body data-cards="{len(cards)}"><header><h1>{e(title)}</h1>'
        f'<p class="lead">카드 <b id="card-count">{len(cards):,}</b>장 · 파일 <b>{len(tables.files):,}</b>개'
        f"{notes} · 작성 {dt.date.today().isoformat()}</p>{_nav(tables)}</header><main>",
    ]
    parts.append(_review(queue))
    if tables.changes is not None:
        parts.append(_changes(tables.changes, tables.compared))
    parts += [_run(tables.files), _pledges(cards, tables.checks), _money(tables.budget), _card_list(cards)]
    parts.append(_card_sections(cards, tables))
    parts.append(f"</main><script>{_SCRIPT}</script></body></html>")
    return "".join(parts)


def _head(title: str) -> str:
    return (
        f'<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{e(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{_CSS}</style></head>'
    )


def _nav(tables: Tables) -> str:
    links = [("review", "검토 필요")] + ([("changes", "변경사항")] if tables.changes is not None else [])
    links += [("run", "처리 결과"), ("pledges", "공약 현황"), ("money", "예산"), ("cards", "카드 목록")]
    return "<nav>" + " · ".join(f'<a href="#{k}">{v}</a>' for k, v in links) + "</nav>"


# ---------------------------------------------------------------- sections


SEVERITY_KO = {"error": "오류", "warning": "경고", "review": "검토", "info": "정보"}
CARD_HEAD = ["관리번호", "공약명", "기관", "직위", "주관부서", "추진상황", "진도", "소요예산(백만원)", "기준일",
             "파일"]  # fmt: skip
FILE_STATUS_KO = {"ok": "정상", "warning": "경고", "error": "오류", "skipped": "건너뜀"}
CHECK_HEAD = ["심각도", "검증 항목", "파일", "기관", "관리번호", "공약명", "위치", "기대값", "카드 값"]
REVIEW_HEAD = ["심각도", "검증 항목", "파일", "쪽", "기관", "관리번호", "공약명", "위치", "읽은 값",
               "카드가 말하는 값", "수정"]  # fmt: skip


def _review(queue: pd.DataFrame) -> str:
    """검토 필요: what needs the analyst's eye, most severe first, each with a corrections row to copy."""
    if queue.empty:
        return '<section id="review"><h2>검토 필요</h2><p>검토할 항목이 없습니다.</p></section>'
    rows = []
    for entry in queue.head(ROWS_SHOWN).to_dict("records"):
        line, severity = correction_line(entry), entry["severity"]
        copy = f'<button type="button" class="copy" data-row="{e(line)}" title="{e(line)}">수정 행 복사</button>'
        rows.append(
            f'<tr class="sev-{e(severity)}"><td>{e(SEVERITY_KO.get(severity, severity))}</td>'
            f"<td class=what>{e(entry['what'])}</td><td class=file>{e(entry['source_file'])}</td>"
            f'<td class="n">{e(entry["page"])}</td>'
            f"<td>{e(entry['government'])}</td><td>{e(entry['card_no'])}</td><td class=title>{e(entry['title'])}</td>"
            f"<td class=file>{e(entry['location'])}</td>"
            + "".join(_figure_cell(entry[side], entry["location"]) for side in ("actual", "expected"))
            + f"<td>{copy}</td></tr>"
        )
    more = len(queue) - len(rows)
    counts = queue["severity"].value_counts()
    chips = " ".join(
        f'<span class="chip s-{e(s)}">{e(SEVERITY_KO[s])} {int(counts.get(s, 0)):,}</span>'
        for s in SEVERITY_KO
        if counts.get(s)
    )
    return (
        f'<section id="review"><h2>검토 필요</h2><p><b id="review-count">{len(queue):,}</b>건 {chips} — '
        "수정 행을 복사해 수정 파일(CSV)에 붙이고 <code>--corrections</code>로 다시 실행하면 반영됩니다. "
        "<code>cardex review</code>는 같은 목록을 review.xlsx로 씁니다.</p>"
        + _table(REVIEW_HEAD, rows, table_id="review-table")
        + (f"<p>… 외 {more:,}건은 review.xlsx에 있습니다.</p>" if more > 0 else "")
        + "</section>"
    )


def _compared(compared: dict[str, dict[str, object]] | None) -> str:
    """Which two runs the changes are between: folder, as-of dates and cards of each."""
    if not compared:
        return ""
    sides = [
        f"{label} <code>{e(compared[side].get('folder'))}</code> (기준일 {e(compared[side].get('as_of') or '-')}, "
        f"카드 {int(compared[side].get('cards') or 0):,}장)"
        for side, label in (("old", "이전"), ("new", "이번"))
        if side in compared
    ]
    return f'<p class="compared">{" → ".join(sides)}</p>'


def _changes(changes: pd.DataFrame, compared: dict[str, dict[str, object]] | None = None) -> str:
    counts = Counter(changes["kind"])
    summary = " ".join(
        f'<span class="chip k-{e(k)}">{e(CHANGE_KO.get(k, k))} {n}</span>' for k, n in sorted(counts.items())
    )
    rows = []
    for row in changes.head(ROWS_SHOWN * 5).itertuples(index=False):
        rows.append(
            f'<tr class="k-{e(row.kind)}"><td>{e(CHANGE_KO.get(row.kind, row.kind))}</td><td>{e(row.office)}</td>'
            f"<td>{e(row.card_no)}</td><td>{e(row.title)}</td><td>{e(row.detail)}</td>"
            f'<td class="n">{e(_fmt_change(row.old_value, row.detail))}</td>'
            f'<td class="n">{e(_fmt_change(row.new_value, row.detail))}</td></tr>'
        )
    more = len(changes) - len(rows)
    return (
        f'<section id="changes"><h2>변경사항 (지난 기한 대비)</h2>{_compared(compared)}'
        f"<p>변경 {len(changes):,}건. {summary}</p>"
        + _table(["구분", "직위", "관리번호", "공약명", "항목", "이전", "현재"], rows)
        + (f"<p>… 외 {more:,}건은 changes 표에 있습니다.</p>" if more > 0 else "")
        + "</section>"
    )


def _figure_cell(value: object, location: object) -> str:
    """A figure right-aligned on one line; text (a list of labels) wraps like text."""
    shown = _figure(value, location)
    numeric = isinstance(value, str) and value.lstrip("-").replace(".", "", 1).isdigit()
    return f'<td class="n">{e(shown)}</td>' if numeric else f"<td>{e(shown)}</td>"


def _figure(value: object, location: object = None) -> object:
    """A check's figure as a reader wants it: a budget figure (won) in 백만원 with its unit, any
    other integer with thousands separators, text as it is."""
    if not (isinstance(value, str) and value.lstrip("-").isdigit() and len(value) < 20):
        return value
    money = isinstance(location, str) and location.split("/")[0] in ("header", "planned", "secured", "invested")
    if not money:
        return f"{int(value):,}"
    millions = f"{int(value) / 1e6:,.6f}".rstrip("0").rstrip(".")  # every digit a check's difference needs
    return f"{millions}백만원"


def _fmt_change(value: object, detail: object) -> str:
    text = "" if value is None or value is pd.NA else str(value)
    if isinstance(detail, str) and "/" in detail and text.lstrip("-").isdigit():
        return f"{won(int(text))}백만원"
    return text


def _run(files: pd.DataFrame) -> str:
    by_status = Counter(files["status"])
    chips = " ".join(
        f'<span class="chip s-{e(s)}">{e(FILE_STATUS_KO[s])} {by_status.get(s, 0):,}</span>' for s in FILE_STATUS_KO
    )
    errors = vocabulary().error_labels
    blocks = []
    bad = files[files["error_code"].notna()]
    for code, group in bad.groupby("error_code", sort=True):
        names = group["source_file"].tolist()
        shown = ", ".join(f"<code>{e(n)}</code>" for n in names[:20]) + (
            f" … 외 {len(names) - 20:,}개" if len(names) > 20 else ""
        )
        blocks.append(
            f'<div class="code"><h3>{e(errors.get(code, code))} · 파일 {len(names):,}개</h3>'
            f"<p class=files>{shown}</p></div>"
        )
    return (
        f'<section id="run"><h2>처리 결과</h2><p>파일 {len(files):,}개: {chips}</p>'
        + ("".join(blocks) or "<p>모든 파일을 읽었습니다.</p>")
        + "</section>"
    )


def _pledges(cards: pd.DataFrame, checks: pd.DataFrame) -> str:
    counts = Counter(cards["status_code"].fillna("(none)"))
    labels = vocabulary().status_labels
    bars = [(labels.get(s, s), counts.get(s, 0)) for s in labels if counts.get(s)]
    if counts.get("(none)"):
        bars.append(("(없음)", counts["(none)"]))
    depts = (
        cards.assign(dept=cards["lead_department"].fillna("(없음)"))
        .groupby("dept")
        .agg(n=("card_index", "size"), progress=("progress_pct", "mean"))
        .sort_values("n", ascending=False)
    )
    behind = cards["status_code"].isin(["delayed", "at_risk", "on_hold", "dropped"])
    behind_by = cards[behind].groupby(cards["lead_department"].fillna("(없음)")).size()
    dept_rows = [
        f'<tr><td>{e(name)}</td><td class="n">{row.n:,}</td><td class="n">{int(behind_by.get(name, 0)):,}</td>'
        f'<td class="n">{"" if pd.isna(row.progress) else f"{row.progress:.1f}"}</td></tr>'
        for name, row in depts.head(60).iterrows()
    ]
    progress = cards["progress_pct"].dropna()
    bins = [0] * 11
    for value in progress:
        bins[min(max(int(value // 10), 0), 10)] += 1
    histogram = [(f"{i * 10}–{i * 10 + 9}" if i < 10 else "100", n) for i, n in enumerate(bins)]
    failed = checks.merge(
        cards[["source_file", "card_index", "title", "government"]], on=["source_file", "card_index"], how="left"
    )
    names = vocabulary().check_labels
    check_rows = [
        f'<tr class="sev-{e(r.severity)}"><td>{e(SEVERITY_KO.get(r.severity, r.severity))}</td>'
        f'<td>{e(names.get(r.check, r.check))}</td><td class="file">{e(r.source_file)}</td><td>{e(r.government)}</td>'
        f'<td><a href="#card-{_anchor(r.source_file, r.card_index)}">{e(r.card_no)}</a></td>'
        f'<td class="title">{e(r.title)}</td><td>{e(r.location)}</td>'
        f'<td class="n">{e(_figure(r.expected, r.location))}</td><td class="n">{e(_figure(r.actual, r.location))}</td>'
        "</tr>"
        for r in failed.head(ROWS_SHOWN).itertuples(index=False)
    ]
    more = len(failed) - len(check_rows)
    return (
        '<section id="pledges"><h2>공약 현황</h2><div class="grid">'
        f"<div><h3>추진상황별</h3>{_bar_chart(bars)}</div>"
        f"<div><h3>진도 분포 (%)</h3>{_bar_chart(histogram, vertical=True)}"
        f"<p>진도를 적은 카드 {len(progress):,}장, 평균 {progress.mean() if len(progress) else 0:.1f}%</p></div>"
        "</div><h3>주관부서별</h3>"
        + _table(["주관부서", "카드", "부진·보류·폐기", "평균 진도"], dept_rows)
        + f"<h3>검증 결과 ({len(failed):,}건, 분석가 수정 포함)</h3>"
        + (_table(CHECK_HEAD, check_rows) if check_rows else "<p>없음</p>")
        + (f"<p>… 외 {more:,}건은 checks 표에 있습니다.</p>" if more > 0 else "")
        + "</section>"
    )


def _money(budget: pd.DataFrame) -> str:
    known = budget[budget["fund"].notna() & budget["amount_krw"].notna()]
    totals = known[known["period"] == "total"]
    by_fund = totals.groupby(["plan_kind", "fund"])["amount_krw"].sum()
    kinds = [k for k in ("planned", "secured", "invested") if k in set(known["plan_kind"])]
    head = ["구분"] + [FUND_KO[f] for f in FUND_ORDER]
    fund_rows = [
        f"<tr><td>{e(KIND_KO.get(k, k))}</td>"
        + "".join(f'<td class="n">{won(by_fund.get((k, f)))}</td>' for f in FUND_ORDER)
        + "</tr>"
        for k in kinds
    ]
    years = known[(known["fund"] == "total") & known["year"].notna()]
    by_year = years.groupby(["year", "plan_kind"])["amount_krw"].sum()
    year_list = sorted({int(y) for y, _ in by_year.index})
    year_rows = [
        f"<tr><td>{y}</td>" + "".join(f'<td class="n">{won(by_year.get((y, k)))}</td>' for k in kinds) + "</tr>"
        for y in year_list
    ]
    series = {KIND_KO.get(k, k): [float(by_year.get((y, k), 0)) for y in year_list] for k in kinds}
    return (
        '<section id="money"><h2>예산</h2><h3>재원별 (계, 단위: 백만원)</h3>'
        + _table(head, fund_rows)
        + "<h3>연도별 (총계, 표 단위: 백만원)</h3>"
        + _grouped_chart([str(y) for y in year_list], series)
        + _table(["연도"] + [KIND_KO.get(k, k) for k in kinds], year_rows)
        + "</section>"
    )


def _card_list(cards: pd.DataFrame) -> str:
    labels = vocabulary().status_labels
    rows = [
        f'<tr><td><a href="#card-{_anchor(r.source_file, r.card_index)}">{e(r.card_no)}</a></td>'
        f'<td class="title">{e(r.title)}</td><td>{e(r.government)}</td><td>{e(r.office)}</td>'
        f"<td>{e(r.lead_department)}</td>"
        f"<td>{e(labels.get(r.status_code, r.status_code) if isinstance(r.status_code, str) else '')}</td>"
        f'<td class="n">{"" if pd.isna(r.progress_pct) else f"{r.progress_pct:g}"}</td>'
        f'<td class="n">{won(r.budget_total_krw)}</td><td>{e(r.as_of)}</td>'
        f'<td class="file">{e(r.source_file)}</td></tr>'
        for r in cards.itertuples(index=False)
    ]
    return (
        '<section id="cards"><h2>카드 목록</h2>'
        '<input id="search" type="search" placeholder="검색: 공약명, 부서, 관리번호 …" aria-label="카드 검색">'
        ' <span id="shown"></span>'
        + _table(
            [
                "관리번호",
                "공약명",
                "기관",
                "직위",
                "주관부서",
                "추진상황",
                "진도",
                "소요예산(백만원)",
                "기준일",
                "파일",
            ],
            rows,
            table_id="card-table",
        )
        + "</section>"
    )


def _card_sections(cards: pd.DataFrame, tables: Tables) -> str:
    budget = _by_card(tables.budget, ["plan_kind", "fund_label", "period_label", "amount_krw"])
    items = _by_card(tables.items, ["section_title", "level", "marker", "text"])
    fields = _by_card(tables.fields, ["label", "value", "field"]) if tables.fields is not None else {}
    out = ['<section id="card-sections"><h2>카드별</h2>']
    for r in cards.itertuples(index=False):
        key = (r.source_file, r.card_index)
        out.append(
            f'<article class="card" id="card-{_anchor(*key)}"><h3>{e(r.card_no)} {e(r.title)}</h3>'
            f"<p class=meta>{e(r.government) + ' ' if _present(r.government) else ''}{e(r.office)} · "
            f"{e(r.lead_department)} · {e(r.status)} · 진도 {'' if pd.isna(r.progress_pct) else f'{r.progress_pct:g}%'}"
            f" · 기준일 {e(r.as_of)} · <code>{e(r.source_file)}</code></p>"
            + _contacts(r)
            + _extra_meta(r)
            + _matrix(budget.get(key, []))
            + _latest_items(items.get(key, []))
            + _header_fields(fields.get(key, []))
            + "</article>"
        )
    out.append("</section>")
    return "".join(out)


def _contacts(r: object) -> str:
    """팀장 and 담당자 with their phones: the people an analyst calls about the card."""
    people = []
    for label, prefix in (("팀장", "team_leader"), ("담당자", "officer")):
        rank, name, phone = (getattr(r, f"{prefix}_{part}") for part in ("rank", "name", "phone"))
        if _present(name):
            people.append(f"{label} {e(rank) + ' ' if _present(rank) else ''}{e(name)}"
                          + (f" ☎{e(phone)}" if _present(phone) else ""))  # fmt: skip
    return f"<p class=meta>{' · '.join(people)}</p>" if people else ""


def _extra_meta(r: object) -> str:
    """The header facts of SPEC 1b templates that not every card has: shown only when present."""
    director = " ".join(str(v) for v in (r.director_rank, r.director_name) if _present(v))
    if _present(r.director_phone):
        director += f" ☎{r.director_phone}"
    within = {True: "임기 내", False: "임기 후"}.get(r.within_term) if _present(r.within_term) else None
    parts = [
        ("구분", r.category),
        ("사업주체", r.implementing_body),
        ("과장", director or None),
        ("완료시기", within),
    ]
    shown = [f"{k} {e(v)}" for k, v in parts if _present(v)]
    return f"<p class=meta>{' · '.join(shown)}</p>" if shown else ""


def _present(value: object) -> bool:
    return (
        value is not None and value is not pd.NA and not (isinstance(value, float) and pd.isna(value)) and value != ""
    )


def _header_fields(pairs: list[tuple]) -> str:
    """Every label/value pair of the card's header, so a label no column holds is still in sight."""
    if not pairs:
        return ""
    unmapped = sum(1 for _, _, f in pairs if not f)
    rows = [
        f"<tr><td>{e(label)}</td><td>{e(value)}</td>"
        f"<td>{e(LABELS_KO.get(field, field)) if field else '<em>(열 없음)</em>'}</td></tr>"
        for label, value, field in pairs
    ]
    note = f", 열에 없는 항목 {unmapped}개" if unmapped else ""
    return (
        f"<details><summary>머리 항목 {len(pairs)}개{note}</summary>"
        + _table(["항목", "값", "열"], rows)
        + "</details>"
    )


def _by_card(df: pd.DataFrame, columns: list[str]) -> dict[tuple, list[tuple]]:
    """Rows of a card-level table as plain tuples per (source_file, card_index): one pass, no per-card pandas."""
    out: dict[tuple, list[tuple]] = {}
    keys = zip(df["source_file"].tolist(), df["card_index"].tolist())
    values = zip(*(df[c].tolist() for c in columns)) if len(df) else iter(())
    for key, row in zip(keys, values):
        out.setdefault(key, []).append(tuple(None if v is pd.NA else v for v in row))
    return out


def _matrix(cells: list[tuple]) -> str:
    if not cells:
        return ""
    periods = list(dict.fromkeys(p or "" for _, _, p, _ in cells))
    grid: dict[tuple, dict[str, object]] = {}
    for kind, label, period, amount in cells:
        grid.setdefault((kind, label), {})[period or ""] = amount
    rows = [
        f"<tr><td>{e(KIND_KO.get(kind, kind))}</td><td>{e(label)}</td>"
        + "".join(f'<td class="n">{won(values.get(p))}</td>' for p in periods)
        + "</tr>"
        for (kind, label), values in grid.items()
    ]
    return "<h4>투자계획 (단위: 백만원)</h4>" + _table(["구분", "재원"] + periods, rows, cls="matrix")


def _latest_items(items: list[tuple]) -> str:
    """The progress items (a section whose title holds a vocabulary `[sections] progress` word:
    실적, 현황, 경과), else the card's first items."""
    if not items:
        return ""
    recent = [i for i in items if i[0] and any(w in i[0] for w in vocabulary().written("sections", "progress"))]
    chosen = (recent or items)[:ITEMS_PER_CARD]
    lis = "".join(
        f'<li style="margin-left:{int(level or 0) * 1.2:.1f}em">{e(marker)} {e(text)}</li>'
        for _, level, marker, text in chosen
    )
    return f"<h4>{e(chosen[0][0])}</h4><ul class=items>{lis}</ul>"


# ---------------------------------------------------------------- pieces


def _anchor(source_file: object, card_index: object) -> str:
    return hashlib.sha1(f"{source_file}\0{card_index}".encode("utf-8", "replace")).hexdigest()[:12]


def _table(head: list[str], rows: list[str], table_id: str | None = None, cls: str | None = None) -> str:
    attrs = (f' id="{table_id}"' if table_id else "") + (f' class="{cls}"' if cls else "")
    return (
        f"<div class=tw><table{attrs}><thead><tr>{''.join(f'<th>{e(h)}</th>' for h in head)}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _bar_chart(bars: list[tuple[str, float]], vertical: bool = False) -> str:
    if not bars:
        return "<p>자료 없음</p>"
    top = max(v for _, v in bars) or 1
    if vertical:
        w, h, bw = 40 * len(bars) + 20, 180, 30
        parts = [f'<svg class="chart" viewBox="0 0 {w} {h + 40}" width="{w}" height="{h + 40}" role="img">']
        for i, (label, value) in enumerate(bars):
            bh = h * value / top
            x = 10 + i * 40
            parts.append(
                f'<rect x="{x}" y="{h - bh + 10:.1f}" width="{bw}" height="{bh:.1f}"><title>{e(label)}: {value:,.0f}'
                f'</title></rect><text x="{x + bw / 2}" y="{h + 25}" text-anchor="middle">{e(label)}</text>'
                f'<text x="{x + bw / 2}" y="{h - bh + 6:.1f}" text-anchor="middle">{value:,.0f}</text>'
            )
        return "".join(parts) + "</svg>"
    w, row = 460, 24
    parts = [f'<svg class="chart" viewBox="0 0 {w} {row * len(bars) + 10}" width="{w}" role="img">']
    for i, (label, value) in enumerate(bars):
        bw = 260 * value / top
        y = 5 + i * row
        parts.append(
            f'<text x="120" y="{y + 16}" text-anchor="end">{e(label)}</text>'
            f'<rect x="128" y="{y + 3}" width="{bw:.1f}" height="{row - 8}"><title>{e(label)}: {value:,.0f}</title>'
            f'</rect><text x="{134 + bw:.1f}" y="{y + 16}">{value:,.0f}</text>'
        )
    return "".join(parts) + "</svg>"


def _grouped_chart(labels: list[str], series: dict[str, list[float]]) -> str:
    if not labels or not series:
        return "<p>연도별 금액 없음</p>"
    top = max((v for values in series.values() for v in values), default=0) or 1
    group_w, h = 30 * len(series) + 20, 180
    w = 60 + group_w * len(labels)
    parts = [f'<svg class="chart" viewBox="0 0 {w} {h + 60}" width="{w}" height="{h + 60}" role="img">']
    for i, label in enumerate(labels):
        x0 = 50 + i * group_w
        for k, (name, values) in enumerate(series.items()):
            bh = h * values[i] / top
            parts.append(
                f'<rect class="c{k}" x="{x0 + k * 30}" y="{h - bh + 10:.1f}" width="26" height="{bh:.1f}">'
                f"<title>{e(label)} {e(name)}: {won(values[i])}백만원</title></rect>"
            )
        parts.append(f'<text x="{x0 + group_w / 2 - 10}" y="{h + 28}" text-anchor="middle">{e(label)}</text>')
    parts.append(f'<text x="4" y="16">{eok(top)}</text>')
    for k, name in enumerate(series):
        parts.append(
            f'<rect class="c{k}" x="{50 + k * 90}" y="{h + 40}" width="12" height="12"></rect>'
            f'<text x="{66 + k * 90}" y="{h + 51}">{e(name)}</text>'
        )
    return "".join(parts) + "</svg>"


_CSS = """
*{box-sizing:border-box}
body{font-family:"Noto Sans KR","Nanum Gothic","Malgun Gothic","Apple SD Gothic Neo",sans-serif;margin:0;color:#1d2733;
background:#fff;word-break:keep-all;overflow-wrap:anywhere}
header{padding:14px 20px;background:#1f3b5c;color:#fff}header a{color:#cfe0f5}h1{margin:0 0 4px;font-size:22px}
nav{line-height:1.8}main{padding:8px 20px 40px;max-width:1400px}
h2{border-bottom:2px solid #1f3b5c;padding-bottom:4px;margin-top:32px}
.tw{max-width:100%;overflow-x:auto}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #c9d3df;padding:3px 7px;
vertical-align:top}th{background:#e8eef5;cursor:pointer;position:sticky;top:0;white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.title{min-width:12em}
td.file{font-size:11px;color:#445;min-width:7em;max-width:16em;word-break:break-all}td.what{min-width:7em}
.grid{display:flex;flex-wrap:wrap;gap:32px}.grid>div{min-width:0;max-width:100%}
svg.chart{max-width:100%;height:auto}
.chart rect{fill:#3d6fa5}.chart rect.c1{fill:#e39b2d}.chart rect.c2{fill:#4f9a5a}
.chart text{font-size:11px;fill:#1d2733}
.chip{display:inline-block;padding:1px 8px;border-radius:10px;background:#e8eef5;margin:2px}
.s-error,.k-status_regressed,.k-dropped,.k-progress_decreased{background:#fbe1e1}.s-warning{background:#fdf0d5}
.code{border-left:4px solid #c0392b;padding:2px 12px;margin:8px 0}.files{font-size:12px;color:#445}
article.card{border-top:1px solid #c9d3df;padding:4px 0 12px;content-visibility:auto;contain-intrinsic-size:auto 420px}
.meta{color:#445;font-size:13px;margin:4px 0}.items{font-size:13px;padding-left:18px}.items li{list-style:none}
#search{width:min(420px,100%);padding:5px;font-size:14px}tr.hidden{display:none}
.sev-error td:first-child{color:#b22;font-weight:bold}button.copy{font-size:12px;cursor:pointer;white-space:nowrap}
@page{size:A4;margin:12mm}
@media print{header{background:none;color:#000;padding:0}header a{color:#000}nav,#search,#shown,button.copy,
.copycol{display:none}main{padding:0;max-width:none}.tw{overflow:visible}table{font-size:9.5px}th{position:static}
article.card{content-visibility:visible;break-before:page}h2{break-after:avoid}tr{break-inside:avoid}
td.title{min-width:0}}
"""

_SCRIPT = """
(function(){
  var errors=0; window.addEventListener('error',function(){errors++;document.body.dataset.scriptErrors=errors;});
  document.body.dataset.scriptErrors=0;
  Array.prototype.forEach.call(document.querySelectorAll('button.copy'),function(b){
    b.addEventListener('click',function(){var t=b.dataset.row;
      function done(){b.textContent='복사됨';}
      if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(t).then(done,function(){});}
      else{var a=document.createElement('textarea');a.value=t;document.body.appendChild(a);a.select();
        try{document.execCommand('copy');done();}catch(x){} document.body.removeChild(a);}});});
  function fits(){document.body.dataset.overflow=
    document.documentElement.scrollWidth>window.innerWidth+1?'1':'0';}
  var table=document.getElementById('card-table'); if(!table){fits();document.body.dataset.ready='1';return;}
  var body=table.tBodies[0], rows=Array.prototype.slice.call(body.rows), shown=document.getElementById('shown');
  function count(){var n=rows.filter(function(r){return !r.classList.contains('hidden');}).length;
    shown.textContent=n+' / '+rows.length;}
  document.getElementById('search').addEventListener('input',function(ev){
    var q=ev.target.value.trim().toLowerCase();
    rows.forEach(function(r){r.classList.toggle('hidden',q!==''&&r.textContent.toLowerCase().indexOf(q)<0);});
    count();});
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    var asc=true; th.title='정렬';
    th.addEventListener('click',function(){
      var num=th.parentNode.cells[i]&&rows.length&&/^[\\d,.\\-]*$/.test((rows[0].cells[i]||{}).textContent||'');
      rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent;
        if(num){x=parseFloat(x.replace(/,/g,''))||0;y=parseFloat(y.replace(/,/g,''))||0;return asc?x-y:y-x;}
        return asc?x.localeCompare(y,'ko'):y.localeCompare(x,'ko');});
      asc=!asc; rows.forEach(function(r){body.appendChild(r);});});});
  count(); fits(); document.body.dataset.ready='1';
})();
"""
