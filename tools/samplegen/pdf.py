"""Render flows as PDF through a real office suite: python-docx writes DOCX,
LibreOffice (Debian's libreoffice-writer-nogui, fonts-nanum) exports PDF.

Templates differ the way real submissions do: the 구청장 template spreads its
labels and status by expanded letter spacing (distributed alignment); the
시장 template has narrow value columns so titles and tasks wrap inside cells
and repeats the matrix header row on a new page; documents of many cards
flow without page breaks so cards and tables run across pages; every page
carries a running header and a page-number footer.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from tools.samplegen.flow import Grid, PageBreak, Para

FONT = "NanumGothic"
SPREAD_TWIPS = 120  # expanded letter spacing: 6 pt between letters
LABELS = {"공약제목", "관리번호", "주관부서", "팀 장", "관련부서", "담당자", "사업기간", "소요예산", "추진상황", "진 도",
          "공약목표", "추진과제", "구 분"}  # fmt: skip
SPREAD_VALUES = {"보류", "폐기", "완료", "부진", "지연"}


def _docx(flow: list, path: Path, *, template: str, continuous: bool, spacer: int) -> None:
    from docx import Document
    from docx.enum.section import WD_SECTION  # noqa: F401 - keeps python-docx's section API loaded
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    section.header.paragraphs[0].text = "민선8기 공약 이행 점검"
    footer = section.footer.paragraphs[0]
    footer.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" -")

    def spread(run_) -> None:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(SPREAD_TWIPS))
        run_._r.get_or_add_rPr().append(spacing)

    def write_text(paragraph, value: str, *, spaced: bool) -> None:
        run_ = paragraph.add_run(value)
        if spaced:
            spread(run_)

    for part in flow:
        if isinstance(part, Para):
            paragraph = doc.add_paragraph()
            write_text(paragraph, part.text, spaced=False)
            paragraph.paragraph_format.left_indent = Pt(14 * part.level)
            paragraph.paragraph_format.space_after = Pt(2)
        elif isinstance(part, PageBreak):
            if not continuous:
                doc.add_page_break()
        elif isinstance(part, Grid):
            if spacer and part.cells and part.cells[0]["text"] in ("구 분", "구분"):
                for _ in range(spacer):  # push the matrix down so a page break cuts it
                    doc.add_paragraph()
                spacer = 0
            table = doc.add_table(rows=part.n_rows, cols=part.n_cols)
            table.style = "Table Grid"
            if template == "si" and part.n_cols == 4:
                widths = [Mm(22), Mm(50), Mm(22), Mm(40)]
                for row in table.rows:
                    for cell, width in zip(row.cells, widths):
                        cell.width = width
            if part.cells and part.cells[0]["text"] in ("구 분", "구분") and template == "si":
                header = table.rows[0]._tr.get_or_add_trPr()
                repeat = OxmlElement("w:tblHeader")
                header.append(repeat)
            for spec in part.cells:
                cell = table.cell(spec["r"], spec["c"])
                far = table.cell(spec["r"] + spec["rowspan"] - 1, spec["c"] + spec["colspan"] - 1)
                if far is not cell:
                    cell = cell.merge(far)
                lines = spec["text"].split("\n")
                first = cell.paragraphs[0]
                for i, line in enumerate(lines):
                    paragraph = first if i == 0 else cell.add_paragraph()
                    plain = line.replace(" ", "")
                    spaced = template == "gu" and (line in LABELS or plain in SPREAD_VALUES)
                    write_text(paragraph, plain if spaced else line, spaced=spaced)
            doc.add_paragraph().paragraph_format.space_after = Pt(0)
    doc.save(str(path))


def write_all(jobs: list[tuple[list, Path, str, bool, int]]) -> None:
    """(flow, pdf path, template, continuous, blank lines before the first matrix) per document;
    one LibreOffice run for all."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise SystemExit(
            "samplegen: LibreOffice is needed for PDF samples: apt-get install libreoffice-writer-nogui fonts-nanum"
        )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for flow, pdf_path, template, continuous, spacer in jobs:
            _docx(flow, folder / f"{pdf_path.stem}.docx", template=template, continuous=continuous, spacer=spacer)
        docs = sorted(str(p) for p in folder.glob("*.docx"))
        profile = folder / "profile"
        subprocess.run(
            [office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(folder), *docs],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
        for _, pdf_path, _, _, _ in jobs:
            pdf_path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(folder / f"{pdf_path.stem}.pdf", pdf_path)
