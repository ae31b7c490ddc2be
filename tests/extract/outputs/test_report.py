"""`report.html`: self-contained, every section present, and loaded in a real browser.

The browser test uses Debian's headless Chromium; where it is absent the
test is skipped with the reason (CI installs it, so CI never skips).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from extract import read_folder
from extract.outputs.compare import compare
from extract.outputs.report import render, won, write_report
from tools.paths import ROOT, SAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def tables():
    new = read_folder(SAMPLES / "tsv")
    old = read_folder(SAMPLES / "tsv")
    old.cards.loc[0, "status_code"] = "on_track"
    new.changes = compare(old, new)
    return new


def test_self_contained_and_complete(tables):
    page = render(tables)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing fetched at open time
    assert "<script src" not in page and "<link" not in page
    assert page.index('id="changes"') < page.index('id="run"')  # what changed comes first
    for section in ("run", "pledges", "money", "cards", "card-sections"):
        assert f'id="{section}"' in page
    assert page.count('<article class="card"') == len(tables.cards)
    assert f'<b id="card-count">{len(tables.cards):,}</b>' in page
    assert "머리 소요예산과 투자계획 불일치" in page  # the failed checks, named in Korean, with their figures
    for english in ("cards from", "files:", "Every file", "changes.", "No data", "state a progress", "None."):
        assert english not in page, english  # the report speaks Korean
    # card 0 went from 정상추진 (rank 1) to 추진중 (rank 1): a change of status, not a regression
    assert list(tables.changes["kind"]) == ["status_changed"]
    assert "추진상황 변경" in page and "추진상황 악화" not in page
    # the money table: planned national funds over every card's 계 column, in won
    budget = tables.budget
    planned = budget[(budget.plan_kind == "planned") & (budget.fund == "national") & (budget.period == "total")]
    national = int(planned.amount_krw.sum())
    assert national > 0
    money = page[page.index('id="money"') : page.index("</table>", page.index('id="money"'))]
    assert "단위: 백만원" in money  # the unit, stated once for the table
    assert '<tr><td>계획</td><td class="n">' in money and f'<td class="n">{won(national)}</td>' in money
    assert won(national) == f"{round(national / 1e6):,}"


def test_hostile_text_is_escaped(tables):
    hostile = tables.cards.copy()
    hostile.loc[0, "title"] = "<script>alert(1)</script>"
    from dataclasses import replace

    page = render(replace(tables, cards=hostile))
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_chromium_loads_it_without_script_errors(tables, tmp_path):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip("Chromium is not installed (Debian package chromium); CI installs it")
    path = write_report(tables, tmp_path / "report.html")
    profile = tmp_path / "profile"
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert dom.returncode == 0, dom.stderr[-2000:]
    body = re.search(r"<body[^>]*>", dom.stdout)[0]
    assert 'data-ready="1"' in body and 'data-script-errors="0"' in body, body
    assert f'<b id="card-count">{len(tables.cards)}</b>' in dom.stdout
    assert f'<span id="shown">{len(tables.cards)} / {len(tables.cards)}</span>' in dom.stdout
    for width in (1024, 1440):  # a laptop and a desk screen: no sideways scrolling
        fitted = subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},900", "--dump-dom", path.as_uri()],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        body = re.search(r"<body[^>]*>", fitted.stdout)[0]
        assert 'data-ready="1"' in body and 'data-overflow="0"' in body, (width, body)
    pdf = tmp_path / "report.pdf"
    printed = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
         path.as_uri()],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert printed.returncode == 0 and pdf.stat().st_size > 10_000, printed.stderr[-2000:]
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    sizes, text, widest, pages = set(), "", 0.0, len(document)
    try:
        for i in range(pages):
            page = document[i]
            sizes.add(tuple(round(v) for v in page.get_size()))
            textpage = page.get_textpage()
            text += textpage.get_text_range()
            widest = max([widest] + [textpage.get_charbox(j)[2] for j in range(textpage.count_chars())])
            textpage.close()
            page.close()
    finally:
        document.close()
    assert sizes == {(595, 842)}, sizes  # A4 portrait, every page
    assert f"카드 {len(tables.cards)}장" in text.replace("\n", " ") or f"카드{len(tables.cards)}장" in text.replace(
        " ", ""
    )
    assert "예산 행 합계 불일치" in text and "검토 필요" in text
    assert widest <= 595  # nothing printed past the page's right edge
    assert len(tables.cards) < pages < 4 * len(tables.cards)  # a page break per card section
    shot = ROOT / "output" / "report-screenshot.png" if os.environ.get("CARDEX_KEEP_SCREENSHOT") else tmp_path / "s.png"
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--window-size=1280,1600", f"--screenshot={shot}",
         path.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and shot.stat().st_size > 10_000
    print(f"report screenshot: {shot}")


def test_card_sections_show_the_1b_header_facts_and_every_pair():
    """A 구분 / 사업주체 / 과장 / 완료시기 card shows them, and every header pair, an unlisted label too."""
    tables = read_folder(SAMPLES / "tsv")
    page = render(tables)
    card = tables.cards[tables.cards["implementing_body"].notna() & tables.cards["director_name"].notna()].iloc[0]
    article = page[page.index(f"<h3>{card.card_no} {card.title}</h3>") :]
    article = article[: article.index("</article>")]
    assert f"사업주체 {card.implementing_body}" in article and card.director_name in article
    pairs = tables.fields[
        (tables.fields.source_file == card.source_file) & (tables.fields.card_index == card.card_index)
    ]
    assert f"머리 항목 {len(pairs)}개" in article
    unmapped = tables.fields[tables.fields["field"].isna()].iloc[0]
    assert "열에 없는 항목" in page and f"<td>{unmapped.label}</td>" in page
