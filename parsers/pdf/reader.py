"""PDF documents: PDFium reads what each page draws, pdfminer the page tree, the layout is ours.

A PDF has no paragraphs or tables, only positioned glyphs and strokes, so
this reader rebuilds them:
  - the page tree and page boxes from pdfminer (repaired and bounded by
    `safety`); each page's glyphs, strokes and boxes from PDFium (`objects`);
  - tables from the ruling lines (`grid`); row and column spans from where
    each cell's edges fall on the table's grid; rows a band groups without
    a drawn border split again (`rows`);
  - lines by clustering glyphs vertically; words by gaps measured against
    the line's own letter spacing, so distributed alignment (`진 도`, spread
    by the writer) reads back as the word that was typed (`진도`)
    (`pages.lines`);
  - paragraphs by joining a line to the next when it runs to the right edge
    of its cell or text column, with a space only where the writer left a
    space glyph at the break (Korean wraps inside words);
  - a page with no text but an image read as a scan, by OCR (`scan.page`);
  - each page's text layer checked against what the page draws (`textlayer`):
    glyphs PDFium's text page left out are read again by pdfminer, glyphs
    no font maps to text by OCR of the page, and what neither recovers is
    reported as an incomplete page;
  - tables cut by a page break joined again, a repeated header row dropped
    (`pages.assemble`), and page headers and footers kept out of the body
    (`pages.furniture`).
"""

from __future__ import annotations

import bisect
import logging
import re
from pathlib import Path

import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from parsers.errors import CardexError
from parsers.model import Block, Document, Paragraph, Provenance, Table, iter_paragraphs
from parsers.pages import lines as page_lines
from parsers.pages.assemble import SNAP, Edges, PageBlocks, join_pages
from parsers.pages.furniture import BOX_BAND, MARGIN_BAND, MARGIN_ROWS, mark_furniture
from parsers.pdf import aligned as pdf_aligned
from parsers.pdf import clips as pdf_clips
from parsers.pdf import grid as pdf_grid
from parsers.pdf import objects as pdf_objects
from parsers.pdf import rows as pdf_rows
from parsers.pdf import safety as pdf_safety
from parsers.pdf import textlayer
from parsers.scan.hints import NO_HINTS, TextHints

pdf_safety.install()
# pdfminer logs what it repairs; the reader reports what matters in Document.warnings instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def read(path: Path, hints: TextHints = NO_HINTS) -> Document:
    """The PDF's pages as one document; pages with no text but an image are read as scans (with `hints`)."""
    pdf_safety.BUDGET.reset(path.stat().st_size)
    try:
        with open(path, "rb") as stream:
            doc = PDFDocument(PDFParser(stream))
            return _Reader(doc, path, hints).document()
    except CardexError:
        raise
    except (RecursionError, MemoryError):
        raise
    except Exception as exc:  # pdfminer raises whatever the bytes provoke while parsing the trailer
        raise _opening_error(exc) from None


def _reason(exc: BaseException) -> str:
    inner = exc.args[0] if exc.args else exc
    text = f"{type(inner).__name__}: {inner}" if isinstance(inner, BaseException) else f"{type(exc).__name__}: {inner}"
    return pdf_safety.clean_text(text[:200])


def _opening_error(exc: BaseException) -> CardexError:
    text = _reason(exc)
    if "Password" in text or "Encrypt" in text or "password" in text:
        return CardexError(
            "encrypted", "The PDF is protected by a password; save or print it again without the password."
        )
    return CardexError("corrupt", f"The file is not a readable PDF ({text}); it is damaged, truncated or not a PDF.")


def _open_pdfium(path: Path):
    try:
        return pdf_objects.open_document(path)
    except pdfium.PdfiumError as exc:
        raise _opening_error(exc) from None


class _Reader:
    """pdfminer reads the page tree (cheap, and its page boxes are repaired by pdf_safety);
    PDFium reads each page's glyphs and drawing (fast); the layout here is the reader's own."""

    def __init__(self, doc: PDFDocument, path: Path, hints: TextHints) -> None:
        self.doc = doc
        self.path = path
        self.hints = hints
        self.pdfium = None
        self.scanned: list[int] = []  # pages read by OCR
        self.unscanned: list[int] = []  # image-only pages left unread: no OCR here
        self.ocr_missing: str | None = None
        self.n_tables = 0
        self.edges: dict[int, Edges] = {}  # id(table) -> its grid lines, for joining across pages
        self.warnings: list[str] = []
        self.notes: list[str] = []
        self.unmapped = 0  # glyphs a broken ToUnicode map decoded to no character (read as U+FFFD)
        self.unplaced = 0  # glyphs dropped for impossible coordinates (NaN, infinite, far off the page)
        self.truncated: list[int] = []  # pages whose drawing exceeded the bounds
        self.aligned: list[int] = []  # pages with a table ruled across only: its columns are inferred
        self.incomplete: list[int] = []  # pages whose text the self-check found incomplete (textlayer)
        self.noise: list[int] = []  # ... of them, pages whose fonts map to no text, with no OCR to read them
        # Hangul's own export: words parted by gaps, no space glyph at a line break
        self.hangul = _producer_is_hangul(doc)
        self.gap_writer = self.hangul  # typed spaces are gaps, not glyphs

    def document(self) -> Document:
        pages: list[PageBlocks] = []
        failed: list[tuple[int, str]] = []
        try:
            for number, page_obj in self._pages():
                if page_obj is None:
                    continue
                try:
                    if self.pdfium is None:
                        self.pdfium = _open_pdfium(self.path)
                    if number > len(self.pdfium):
                        failed.append((number, "PDFium finds no such page"))
                        continue
                    objects = pdf_objects.read_page(
                        self.pdfium,
                        number - 1,
                        tuple(page_obj.mediabox),
                        int(page_obj.rotate or 0),
                        pdf_clips.clip_rects(pdf_clips.page_contents(page_obj)),
                    )
                    if not any(not g["text"].isspace() for g in objects.glyphs) and objects.images:
                        scanned = self._scanned(number)
                        if scanned is not None:
                            pages.append(scanned)
                        continue
                    judged = textlayer.verdict(objects.dropped, objects.garbled, objects.letters)
                    if judged is textlayer.Verdict.OCR:
                        scanned = self._scanned(number, unreadable=objects.garbled)
                        if scanned is not None:
                            pages.append(scanned)
                            continue
                    elif judged is textlayer.Verdict.REREAD:
                        self._reread(objects, page_obj, number)
                    if objects.garbled and judged is not textlayer.Verdict.OCR:
                        # too few to read the page from its image, too many to pass over in silence
                        self.incomplete.append(number)
                        self.warnings.append(
                            f"page {number}: {objects.garbled:,} glyph(s) are set in fonts that map them to no "
                            "text (no character map); that text is noise"
                        )
                    pages.append(self._page(objects, number))
                except CardexError:
                    raise
                except (RecursionError, MemoryError):
                    raise
                except Exception as exc:  # what a damaged page provokes
                    failed.append((number, _reason(exc)))
        finally:
            if self.pdfium is not None:
                self.pdfium.close()
        for number, reason in failed:
            self.warnings.append(f"page {number} could not be read ({reason}) and was left out")
        if self.truncated:
            listed = ", ".join(map(str, self.truncated[:10]))
            self.warnings.append(
                f"page(s) {listed} draw more than {pdf_objects.MAX_OBJECTS:,} objects; the drawing past that "
                "was not searched for tables"
            )
        if self.aligned:
            listed = ", ".join(map(str, self.aligned[:10]))
            self.notes.append(
                f"page(s) {listed} hold a table drawn without vertical rules, or with its body open under a "
                "ruled head, whose columns or rows were read from the alignment of its text; where a card's "
                "values look shifted, check them against the page"
            )
        if self.unscanned and (pages or failed):
            listed = ", ".join(map(str, self.unscanned[:10]))
            self.warnings.append(f"page(s) {listed} are scans and were not read ({self.ocr_missing})")
        if not pages and self.unscanned:
            raise CardexError(
                "no_text_layer", f"The PDF's pages are scans without a text layer, and {self.ocr_missing}."
            )
        if not pages:
            if failed:
                raise CardexError(
                    "corrupt",
                    f"No page of the PDF could be read (page {failed[0][0]}: {failed[0][1]}); export it again.",
                )
            raise CardexError("corrupt", "The PDF has no readable pages; export it again.")
        if self.unmapped:
            self.warnings.append(
                f"{self.unmapped:,} glyph(s) map to no character in their font (a broken ToUnicode map) "
                "and were read as �"
            )
        if self.unplaced:
            self.warnings.append(f"{self.unplaced:,} glyph(s) placed at impossible coordinates were left out")
        if pages and len(self.noise) == len(pages):
            raise CardexError(
                "no_text_layer",
                "The PDF's fonts map its glyphs to no text (no character map: it was printed through PostScript "
                f"or re-saved), so it can only be read from its image, and {self.ocr_missing}.",
            )
        if self.incomplete:
            listed = ", ".join(map(str, self.incomplete[:10]))
            self.warnings.append(f"the text of page(s) {listed} could not be read completely")
        if not any(p.blocks or p.margin_lines for p in pages):
            if self.unplaced:
                raise CardexError(
                    "corrupt",
                    f"The PDF's text is placed at impossible coordinates ({self.unplaced:,} glyphs at infinite or "
                    "far off-page positions), so none of it can be read; the file is damaged, export it again.",
                )
            raise CardexError(
                "no_text_layer",
                "The PDF has no text layer (it is a scan or an image); run OCR on it or ask for the original document.",
            )
        mark_furniture(pages)
        blocks = join_pages(pages, self.edges)
        page_lines.settle_breaks(list(iter_paragraphs(blocks)))
        return Document(
            blocks=blocks,
            format="pdf",
            pages=len(pages),
            warnings=self.warnings,
            notes=self.notes,
            scanned_pages=self.scanned,
            incomplete_pages=self.incomplete,
        )

    def _scanned(self, number: int, unreadable: int = 0) -> PageBlocks | None:
        """An image-only page, or one whose `unreadable` glyphs map to no text, rendered by PDFium
        and read by OCR (None where OCR is missing: the page is then read as it is, or left out)."""
        from parsers.scan.ocr import engine
        from parsers.scan.page import page_blocks
        from parsers.scan.pixels import render_pdf_page

        missing = engine().available()
        if missing is not None:
            self.ocr_missing = missing.split("; ", 1)[-1].rstrip(".")
            if unreadable:
                self.incomplete.append(number)
                self.noise.append(number)
                self.warnings.append(
                    f"page {number}: {unreadable:,} glyph(s) are set in fonts that map them to no text, and "
                    f"OCR is not available ({self.ocr_missing}); the page's text is noise"
                )
            else:
                self.unscanned.append(number)
            return None
        if unreadable:
            self.warnings.append(
                f"page {number}: {unreadable:,} glyph(s) are set in fonts that map them to no text "
                "(no character map); the page was read from its image by OCR"
            )
        image, dpi = render_pdf_page(self.path, number - 1)
        blocks, tables = page_blocks(image, dpi, number, self.n_tables, self.hints)
        self.n_tables += len(tables)
        self.edges.update({id(table): edges for table, edges in tables})
        self.scanned.append(number)
        self.warnings += blocks.warnings
        return blocks

    def _reread(self, objects: pdf_objects.PageObjects, page_obj, number: int) -> None:
        """PDFium's text page left out drawn text objects: take the page's glyphs from pdfminer,
        which places every glyph of every text object, and say so; where pdfminer also reads
        fewer glyphs than the page draws, the page is marked incomplete. Where every object left
        out holds only spaces in pdfminer's reading, nothing was missing and PDFium's stands."""
        try:
            second, unmapped = textlayer.glyphs(page_obj)
        except (RecursionError, MemoryError):
            raise
        except Exception as exc:  # a content stream pdfminer cannot interpret
            second, unmapped = [], 0
            self.warnings.append(f"page {number}: the second reading failed ({_reason(exc)})")
        spaces = textlayer.blank(objects.missing, second)
        if second and spaces == objects.dropped:
            return  # what the text page left out are spaces: its reading stands
        drawn = objects.letters + objects.dropped - spaces  # each other dropped object draws a glyph at least
        if textlayer.inked(second) >= drawn and unmapped <= objects.unmapped:
            objects.glyphs = second
            self.notes.append(
                f"page {number}: PDFium's text layer missed {objects.dropped:,} drawn text object(s); "
                "the page was read again by pdfminer"
            )
            return
        self.incomplete.append(number)
        self.warnings.append(
            f"page {number}: {objects.dropped:,} drawn text object(s) are missing from the text layer "
            "and a second reading did not recover them"
        )

    def _pages(self):
        """pdfminer's page dictionaries one at a time, boxes repaired first; a page tree that
        breaks is reported and the pages before the break are kept."""
        tree = pdf_safety.TolerantPage.create_pages(self.doc)
        number = 0
        while True:
            number += 1
            try:
                page_obj = next(tree)
            except StopIteration:
                return
            except (RecursionError, MemoryError):
                raise
            except Exception as exc:
                if number == 1:
                    raise CardexError("corrupt", f"The PDF's page tree cannot be read ({_reason(exc)}).") from None
                self.warnings.append(
                    f"the page tree breaks after page {number - 1} ({_reason(exc)}); later pages are lost"
                )
                return
            for note in page_obj.repairs:
                self.warnings.append(f"page {number}: {note}")
            yield number, page_obj

    # -- one page

    def _page(self, objects: pdf_objects.PageObjects, number: int) -> PageBlocks:
        out = PageBlocks(number=number, height=objects.height)
        self.unplaced += objects.unplaced
        self.unmapped += objects.unmapped
        if objects.truncated:
            self.truncated.append(number)
        chars = [c for c in objects.glyphs if c["upright"]]
        finding = pdf_grid.find(objects)
        found = pdf_aligned.page_tables(finding, objects.glyphs)
        if any(table.inferred for table in found):
            self.aligned.append(number)
        claimed, free = _assign(chars, [t.bbox for t in found])
        boxes: list[tuple[float, float, float, float, Table]] = []  # tables of a line or two
        for table, table_chars in zip(found, claimed):
            built = self._table(table, table_chars, number)
            if built is None:
                continue
            if built.n_rows <= MARGIN_ROWS:
                boxes.append((*table.bbox, built))
                continue
            out.blocks.append((table.bbox[1], built))
            out.body_bottom = max(out.body_bottom or 0.0, table.bbox[3])
        lines = page_lines.text_lines(free)
        if lines:
            left = min(line.x0 for line in lines)
            right_edge = max(objects.width - left, max(line.x1 for line in lines))
            band = MARGIN_BAND * objects.height
            body = []
            for line in lines:
                if line.bottom <= band:
                    out.margin_lines.append(("top", line))
                elif line.top >= objects.height - band:
                    out.margin_lines.append(("bottom", line))
                else:
                    body.append(line)
            if body:
                out.body_bottom = max(out.body_bottom or 0.0, max(line.bottom for line in body))
            for text, first in page_lines.paragraphs(body, right_edge, self.hangul, soft=True):
                out.blocks.append((first.top, Paragraph(text, round(first.x0, 1), Provenance(page=number))))
        self._margin_boxes(out, boxes, objects.height, [(line.top, line.bottom) for line in lines])
        out.blocks.sort(key=lambda item: item[0])
        return out

    @staticmethod
    def _margin_boxes(out: PageBlocks, boxes: list, height: float, lines: list[tuple[float, float]]) -> None:
        """Tables of a row or two (a page number in a frame, a running title beside it; Hangul's
        header and footer areas, whose content it clips like a cell's) go aside as margin boxes
        where they stand within BOX_BAND of the page's top or bottom with nothing of the page above
        or below them; `furniture` keeps as tables those whose text does not recur."""
        band = BOX_BAND * height
        tops = [top for top, _ in out.blocks] + [box[1] for box in boxes] + [top for top, _ in lines]
        bottoms = [box[3] for box in boxes] + [bottom for _, bottom in lines]
        if out.body_bottom is not None:
            bottoms.append(out.body_bottom)
        for _, top, _, bottom, table in boxes:
            if bottom <= band and top <= min(tops):
                out.margin_boxes.append(("top", top, table))
            elif top >= height - band and bottom >= max(bottoms):
                out.margin_boxes.append(("bottom", top, table))
            else:
                out.blocks.append((top, table))
                out.body_bottom = max(out.body_bottom or 0.0, bottom)

    def _table(self, found: pdf_grid.FoundTable, chars: list[dict], page: int) -> Table | None:
        boxes = found.cells
        if not boxes:
            return None
        xs = pdf_grid.distinct([b[0] for b in boxes] + [b[2] for b in boxes], SNAP)
        ys = pdf_grid.distinct([b[1] for b in boxes] + [b[3] for b in boxes], SNAP)
        index = self.n_tables
        self.n_tables += 1
        stacks: pdf_rows.Stacks = {}
        owned, _ = _assign(chars, boxes)
        placed_boxes = sorted(zip(boxes, owned), key=lambda item: (item[0][1], item[0][0]))
        spans = []
        for box, _ in placed_boxes:
            col, col_end = _at(xs, box[0]), _at(xs, box[2])
            row, row_end = _at(ys, box[1]), _at(ys, box[3])
            spans.append((row, col, max(row_end - row, 1), max(col_end - col, 1)))
        result = Table.of_grid(spans, len(ys) - 1, len(xs) - 1, page, index)
        for cell, (box, box_chars) in zip(result.cells, placed_boxes):
            placed: list[tuple[float, Block]] = []
            inner = [t for t in found.children if pdf_grid.inside(t.bbox, box)]
            if inner:  # a nested table takes its glyphs; the rest are the cell's own text
                inner_chars, box_chars = _assign(box_chars, [t.bbox for t in inner])
                for child, child_chars in zip(inner, inner_chars):
                    built = self._table(child, child_chars, page)
                    if built is not None:
                        placed.append((child.bbox[1], built))
            cell_lines = page_lines.text_lines(box_chars, box if self.gap_writer else None)
            # cell padding is symmetric in every writer met: the text's left inset gives the right one,
            # up to a padding's size (text centred in a wide cell is not padded by its whole margin)
            inset = min((line.x0 for line in cell_lines), default=box[0] + 2.0) - box[0]
            padding = min(max(inset, 0.0), page_lines.MAX_PADDING)
            paragraphs = page_lines.paragraphs(cell_lines, box[2] - padding, self.hangul, box[0] + padding, soft=True)
            for text, first in paragraphs:
                placed.append((first.top, Paragraph(text, round(first.x0 - box[0], 1), cell.prov)))
            one_line_each = not inner and len(paragraphs) == len(cell_lines)
            stacks[id(cell)] = [(line.top, line.bottom) for line in cell_lines] if one_line_each else None
            placed.sort(key=lambda item: item[0])
            cell.blocks.extend(block for _, block in placed)
        self.edges[id(result)] = Edges(xs, pdf_rows.unstack_rows(result, ys, stacks))
        return result


_HANGUL_PRODUCER = re.compile(rb"hancom|hangul|\xed\x95\x9c\xea\xb8\x80", re.I)  # ... or 한글 in UTF-8


def _producer_is_hangul(doc: PDFDocument) -> bool:
    try:
        infos = [resolve1(info) for info in doc.info[:4]]
        values = [resolve1(info.get("Producer")) for info in infos if isinstance(info, dict)]
    except Exception:  # a hostile Info dictionary says nothing about its writer
        return False
    for value in values:
        if isinstance(value, bytes) and _HANGUL_PRODUCER.search(value[:200]):
            return True
        if isinstance(value, str) and _HANGUL_PRODUCER.search(value.encode("utf-8", "replace")):
            return True
    return False


_BAND = 12.0  # points: the height of the strips boxes are indexed by when glyphs are assigned


def _assign(chars: list[dict], boxes: list[tuple]) -> tuple[list[list[dict]], list[dict]]:
    """Glyphs per box (by their centre; the first box holding it), and the glyphs in no box.
    Boxes are indexed by the horizontal strips of the page they cross (within the glyphs'
    own extent), so each glyph is tried against the few boxes of its strip."""
    inside: list[list[dict]] = [[] for _ in boxes]
    outside: list[dict] = []
    if not chars:
        return inside, outside
    xs = [(c["x0"] + c["x1"]) / 2 for c in chars]  # the glyphs' centres
    ys = [(c["top"] + c["bottom"]) / 2 for c in chars]
    low, high = min(ys), max(ys)
    strips: dict[int, list[tuple[int, float, float, float, float]]] = {}  # strip -> (box index, its edges)
    last = int((high - low) // _BAND)
    for i, (x0, top, x1, bottom) in enumerate(boxes):
        first_strip = max(int((top - low) // _BAND), 0) if top > low else 0
        last_strip = min(int((bottom - low) // _BAND), last) if bottom < high else last
        for strip in range(first_strip, last_strip + 1):
            strips.setdefault(strip, []).append((i, x0, top, x1, bottom))
    for char, cx, cy in zip(chars, xs, ys, strict=True):
        for i, x0, top, x1, bottom in strips.get(int((cy - low) // _BAND), ()):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                inside[i].append(char)
                break
        else:
            outside.append(char)
    return inside, outside


def _at(edges: list[float], value: float) -> int:
    """The index of the edge nearest `value` (the lower one on a tie); `edges` are sorted."""
    i = bisect.bisect_left(edges, value)
    if i == len(edges) or (i > 0 and value - edges[i - 1] <= edges[i] - value):
        i -= 1
    return bisect.bisect_left(edges, edges[i])  # the first of equal edges
