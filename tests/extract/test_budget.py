"""Budget matrix layouts beyond the samples' own."""

from __future__ import annotations

from extract import read_file


def _card(matrix: str) -> str:
    return (
        "구청장 공약사항 관리카드\n(2024. 6. 30. 現在)\n"
        "공약명\t시험 공약\t관리번호\t9-9\n주관부서\t기획과\t추진상황\t추진중\n"
        "소요예산\t60백만원(국30, 시10, 구20)\t진도\t10%\n"
        "2. 투자계획\n(단위: 백만원)\n" + matrix
    )


def test_two_row_header_with_years_below_a_merged_label(tmp_path):
    matrix = (
        "구 분\t\t계\t기투자\t연도별 투자계획\t\t임기후\n"
        "\t\t\t\t2023년\t2024년\t\n"
        "소요예산\t총계\t60\t10\t20\t20\t10\n"
        "\t국비\t30\t5\t10\t10\t5\n"
        "\t시비\t10\t-\t5\t5\t-\n"
        "\t구비\t20\t5\t5\t5\t5\n"
    )
    path = tmp_path / "card.txt"
    path.write_text(_card(matrix), encoding="utf-8")
    tables = read_file(path)
    budget = tables.budget
    assert budget["period_label"].unique().tolist() == ["계", "기투자", "2023년", "2024년", "임기후"]
    row = budget[(budget["fund"] == "local") & (budget["period"] == "after_term")].iloc[0]
    assert (row["amount_krw"], row["amount_raw"]) == (5_000_000, "5")
    assert tables.checks.empty, tables.checks[["check", "message"]]


def test_non_budget_card_has_no_matrix_rows(tmp_path):
    path = tmp_path / "card.txt"
    path.write_text(_card("○ 비예산 사업\n").replace("60백만원(국30, 시10, 구20)", "비예산"), encoding="utf-8")
    tables = read_file(path)
    assert tables.budget.empty
    assert tables.cards.iloc[0]["budget_total_krw"] == 0


def test_without_an_office_in_the_title_the_fund_labels_decide(tmp_path):
    matrix = "구 분\t\t계\t2023년\t2024년\n소요예산\t총계\t60\t30\t30\n\t시비\t20\t10\t10\n\t구비\t40\t20\t20\n"
    path = tmp_path / "card.txt"
    path.write_text(_card(matrix).replace("구청장 공약사항 관리카드", "공약사항 관리카드"), encoding="utf-8")
    tables = read_file(path)
    assert tables.cards.iloc[0]["office"] is None or str(tables.cards.iloc[0]["office"]) == "<NA>"
    funds = dict(zip(tables.budget["fund_label"], tables.budget["fund"]))
    assert funds["시비"] == "provincial" and funds["구비"] == "local"


def _ocr_table(rows: list[list[str]]):
    from parsers.model import Cell, Paragraph, Table

    cells = [
        Cell(row=r, col=k, blocks=[Paragraph(text, confidence=75.0)] if text else [])
        for r, row in enumerate(rows)
        for k, text in enumerate(row)
    ]
    return Table(cells=cells, n_rows=len(rows), n_cols=len(rows[0]))


def test_a_scanned_group_label_ocr_could_not_read_opens_the_next_group():
    from extract.cards.budget import read_matrix

    rows = [
        ["구분", "", "계", "2024", "2025"],
        ["소요", "계", "30", "10", "20"],
        ["", "국비", "30", "10", "20"],
        ["확보액", "계", "20", "10", "10"],
        ["", "국비", "20", "10", "10"],
        ["튼 이/ㅠㅜ 벼", "계", "10", "10", "-"],  # 투입, under a seal
        ["", "국비", "10", "10", "-"],
    ]
    matrix = read_matrix([_ocr_table(rows)], None)
    kinds = [(c.plan_kind, c.fund_label, c.period.label) for c in matrix.cells if c.period.label == "계"]
    assert [k[0] for k in kinds] == ["planned", "planned", "secured", "secured", "invested", "invested"]


def test_a_corner_cell_nobody_listed_still_heads_the_matrix(tmp_path):
    # blank, or OCR's `고분` for 구분: the periods after it (계 among them) make the header;
    # a year written with its point (`2024.`), or with a scan's stray mark (`2023'년`), is that year
    for corner in ("", "고분"):
        matrix = (
            f"{corner}\t\t계\t2023'년\t2024.\t임기후\n"
            "소요예산\t총계\t60\t20\t30\t10\n"
            "\t국비\t30\t10\t15\t5\n"
            "\t시비\t30\t10\t15\t5\n"
        )
        path = tmp_path / "card.txt"
        path.write_text(_card(matrix.replace("60백만원(국30, 시10, 구20)", "")), encoding="utf-8")
        budget = read_file(path).budget
        assert budget["period"].unique().tolist() == ["total", "2023", "2024", "after_term"], corner
        row = budget[(budget["fund"] == "national") & (budget["period"] == "2024")].iloc[0]
        assert row["amount_krw"] == 15_000_000


def test_a_row_of_years_without_a_total_is_no_matrix_header(tmp_path):
    matrix = "추진일정\t2023년\t2024년\t2025년\n실적\t설계\t착공\t준공\n"
    path = tmp_path / "card.txt"
    path.write_text(_card(matrix), encoding="utf-8")
    assert read_file(path).budget.empty


def test_a_span_column_ocr_garbled_is_told_by_its_place():
    from extract.cards.budget import _header_periods

    for read in ("버2030", "'2~30", "2130"):  # `'27~'30` as three scans read it
        row = ["구분", "계", "기투자", "2024", "2025", "2026", read, "임기후"]
        periods = _header_periods(row, ocr=True)
        assert (periods[5].label, periods[5].kind, periods[5].year, periods[5].year_to) == (read, "range", 2027, 2030)
        assert _header_periods(row, ocr=False) is None  # typed text gets no such guess
    # not where the garbled column is no span after the last year
    assert _header_periods(["구분", "계", "2024", "x", "2026"], ocr=True) is None
    assert (
        _header_periods(["구분", "계", "2024", "2026", "2060", "임기후"][:4] + ["버2090", "임기후"], ocr=True) is None
    )


def test_a_year_whose_suffix_ocr_garbled_is_still_that_year():
    from extract.cards.budget import _header_periods

    row = ["구분", "계", "2023'넌", "2024년", "2025 년", "2026년"]
    periods = _header_periods(row, ocr=True)
    assert periods is not None and [(p.kind, p.year, p.label) for p in periods[:2]] == [
        ("total", None, "계"),
        ("year", 2023, "2023'넌"),
    ]
    assert _header_periods(row, ocr=False) is None  # typed text gets no such guess
    assert _header_periods(["구분", "계", "20234", "2024년", "2025년"], ocr=True) is None  # five digits: no year
