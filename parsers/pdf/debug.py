"""What the PDF reader saw, drawn over each page (`cardex dump FILE --debug OUTDIR`).

When a table reads wrong, the question is always which of the reader's
steps went astray: a border not seen as a ruling line, two cells merged,
a word split. So each page is rendered (by pdfplumber's PageImage, which
renders through PDFium) with what the reader's own table finder found on it
(the same `grid.find` call the reader makes, so the picture cannot differ
from what was read):
  - the raw strokes and thin boxes PDFium reported, in grey; the cells the
    writer clipped their content to (`clips`), in light blue;
  - the ruling lines they were joined into, in green (open table sides
    that the reader closed, in orange);
  - every cell found, outlined in red, tables numbered in their corner;
  - every word the line builder made, boxed in blue.
"""

from __future__ import annotations

from pathlib import Path

from parsers.pages import lines as page_lines
from parsers.pdf import aligned, clips, grid, objects, safety


def write_debug_pages(path: Path, out_dir: Path, resolution: int = 110) -> list[Path]:
    """One PNG per page of `path` in `out_dir`; returns the files written."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    safety.BUDGET.reset(path.stat().st_size)
    with open(path, "rb") as stream, pdfplumber.open(path) as plumber:
        doc = PDFDocument(PDFParser(stream))
        engine = objects.open_document(path)
        try:
            pages = safety.TolerantPage.create_pages(doc)
            for index, page_obj in enumerate(pages):
                if index >= len(engine) or index >= len(plumber.pages):
                    break
                drawn = objects.read_page(
                    engine,
                    index,
                    tuple(page_obj.mediabox),
                    int(page_obj.rotate or 0),
                    clips.clip_rects(clips.page_contents(page_obj)),
                )
                image = plumber.pages[index].to_image(resolution=resolution)
                _draw(image, drawn)
                target = out_dir / f"{path.stem}-page{index + 1:03d}.png"
                image.save(target)
                written.append(target)
        finally:
            engine.close()
    return written


def _draw(image, page: objects.PageObjects) -> None:
    for seg in page.segments:  # underlines stay grey: text decoration, not borders
        image.draw_line(_points(seg.horizontal, seg.at, seg.start, seg.end), stroke=(150, 150, 150), stroke_width=1)
    finding = grid.find(page)
    for x0, top, x1, bottom in finding.clipped:  # cells seen only by their clip, in light blue
        image.draw_rect((x0, top, x1, bottom), fill=None, stroke=(90, 170, 230), stroke_width=1)
    for rule in finding.rules:
        image.draw_line(_points(rule.horizontal, rule.at, rule.start, rule.end), stroke=(0, 170, 0), stroke_width=2)
    for side in finding.closed:
        image.draw_line(_points(side.horizontal, side.at, side.start, side.end), stroke=(255, 140, 0), stroke_width=2)
    stack = aligned.page_tables(finding, page.glyphs)  # the grid's tables and those ruled across only
    while stack:
        table = stack.pop(0)
        for cell in table.cells:
            image.draw_rect(cell, fill=(255, 0, 0, 25), stroke=(220, 0, 0), stroke_width=1)
        image.draw_circle((table.bbox[0], table.bbox[1]), radius=4, fill=(220, 0, 0), stroke=(220, 0, 0))
        stack.extend(table.children)
    for line in page_lines.text_lines([c for c in page.glyphs if c["upright"]]):
        for x0, x1 in line.words:
            image.draw_rect((x0, line.top, x1, line.bottom), fill=(0, 0, 255, 20), stroke=(0, 0, 230), stroke_width=1)


def _points(horizontal: bool, at: float, start: float, end: float) -> tuple[tuple[float, float], tuple[float, float]]:
    return ((start, at), (end, at)) if horizontal else ((at, start), (at, end))
