"""PDF documents, through pdfplumber (pdfminer.six underneath).

A PDF has no paragraphs or tables, only positioned glyphs and ruling
lines, so this reader rebuilds them:
  - tables from ruling lines (pdfplumber's table finder); row and column
    spans from where each cell's edges fall on the table's grid;
  - lines by clustering glyphs vertically; words by gaps measured against
    the line's own letter spacing, so distributed alignment (`진 도`, spread
    by the writer) reads back as the word that was typed (`진도`);
  - paragraphs by joining a line to the next when it runs to the right edge
    of its cell or text column, with a space only where the writer left a
    space glyph at the break (Korean wraps inside words);
  - tables cut by a page break joined again (a repeated header row dropped);
  - page headers and footers (text repeated at the top or bottom of pages,
    page numbers) kept out of the body.
"""

from __future__ import annotations

import itertools
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from . import pdf_grid, pdf_objects, pdf_rows, pdf_safety
from .errors import CardexError
from .model import Block, Cell, Document, Paragraph, Provenance, Table
from .pdf_pages import Edges, PageBlocks, join_pages

SNAP = 1.5  # points: cell edges this close are the same grid line
MAX_PADDING = 8.0  # points: the widest cell padding writers use (Hangul's default is 1.8 mm = 5.1 pt)
MARGIN_BAND = 0.08  # share of the page height at top and bottom searched for headers/footers
_PAGE_NUMBER = re.compile(r"^[-–—\s(]*(?:page\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–—\s)]*$|^\d{1,4}\s*쪽$", re.I)
pdf_safety.install()
# pdfminer logs what it repairs; the reader reports what matters in Document.warnings instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
_BULLET_START = re.compile(r"^(?:[^\w\s(\[<'\"‘“]\s?|\d{1,2}[.)]\s|\(\d{1,2}\)\s?|[가-하][.)]\s)")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    trailing_space: bool
    space_width: float
    first_word_x1: float  # right end of the first word (up to the first space)
    gap_words: bool = False  # words parted by a gap alone, no space glyph (Hangul's export writes none)
    words: list[tuple[float, float]] = field(default_factory=list)  # each word's x0, x1 (the debug view)


def read(path: Path) -> Document:
    pdf_safety.BUDGET.reset(path.stat().st_size)
    try:
        with open(path, "rb") as stream:
            doc = PDFDocument(PDFParser(stream))
            return _Reader(doc, path).document()
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

    def __init__(self, doc: PDFDocument, path: Path) -> None:
        self.doc = doc
        self.path = path
        self.pdfium = None
        self.scanned: list[int] = []  # pages read by OCR
        self.unscanned: list[int] = []  # image-only pages left unread: no OCR here
        self.ocr_missing: str | None = None
        self.n_tables = 0
        self.edges: dict[int, Edges] = {}  # id(table) -> its grid lines, for joining across pages
        self.warnings: list[str] = []
        self.unmapped = 0  # glyphs a broken ToUnicode map decoded to no character (read as U+FFFD)
        self.unplaced = 0  # glyphs dropped for impossible coordinates (NaN, infinite, far off the page)
        self.truncated: list[int] = []  # pages whose drawing exceeded the bounds
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
                        self.pdfium, number - 1, tuple(page_obj.mediabox), int(page_obj.rotate or 0)
                    )
                    if not any(not g["text"].isspace() for g in objects.glyphs) and objects.images:
                        scanned = self._scanned(number)
                        if scanned is not None:
                            pages.append(scanned)
                    else:
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
        if self.unscanned and (pages or failed):
            listed = ", ".join(map(str, self.unscanned[:10]))
            self.warnings.append(f"page(s) {listed} are scans and were not read ({self.ocr_missing})")
        if self.scanned:
            listed = ", ".join(map(str, self.scanned[:10])) + (" …" if len(self.scanned) > 10 else "")
            self.warnings.append(
                f"page(s) {listed} are scans read by OCR: check the figures against the paper "
                "(the cards table's ocr_confidence says how sure the reading is)"
            )
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
        return Document(blocks=join_pages(pages, self.edges), format="pdf", pages=len(pages), warnings=self.warnings)

    def _scanned(self, number: int) -> PageBlocks | None:
        """An image-only page, rendered by PDFium and read by OCR (None where OCR is missing)."""
        from . import scan

        missing = scan.available()
        if missing is not None:
            self.unscanned.append(number)
            self.ocr_missing = missing.split("; ", 1)[-1].rstrip(".")
            return None
        image, dpi = scan.render_pdf_page(self.path, number - 1)
        blocks, tables = scan.page_blocks(image, dpi, number, self.n_tables)
        self.n_tables += len(tables)
        self.edges.update({id(table): edges for table, edges in tables})
        self.scanned.append(number)
        return blocks

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
        found = pdf_grid.find_tables(objects.segments, objects.width, objects.height)
        claimed, free = _assign(chars, [t.bbox for t in found])
        for table, table_chars in zip(found, claimed):
            built = self._table(table, table_chars, number)
            if built is not None:
                out.blocks.append((table.bbox[1], built))
                out.body_bottom = max(out.body_bottom or 0.0, table.bbox[3])
        lines = _lines(free)
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
                out.body_bottom = max(line.bottom for line in body)
            for text, first in _paragraphs(body, right_edge, self.hangul):
                out.blocks.append((first.top, Paragraph(text, round(first.x0, 1), Provenance(page=number))))
        out.blocks.sort(key=lambda item: item[0])
        return out

    def _table(self, found: pdf_grid.FoundTable, chars: list[dict], page: int) -> Table | None:
        boxes = found.cells
        if not boxes:
            return None
        xs = _grid([b[0] for b in boxes] + [b[2] for b in boxes])
        ys = _grid([b[1] for b in boxes] + [b[3] for b in boxes])
        index = self.n_tables
        self.n_tables += 1
        cells: list[Cell] = []
        stacks: pdf_rows.Stacks = {}
        owned, _ = _assign(chars, boxes)
        for box, box_chars in sorted(zip(boxes, owned), key=lambda item: (item[0][1], item[0][0])):
            col, col_end = _at(xs, box[0]), _at(xs, box[2])
            row, row_end = _at(ys, box[1]), _at(ys, box[3])
            prov = Provenance(page=page, table=index, row=row, col=col)
            cell = Cell(row=row, col=col, row_span=max(row_end - row, 1), col_span=max(col_end - col, 1), prov=prov)
            placed: list[tuple[float, Block]] = []
            inner = [t for t in found.children if pdf_grid.inside(t.bbox, box)]
            if inner:  # a nested table takes its glyphs; the rest are the cell's own text
                inner_chars, box_chars = _assign(box_chars, [t.bbox for t in inner])
                for child, child_chars in zip(inner, inner_chars):
                    built = self._table(child, child_chars, page)
                    if built is not None:
                        placed.append((child.bbox[1], built))
            cell_lines = _lines(box_chars, box if self.gap_writer else None)
            # cell padding is symmetric in every writer met: the text's left inset gives the right one,
            # up to a padding's size (text centred in a wide cell is not padded by its whole margin)
            inset = min((line.x0 for line in cell_lines), default=box[0] + 2.0) - box[0]
            right = box[2] - min(max(inset, 0.0), MAX_PADDING)
            left = box[0] + min(max(inset, 0.0), MAX_PADDING)
            paragraphs = _paragraphs(cell_lines, right, self.hangul, left)
            for text, first in paragraphs:
                placed.append((first.top, Paragraph(text, round(first.x0 - box[0], 1), prov)))
            one_line_each = not inner and len(paragraphs) == len(cell_lines)
            stacks[id(cell)] = [(line.top, line.bottom) for line in cell_lines] if one_line_each else None
            placed.sort(key=lambda item: item[0])
            cell.blocks.extend(block for _, block in placed)
            cells.append(cell)
        result = Table(cells=cells, n_rows=len(ys) - 1, n_cols=len(xs) - 1, prov=Provenance(page=page, table=index))
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


def mark_furniture(pages: list[PageBlocks]) -> None:
    """Margin lines repeated on several pages at the same height, or page numbers."""
    seen = Counter(_shape(where, line) for page in pages for where, line in page.margin_lines)
    for page in pages:
        for where, line in page.margin_lines:
            repeated = len(pages) > 1 and seen[_shape(where, line)] > 1
            role = "furniture" if _PAGE_NUMBER.match(line.text) or repeated else "body"
            paragraph = Paragraph(line.text, round(line.x0, 1), Provenance(page=page.number), role=role)
            page.blocks.append((line.top, paragraph))
        page.blocks.sort(key=lambda item: item[0])


def _assign(chars: list[dict], boxes: list[tuple]) -> tuple[list[list[dict]], list[dict]]:
    """Glyphs per box (by their centre), and the glyphs in no box."""
    inside: list[list[dict]] = [[] for _ in boxes]
    outside: list[dict] = []
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        for i, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                inside[i].append(char)
                break
        else:
            outside.append(char)
    return inside, outside


def _shape(where: str, line: _Line) -> tuple[str, str, int]:
    return where, re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)), round(line.top / 2)


def _grid(values: list[float]) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > SNAP:
            edges.append(value)
    return edges


def _at(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


# ---------------------------------------------------------------- lines and paragraphs


def _lines(chars: list[dict], cell: tuple[float, float, float, float] | None = None) -> list[_Line]:
    """Glyphs into lines (top to bottom), each line's words spaced by evidence.

    `cell`: the box of the table cell the glyphs stand in, given when the
    writer leaves typed spaces undrawn (see `_line`)."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    rows: list[list[dict]] = []
    for char in ordered:
        if rows:
            last = rows[-1]
            ref = last[0]
            if abs(char["top"] - ref["top"]) <= max(ref["size"], 1.0) * 0.4:
                last.append(char)
                continue
        rows.append([char])
    return [line for row in rows if (line := _line(sorted(row, key=lambda c: c["x0"]), cell)) is not None]


def _line(chars: list[dict], cell: tuple[float, float, float, float] | None = None) -> _Line | None:
    glyphs = [c for c in chars if not c["text"].isspace()]
    if not glyphs:
        return None
    size = statistics.median(c["size"] for c in glyphs)
    tight = [b["x0"] - a["x1"] for a, b in itertools.pairwise(glyphs)]
    spaced_pairs = {id(a) for a, b in itertools.pairwise(chars) if b["text"].isspace()}
    # The tightest gap is the line's letter spacing: ~0 in plain text, wide in distributed text.
    letter_gap = min(tight) if tight else 0.0
    if cell is not None and _typed_apart(glyphs, tight, size, cell) and not spaced_pairs:
        threshold = letter_gap - 0.01 * size  # every gap is a typed space
    elif letter_gap >= 0:
        threshold = max(0.25 * size, 2.0 * letter_gap + 0.1 * size)
    else:  # condensed text (Hangul's negative letter spacing): a word gap stands out from the overlap
        threshold = letter_gap + 0.25 * size
    parts = [glyphs[0]["text"]]
    gap_words = False
    words = [(glyphs[0]["x0"], glyphs[0]["x1"])]
    for a, b in itertools.pairwise(glyphs):
        gap = b["x0"] - a["x1"]
        if id(a) in spaced_pairs or gap > threshold:
            parts.append(" ")
            gap_words |= id(a) not in spaced_pairs
            words.append((b["x0"], b["x1"]))
        else:
            words[-1] = (words[-1][0], max(words[-1][1], b["x1"]))
        parts.append(b["text"])
    text = re.sub(r" {2,}", " ", "".join(parts)).strip()
    spaces = [c["x1"] - c["x0"] for c in chars if c["text"] == " " and c["x1"] > c["x0"]]
    return _Line(
        text=text,
        x0=glyphs[0]["x0"],
        x1=glyphs[-1]["x1"],
        top=min(c["top"] for c in glyphs),
        bottom=max(c["bottom"] for c in glyphs),
        size=size,
        trailing_space=chars[-1]["text"].isspace(),
        space_width=statistics.median(spaces) if spaces else 0.28 * size,
        first_word_x1=_first_word_end(chars),
        gap_words=gap_words,
        words=words,
    )


def _typed_apart(glyphs: list[dict], gaps: list[float], size: float, cell: tuple[float, float, float, float]) -> bool:
    """Glyphs standing evenly apart in a cell they do not fill were typed with a space between each
    (`구 분`, `개 정 안`), by a writer that draws no space glyphs; letters spread by distributed
    alignment fill the cell from padding to padding, and those spread nothing was typed between."""
    if not gaps or min(gaps) < 0.15 * size or max(gaps) > 1.3 * min(gaps) + 0.05 * size:
        return False
    left, right = glyphs[0]["x0"] - cell[0], cell[2] - glyphs[-1]["x1"]
    fills = abs(left - right) <= 0.3 * size and max(left, right) <= max(MAX_PADDING, 0.9 * size)
    return not fills


def _first_word_end(chars: list[dict]) -> float:
    started = False
    end = chars[0]["x1"]
    for char in chars:
        if char["text"].isspace():
            if started:
                break
            continue
        started = True
        end = char["x1"]
    return end


_DIGITS = set("0123456789")
_PARTICLE_END = set("은는을를의에와과및등")  # syllables that almost always end a word


def _first_word_width(line: _Line) -> float:
    return line.first_word_x1 - line.x0


def _paragraphs(
    lines: list[_Line], text_right: float, word_wrap: bool = False, text_left: float | None = None
) -> list[tuple[str, _Line]]:
    """Join wrapped lines into paragraphs.

    A line continues on the next when the next line's first word would not
    have fitted in the room left at its end (the writer had to wrap). Whether
    the break stood on a space: a space glyph left at the end says yes; room
    for a space left unused says no (the writer broke inside a word, as
    Korean layout does); between digits never; with no room for a space the
    geometry cannot tell, and the words decide (a particle such as 은, 를, 에
    ends a word; halves that would make a seven-syllable word were two).
    `text_left` (a cell's): a short line set flush right above another,
    with room in the width for the next line's first word, was not wrapped
    (a column of right-aligned amounts is one amount per line).
    """
    paragraphs: list[tuple[list[str], _Line, _Line]] = []  # (texts, first line, last line)
    for line in lines:
        if paragraphs:
            texts, first, last = paragraphs[-1]
            room = text_right - last.x1
            wrapped = _first_word_width(line) > room - 0.5 or last.x1 >= text_right - 0.5 * last.size
            flush_right = min(last.x1, line.x1) >= text_right - 0.5 * last.size
            if wrapped and flush_right and text_left is not None and last.x0 - text_left > 2 * last.size:
                width_left = (text_right - text_left) - (last.x1 - last.x0)
                wrapped = _first_word_width(line) > width_left - last.size
            close_below = line.top - last.bottom <= 0.9 * last.size
            # a centred paragraph's longer next line starts left of the first
            centred = abs((line.x0 + line.x1) - (last.x0 + last.x1)) <= last.size
            aligned = line.x0 >= first.x0 - 1 or centred
            if wrapped and close_below and not _BULLET_START.match(line.text) and aligned:
                texts.append(_joint(last, line, room, word_wrap) + line.text)
                paragraphs[-1] = (texts, first, line)
                continue
        paragraphs.append(([line.text], line, line))
    return [("".join(texts), first) for texts, first, _ in paragraphs]


def _joint(last: _Line, line: _Line, room: float, word_wrap: bool = False) -> str:
    if last.trailing_space:
        return " "
    before, after = last.text[-1:], line.text[:1]
    if (before in _DIGITS or before in ",.") and after in _DIGITS:
        return ""
    if last.gap_words or word_wrap:
        # A writer that leaves no space glyphs leaves none at the break either, so the room
        # left says nothing. Hangul wraps Korean by word (어절) or by character (글자), set per
        # paragraph; on the Hancom pairs a space at every such break reads best (spaced 90.7%,
        # against 89.7% for "a space only where another character would have fitted").
        return " "
    if room >= 0.9 * last.space_width:
        return ""
    if "가" <= before <= "힣":
        # Korean words run two to five syllables: two halves that would make a
        # longer one were two words; a particle or ending closes a word.
        joined = len(re.findall(r"[가-힣]+$", last.text)[0]) + len(re.match(r"[가-힣]*", line.text)[0])
        return " " if before in _PARTICLE_END or joined >= 7 else ""
    return " "
