"""What the PDF reader saw, drawn over each page (`cardex dump FILE --debug OUTDIR`).

When a table reads wrong, the question is always which of the reader's
steps went astray: a border not seen as a ruling line, two cells merged,
a word split. So each page is rendered (by pdfplumber's PageImage, which
renders through PDFium) with the reader's own findings drawn on it:
  - the raw strokes and thin boxes PDFium reported, in grey;
  - the ruling lines they were joined into, in green (open table sides
    that the reader closed, in orange);
  - every cell found, outlined in red, tables numbered in their corner;
  - every word the line builder made, boxed in blue.
"""

from __future__ import annotations

from pathlib import Path

from parsers.pages import lines as pdf_lines
from parsers.pdf import grid as pdf_grid
from parsers.pdf import objects as pdf_objects
from parsers.pdf import reader as pdf


def write_debug_pages(path: Path, out_dir: Path, resolution: int = 110) -> list[Path]:
    """One PNG per page of `path` in `out_dir`; returns the files written."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    pdf.pdf_safety.BUDGET.reset(path.stat().st_size)
    with open(path, "rb") as stream, pdfplumber.open(path) as plumber:
        doc = PDFDocument(PDFParser(stream))
        engine = pdf_objects.open_document(path)
        try:
            pages = pdf.pdf_safety.TolerantPage.create_pages(doc)
            for index, page_obj in enumerate(pages):
                if index >= len(engine) or index >= len(plumber.pages):
                    break
                objects = pdf_objects.read_page(engine, index, tuple(page_obj.mediabox), int(page_obj.rotate or 0))
                image = plumber.pages[index].to_image(resolution=resolution)
                _draw(image, objects)
                target = out_dir / f"{path.stem}-page{index + 1:03d}.png"
                image.save(target)
                written.append(target)
        finally:
            engine.close()
    return written


def _draw(image, objects: pdf_objects.PageObjects) -> None:
    settings = pdf_grid.GridSettings.for_page(objects.width, objects.height)
    for seg in objects.segments:
        image.draw_line(_points(seg.horizontal, seg.at, seg.start, seg.end), stroke=(150, 150, 150), stroke_width=1)
    segments = pdf_grid.drawn_rules(objects)  # underlines stay grey: text decoration, not borders
    lines = pdf_grid.ruling_lines(segments, objects.width, settings)
    closed = {(ln.at, ln.start, ln.end) for ln in pdf_grid.open_sides(lines, settings)}
    for ln in lines:
        colour = (255, 140, 0) if (ln.at, ln.start, ln.end) in closed else (0, 170, 0)
        image.draw_line(_points(ln.horizontal, ln.at, ln.start, ln.end), stroke=colour, stroke_width=2)
    found = pdf_grid.find_tables(segments, objects.width, objects.height, settings)
    number = 0
    stack = list(found)
    while stack:
        table = stack.pop(0)
        for cell in table.cells:
            image.draw_rect(cell, fill=(255, 0, 0, 25), stroke=(220, 0, 0), stroke_width=1)
        image.draw_circle((table.bbox[0], table.bbox[1]), radius=4, fill=(220, 0, 0), stroke=(220, 0, 0))
        number += 1
        stack.extend(table.children)
    for line in pdf_lines.text_lines([c for c in objects.glyphs if c["upright"]]):
        for x0, x1 in line.words:
            image.draw_rect((x0, line.top, x1, line.bottom), fill=(0, 0, 255, 20), stroke=(0, 0, 230), stroke_width=1)


def _points(horizontal: bool, at: float, start: float, end: float) -> tuple[tuple[float, float], tuple[float, float]]:
    return ((start, at), (end, at)) if horizontal else ((at, start), (at, end))
