"""PDFs and page images from rhwp (`rhwp-python`), the open-source Hangul renderer (Skia).

rhwp lays out an HWPX document itself and writes each page as a form XObject scaled
to a unit square, every glyph its own text object: the drawing class that made
PDFium's text page drop digits and hyphens. Two things are set on the sample's
HWPX before rhwp renders it:
  - the font: the sample's faces (함초롬돋움/바탕, which Debian lacks) are renamed to
    an installed family, so each rendering is set in a real Korean font;
  - row heights: the independent HWPX writer leaves every row at one line's height
    and lets Hangul grow it; rhwp keeps the stored height and clips the overflow, so
    each row is given the height its wrapped text needs (an estimate from the
    text's width at the font's advances; generous rather than tight).
The wheel of rhwp-python 0.8 links against a newer FreeType than it bundles:
Debian's `libfreetype.so.6` is preloaded in the child process that renders.
"""

from __future__ import annotations

import io
import math
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

FREETYPE = "/usr/lib/x86_64-linux-gnu/libfreetype.so.6"
HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
LINE = 1600  # HWPUNIT per line at 10 pt with 160% spacing
PAD = 600  # margins and rule above and below a cell's text


def _advance(char: str) -> int:
    """HWPUNIT a character takes at 10 pt (NanumGothic's advances, rounded up)."""
    if char == " ":
        return 320
    if ord(char) < 0x2000:
        return 640
    return 1000


def _fit_rows(section: bytes) -> bytes:
    root = etree.fromstring(section, etree.XMLParser(resolve_entities=False, no_network=True))
    for table in root.iter(f"{{{HP}}}tbl"):
        rows: dict[int, int] = {}
        cells = []
        for cell in table.iter(f"{{{HP}}}tc"):
            if cell.getparent().getparent() is not table:  # a nested table's cells are its own
                continue
            size = cell.find(f"{{{HP}}}cellSz")
            addr = cell.find(f"{{{HP}}}cellAddr")
            span = cell.find(f"{{{HP}}}cellSpan")
            width = int(size.get("width")) - 1100
            lines = 0
            for paragraph in cell.find(f"{{{HP}}}subList").findall(f"{{{HP}}}p"):
                text = "".join(t.text or "" for t in paragraph.iter(f"{{{HP}}}t"))
                lines += max(1, math.ceil(sum(map(_advance, text)) / max(width, 1000)))
            need = lines * LINE + PAD
            row, row_span = int(addr.get("rowAddr")), int(span.get("rowSpan"))
            cells.append((size, row, row_span, need))
            if row_span == 1:
                rows[row] = max(rows.get(row, 0), need, int(size.get("height")))
        for size, row, row_span, need in cells:
            heights = [rows.get(r, int(size.get("height"))) for r in range(row, row + row_span)]
            if row_span > 1 and sum(heights) < need:  # a tall merged cell: share the lack out
                extra = math.ceil((need - sum(heights)) / row_span)
                for r in range(row, row + row_span):
                    rows[r] = rows.get(r, heights[0]) + extra
        for size, row, row_span, _ in cells:
            size.set("height", str(sum(rows.get(r, 0) for r in range(row, row + row_span))))
        outer = table.find(f"{{{HP}}}sz")
        if outer is not None and rows:
            outer.set("height", str(sum(rows.values())))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def prepared_hwpx(source: Path, font: str) -> bytes:
    """The sample's HWPX with its faces renamed to `font` and its rows tall enough."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "Contents/header.xml":
                data = data.replace("함초롬돋움".encode(), font.encode()).replace("함초롬바탕".encode(), font.encode())
            elif info.filename.startswith("Contents/section"):
                data = _fit_rows(data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 6, 30, 0, 0, 0))
            fixed.compress_type = info.compress_type
            dst.writestr(fixed, data)
    return out.getvalue()


_CHILD = """
import sys, rhwp
doc = rhwp.parse(sys.argv[1])
if sys.argv[2] == "pdf":
    open(sys.argv[3], "wb").write(doc.render_pdf())
else:
    scale = float(sys.argv[4])
    for page in range(doc.page_count):
        open(f"{sys.argv[3]}-{page + 1}.png", "wb").write(doc.render_png(page, scale=scale))
"""


def _run(hwpx: bytes, kind: str, target: str, *extra: str) -> None:
    env = dict(os.environ, LD_PRELOAD=FREETYPE)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "card.hwpx"
        path.write_bytes(hwpx)
        subprocess.run(
            [sys.executable, "-c", _CHILD, str(path), kind, target, *extra],
            check=True, env=env, capture_output=True, timeout=300,
        )  # fmt: skip


def write_pdf(source: Path, font: str, target: Path) -> None:
    _run(prepared_hwpx(source, font), "pdf", str(target))


def write_pngs(source: Path, font: str, stem: Path, dpi: int) -> list[Path]:
    """rhwp's own page images at `dpi` (its scale 1.0 is 96 dpi): stem-1.png, stem-2.png, ..."""
    _run(prepared_hwpx(source, font), "png", str(stem), f"{dpi / 96:.4f}")
    return sorted(stem.parent.glob(f"{stem.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
