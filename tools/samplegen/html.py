"""An HTML rendering of a sample's HWPX, for Chromium to print (Skia's PDF) or to rasterise.

A web system that shows a card and prints it is one of the ways departments make
PDFs. The HWPX (written by hwp-converter-ai, never by cardex) is read with lxml:
paragraphs in order, tables with their row and column spans, a cell's paragraphs
as lines. Leading spaces are kept (`white-space: pre-wrap`), so nested bullets
stay indented. The rule's weight and style (hairline, heavy, double) and the
font family are parameters: scans are made from these pages too.
"""

from __future__ import annotations

import html
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"


@dataclass(frozen=True)
class Style:
    font: str = "NanumGothic"
    rule: str = "0.75pt solid"  # CSS border: "0.1pt solid", "1.5pt solid", "2.5pt double"
    size_pt: float = 10.0
    across: bool = False  # rules across only: no vertical line anywhere (parsers/pdf/aligned.py)


def _text(paragraph) -> str:
    parts = []
    for run in paragraph.findall(f"{{{HP}}}run"):
        for t in run.findall(f"{{{HP}}}t"):
            parts.append(t.text or "")
    return "".join(parts)


def _table(table, style: Style) -> str:
    rows: dict[int, list[str]] = {}
    widths: dict[int, int] = {}
    for cell in table.iter(f"{{{HP}}}tc"):
        if cell.getparent().getparent() is not table:
            continue
        addr, span = cell.find(f"{{{HP}}}cellAddr"), cell.find(f"{{{HP}}}cellSpan")
        size = cell.find(f"{{{HP}}}cellSz")
        row, col = int(addr.get("rowAddr")), int(addr.get("colAddr"))
        rowspan, colspan = int(span.get("rowSpan")), int(span.get("colSpan"))
        if colspan == 1:
            widths[col] = int(size.get("width"))
        lines = [_text(p) for p in cell.find(f"{{{HP}}}subList").findall(f"{{{HP}}}p")]
        body = "<br>".join(html.escape(line) for line in lines)
        rows.setdefault(row, []).append((col, f'<td rowspan="{rowspan}" colspan="{colspan}">{body}</td>'))
    total = sum(widths.values()) or 1
    cols = "".join(f'<col style="width:{100 * widths[c] / total:.2f}%">' for c in sorted(widths))
    body = "".join("<tr>" + "".join(td for _, td in sorted(rows[r])) + "</tr>" for r in sorted(rows))
    return f"<table><colgroup>{cols}</colgroup>{body}</table>"


def render(hwpx: Path, style: Style) -> str:
    with zipfile.ZipFile(hwpx) as archive:
        sections = sorted(n for n in archive.namelist() if n.startswith("Contents/section"))
        roots = [
            etree.fromstring(archive.read(n), etree.XMLParser(resolve_entities=False, no_network=True))
            for n in sections
        ]
    parts = []
    for root in roots:
        for paragraph in root.findall(f"{{{HP}}}p"):
            if paragraph.get("pageBreak") == "1":
                parts.append('<div class="break"></div>')
            tables = [t for run in paragraph.findall(f"{{{HP}}}run") for t in run.findall(f"{{{HP}}}tbl")]
            for table in tables:
                parts.append(_table(table, style))
            text = _text(paragraph)
            if text.strip():
                parts.append(f"<p>{html.escape(text)}</p>")
    sides = "\ntd { border-left: none; border-right: none; }" if style.across else ""
    css = f"""
@page {{ size: A4; margin: 20mm; }}
body {{ font-family: '{style.font}'; font-size: {style.size_pt}pt; margin: 0; }}
p {{ margin: 0 0 2pt 0; white-space: pre-wrap; line-height: 1.45; }}
table {{ border-collapse: collapse; width: 100%; margin: 2pt 0 6pt 0; table-layout: fixed; }}
td {{ border: {style.rule} black; padding: 2pt 4pt; vertical-align: middle; white-space: pre-wrap;
      line-height: 1.35; overflow-wrap: anywhere; }}{sides}
.break {{ break-after: page; }}
"""
    return (
        '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>card</title>'
        f"<style>{css}</style></head><body>{''.join(parts)}</body></html>"
    )
