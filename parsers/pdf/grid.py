"""Tables from a page's ruling: segments -> lines -> crossings -> cells -> tables.

Writers draw the same border in many ways. LibreOffice strokes one line
per border; Hangul's PDF export draws dotted and dashed borders as hundreds
of short strokes, some borders as thin filled boxes, shaded cells as filled
boxes with no border at all, and a table inside a one-cell frame. So:
  - collinear pieces are joined into one ruling line when the gaps between
    them are no wider than the line's own dash rhythm (measured on the line),
    or than a small share of the page where pieces merely abut;
  - a cell is the smallest rectangle whose four corners are crossings of
    ruling lines joined along its sides (the classic lattice search);
  - cells that share corners are one table; a table that lies inside
    another's cell is nested in that cell, as Hangul stores it; a single
    ruled box is a one-cell table (the frame Hangul draws around content).
"""

from __future__ import annotations

import bisect
import itertools
import statistics
from dataclasses import dataclass, field

from parsers.pages.furniture import MARGIN_BAND
from parsers.pdf import clips as pdf_clips
from parsers.pdf.objects import PageObjects, Segment

MAX_CROSSINGS = 250_000  # per page; beyond it the page's drawing is not a table grid
MIN_CELL = 2.0  # points: a cell narrower or lower than this is a double border, not a cell
MAX_WORK = 5_000_000  # steps of the cell search per page; a real page needs a few thousand
MAX_LINES = 2_000  # ruling lines per axis searched for open sides and nesting; beyond, a page is not a form


@dataclass(frozen=True)
class GridSettings:
    """Tolerances, in points, each derived from the page where it can be."""

    snap: float = 1.5  # strokes this close across their axis are one line
    join: float = 3.0  # solid pieces this far apart along their axis are one line
    dash_factor: float = 2.5  # a dotted line's gaps may be this many times its median gap
    max_dash_gap: float = 0.012  # ... but never wider than this share of the page's width
    # the widest borderless spacer column between two boxes of one table: a physical width
    # (5 mm), not scaled with the page as the stroke tolerances are. Read off the Hancom pairs:
    # spacers of 12.9 pt join boxes that are one table, tables 16.7 pt apart are separate
    spacer: float = 14.2

    @staticmethod
    def for_page(width: float, height: float) -> GridSettings:
        scale = max(min(width, height), 1.0) / 595.0  # A4 portrait width
        scale = min(max(scale, 0.5), 2.0)
        return GridSettings(snap=1.5 * scale, join=1.5 * scale)


@dataclass(slots=True)
class Rule:
    """A ruling line: a horizontal or vertical stroke at `at`, from `start` to `end` (points)."""

    horizontal: bool
    at: float
    start: float
    end: float


@dataclass(slots=True)
class FoundTable:
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    cells: list[tuple[float, float, float, float]]
    children: list[FoundTable] = field(default_factory=list)
    inferred: bool = False  # some of its columns or rows read from the text's alignment, not drawn (`aligned`)


@dataclass
class Finding:
    """Everything the finder saw on one page: the reader takes its tables, and the debug view
    (`cardex dump --debug`) draws the same rules and sides, never a second search's."""

    strokes: list[Segment]  # what it read: the page's strokes less text decoration
    clipped: list[tuple[float, float, float, float]]  # cells the writer clipped their content to (`clips`)
    rules: list[Rule]  # ruling lines, snapped, joined and with open sides closed
    closed: list[Rule]  # the open table sides it closed
    tables: list[FoundTable]


def find(objects: PageObjects) -> Finding:
    """The tables of one page, with the steps that found them: the strokes drawn and the cells
    the writer clipped its content to are read alike, as ruling lines."""
    settings = GridSettings.for_page(objects.width, objects.height)
    strokes = drawn_rules(objects)
    clipped = pdf_clips.cell_boxes(objects)
    rules, closed = ruling_lines(
        strokes + pdf_clips.segments(clipped), objects.width, settings, objects.glyphs, objects.height
    )
    return Finding(strokes, clipped, rules, closed, tables_from_rules(rules, settings))


def ruling_lines(
    segments: list[Segment],
    width: float,
    settings: GridSettings,
    glyphs: list[dict] | None = None,
    height: float | None = None,
) -> tuple[list[Rule], list[Rule]]:
    """Segments snapped across their axis and joined along it, open table sides closed (and,
    given the page's glyphs and height, the ends a page break cut open); and what was closed."""
    lines = _snap_and_join(segments, width, settings)
    ends = open_ends(lines, settings, glyphs, height) if glyphs is not None and height else []
    if ends:
        horizontals = [s for s in segments if s.horizontal] + [Segment(True, e.at, e.start, e.end) for e in ends]
        lines = _snap_and_join(horizontals + [s for s in segments if not s.horizontal], width, settings)
    sides = open_sides(lines, settings)
    if not sides:
        return lines, ends
    verticals = [s for s in segments if not s.horizontal]
    verticals += [Segment(False, side.at, side.start, side.end) for side in sides]
    return [ln for ln in lines if ln.horizontal] + _snap_and_join(verticals, width, settings), ends + sides


OVERSHOOT = 6.0  # points: verticals running on this far past a table's last rule held a row


def _cut_by_page(tip: float, h: Rule, top: bool, glyphs: list[dict], height: float) -> bool:
    """Text in the open row, and none of the page's body beyond the tips."""
    band = MARGIN_BAND * height
    low, high = (tip, h.at) if top else (h.at, tip)
    inside = any(h.start < g["x0"] < h.end and low < (g["top"] + g["bottom"]) / 2 < high for g in glyphs)
    if top:
        beyond = any(g["bottom"] <= tip and g["bottom"] > band for g in glyphs)
    else:
        beyond = any(g["top"] >= tip and g["top"] < height - band for g in glyphs)
    return inside and not beyond


def open_ends(lines: list[Rule], settings: GridSettings, glyphs: list[dict], height: float) -> list[Rule]:
    """The top or bottom border of a table a page break cut open.

    A browser that breaks a table across pages draws no rule where it cut:
    the part on the next page starts with a row whose column lines run up
    past the part's first rule and stop together, at the row's top. Where
    the table's two outer verticals (at a rule's two ends) and at least one
    inner one stop together that far past the table's outer rule (none drawn
    between), with text between, and nothing of the page's body beyond them
    (only its header or footer): the border stands at their ends, as wide as
    the widest rule. An organisation chart's connectors stop together too, but
    mid-page and around no text.
    """
    tol = settings.snap
    hs = [ln for ln in lines if ln.horizontal]
    vs = [ln for ln in lines if not ln.horizontal]
    if len(hs) > MAX_LINES or len(vs) > MAX_LINES:
        return []
    ends: list[Rule] = []
    for h in sorted(hs, key=lambda ln: ln.start - ln.end):  # the widest first: the table's own border
        crossing = [v for v in vs if h.start - tol <= v.at <= h.end + tol and v.start - tol <= h.at <= v.end + tol]
        for top in (True, False):
            tips = [v.start if top else v.end for v in crossing]
            for tip in {round(t, 1) for t in tips}:
                together = [v for v, t in zip(crossing, tips) if abs(t - tip) <= tol]
                xs = [v.at for v in together]
                if len(together) < 3 or abs(min(xs) - h.start) > tol or abs(max(xs) - h.end) > tol:
                    continue
                beyond = tip < h.at - OVERSHOOT if top else tip > h.at + OVERSHOOT
                if not beyond or any(abs(e.at - tip) <= tol for e in ends):
                    continue
                ruled = any(abs(o.at - tip) <= tol and o.start <= h.start + tol and o.end >= h.end - tol for o in hs)
                if ruled:
                    continue
                low, high = min(tip, h.at), max(tip, h.at)
                nearer = any(  # a rule between the tips and h: h is not the table's outer rule
                    low < o.at < high and o.start <= h.start + tol and o.end >= h.end - tol and o is not h for o in hs
                )
                if nearer:
                    continue
                if _cut_by_page(tip, h, top, glyphs, height):
                    ends.append(Rule(True, tip, h.start, h.end))
    return ends


def _snap_and_join(segments: list[Segment], width: float, settings: GridSettings) -> list[Rule]:
    lines: list[Rule] = []
    for horizontal in (True, False):
        group = sorted((s for s in segments if s.horizontal == horizontal), key=lambda s: s.at)
        rows: list[list[Segment]] = []
        for seg in group:
            if rows and seg.at - rows[-1][-1].at <= settings.snap:
                rows[-1].append(seg)
            else:
                rows.append([seg])
        for row in rows:
            lines.extend(_join(row, horizontal, width, settings))
    return lines


def open_sides(lines: list[Rule], settings: GridSettings) -> list[Rule]:
    """The left and right borders of a table drawn without them.

    Korean forms often rule only the rows and the inner column lines: the
    horizontal rules run out to the table's width and stop, with no outer
    vertical line. Where rules that end at the same two points are linked
    by an inner vertical line touching both, the table's sides stand at
    those ends; two lone rules with nothing between them (a page's header
    and footer rules) close nothing.
    """
    tol = settings.snap
    hs = sorted((ln for ln in lines if ln.horizontal), key=lambda ln: (round(ln.start), round(ln.end), ln.at))
    vs = [ln for ln in lines if not ln.horizontal]
    if len(hs) > MAX_LINES or len(vs) > MAX_LINES:
        return []
    groups: list[list[Rule]] = []
    for h in hs:
        for group in groups:
            if abs(group[0].start - h.start) <= tol and abs(group[0].end - h.end) <= tol:
                group.append(h)
                break
        else:
            groups.append([h])
    sides: list[Rule] = []
    for group in groups:
        if len(group) < 2:
            continue
        group.sort(key=lambda ln: ln.at)
        left, right = group[0].start, group[0].end
        run = [group[0]]
        for upper, lower in itertools.pairwise(group):
            linked = any(
                left + tol < v.at < right - tol and v.start <= upper.at + tol and v.end >= lower.at - tol for v in vs
            )
            if linked:
                run.append(lower)
                continue
            sides.extend(_sides(run, left, right))
            run = [lower]
        sides.extend(_sides(run, left, right))
    return sides


def _sides(run: list[Rule], left: float, right: float) -> list[Rule]:
    if len(run) < 2:
        return []
    top, bottom = run[0].at, run[-1].at
    return [Rule(False, left, top, bottom), Rule(False, right, top, bottom)]


def _join(row: list[Segment], horizontal: bool, page_width: float, settings: GridSettings) -> list[Rule]:
    pieces = sorted(row, key=lambda s: s.start)
    gaps = [b.start - a.end for a, b in itertools.pairwise(pieces) if b.start - a.end > 0]
    short = [s for s in pieces if s.end - s.start < 4 * settings.join]
    tolerance = settings.join
    if gaps and len(short) * 2 >= len(pieces) and len(pieces) >= 4:
        # a dotted or dashed line: its own rhythm says how far apart its pieces may stand
        rhythm = statistics.median(gaps) * settings.dash_factor
        tolerance = max(tolerance, min(rhythm, settings.max_dash_gap * page_width))
    out: list[Rule] = []
    members: list[list[float]] = []
    for seg in pieces:
        if out and seg.start <= out[-1].end + tolerance:
            out[-1].end = max(out[-1].end, seg.end)
            members[-1].append(seg.at)
        else:
            out.append(Rule(horizontal, seg.at, seg.start, seg.end))
            members.append([seg.at])
    # each line stands where its own strokes are: strokes elsewhere on the page that the snap
    # chained into the same group (a frame 1.4 pt to the side, lower down) do not move it
    for line, ats in zip(out, members, strict=True):
        line.at = statistics.median(ats)
    return [line for line in out if line.end - line.start >= 2 * settings.snap]


def drawn_rules(objects: PageObjects) -> list[Segment]:
    """What the table finder reads of a page: its strokes, less the text decoration."""
    return drop_underlines(objects.segments, [c for c in objects.glyphs if c["upright"]])


MAX_UNDERLINE_WORK = 2_000_000  # glyph visits per page spent telling underlines from borders


def drop_underlines(segments: list[Segment], glyphs: list[dict]) -> list[Segment]:
    """The horizontal strokes that underline or strike through a line of text, left out.

    Revision tables (현행 / 개정안) underline every changed line, and an
    underline of justified text runs the cell's whole text width; read as a
    ruling line it cuts the cell into one row per line. An underline lies
    within a text line's height (or just under its glyphs) and spans exactly
    its text, while a border runs past the text by the cell's padding."""
    if not glyphs:
        return segments
    buckets: dict[int, list[dict]] = {}
    for glyph in glyphs:
        if not glyph["text"].isspace():
            buckets.setdefault(int(glyph["bottom"]), []).append(glyph)
    for row in buckets.values():
        row.sort(key=lambda g: g["x0"])
    starts = {key: [g["x0"] for g in row] for key, row in buckets.items()}
    biggest = max(g["size"] for g in glyphs)
    work = MAX_UNDERLINE_WORK
    keys = sorted(buckets)
    kept = []
    for seg in segments:
        if not seg.horizontal or work <= 0 or seg.end - seg.start < 2 * MIN_CELL:
            kept.append(seg)
            continue
        near = []
        low, high = int(seg.at - 0.3 * biggest) - 1, int(seg.at + 1.2 * biggest) + 2
        for key in keys[bisect.bisect_left(keys, low) : bisect.bisect_left(keys, high)]:
            row = buckets[key]
            for glyph in row[bisect.bisect_left(starts[key], seg.start - biggest) :]:
                work -= 1
                if glyph["x0"] > seg.end:
                    break
                size = glyph["size"]
                if glyph["bottom"] - size <= seg.at <= glyph["bottom"] + 0.3 * size:
                    near.append(glyph)
        if not _underlines(seg, near):
            kept.append(seg)
    return kept


def _underlines(seg: Segment, glyphs: list[dict]) -> bool:
    inside = [g for g in glyphs if g["x1"] > seg.start and g["x0"] < seg.end]
    if len(inside) < 2:
        return False
    size = max(g["size"] for g in inside)
    first, last = min(g["x0"] for g in inside), max(g["x1"] for g in inside)
    spans = abs(first - seg.start) <= 0.2 * size and abs(seg.end - last) <= 0.2 * size
    inked = sum(g["x1"] - g["x0"] for g in inside)
    return spans and inked >= 0.5 * (seg.end - seg.start)


def find_tables(
    segments: list[Segment], width: float, height: float, settings: GridSettings | None = None
) -> list[FoundTable]:
    """Tables on a page, outermost first, nested ones under their cell's table."""
    settings = settings or GridSettings.for_page(width, height)
    return tables_from_rules(ruling_lines(segments, width, settings)[0], settings)


def tables_from_rules(lines: list[Rule], settings: GridSettings) -> list[FoundTable]:
    """Crossings of the ruling lines -> the smallest cell at each top-left crossing -> tables."""
    hs = sorted((ln for ln in lines if ln.horizontal), key=lambda ln: ln.at)
    vs = sorted((ln for ln in lines if not ln.horizontal), key=lambda ln: ln.at)
    if not hs or not vs or len(hs) * len(vs) > 40 * MAX_CROSSINGS:
        return []
    tol = settings.snap
    # crossings: down[v] = sorted (y, h) on vertical v; right[h] = sorted (x, v) on horizontal h
    down: list[list[tuple[float, int]]] = [[] for _ in vs]
    right: list[list[tuple[float, int]]] = [[] for _ in hs]
    crossing: set[tuple[int, int]] = set()
    v_at = [v.at for v in vs]
    for hi, h in enumerate(hs):
        lo = bisect.bisect_left(v_at, h.start - tol)
        hi_end = bisect.bisect_right(v_at, h.end + tol)
        for vi in range(lo, hi_end):
            v = vs[vi]
            if v.start - tol <= h.at <= v.end + tol:
                crossing.add((hi, vi))
                down[vi].append((h.at, hi))
                right[hi].append((v.at, vi))
                if len(crossing) > MAX_CROSSINGS:
                    return []
    for entries in down:
        entries.sort()
    for entries in right:
        entries.sort()
    cells: list[tuple[float, float, float, float, tuple[tuple[int, int], ...]]] = []
    work = [MAX_WORK]
    for hi, vi in crossing:
        cell = _cell_from(hi, vi, hs, vs, down, right, crossing, work)
        if work[0] <= 0:
            return []  # a drawing no form has (a hostile mesh): no table rather than minutes of search
        if cell is not None:
            cells.append(cell)
    return _tables(cells, settings.spacer)


def _cell_from(hi, vi, hs, vs, down, right, crossing, work: list[int]):
    """The smallest cell whose top-left corner is crossing (hi, vi); `work` is the page's step budget."""
    y0, x0 = hs[hi].at, vs[vi].at
    below = down[vi][bisect.bisect_right(down[vi], (y0 + MIN_CELL, len(hs))) :]
    across = right[hi][bisect.bisect_right(right[hi], (x0 + MIN_CELL, len(vs))) :]
    for y1, h2 in below:
        work[0] -= len(across) + 1
        if work[0] <= 0:
            return None
        for x1, v2 in across:
            if (h2, v2) in crossing and (hi, v2) in crossing and (h2, vi) in crossing:
                corners = ((hi, vi), (hi, v2), (h2, vi), (h2, v2))
                return (x0, y0, x1, y1, corners)
    return None


def _tables(cells, spacer: float) -> list[FoundTable]:
    """Cells sharing a corner are one table; a table inside another's cell is nested there."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(a):
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for *_, corners in cells:
        root = find(corners[0])
        for corner in corners[1:]:
            other = find(corner)
            if other != root:
                parent[other] = root
    groups: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    for x0, y0, x1, y1, corners in cells:
        groups.setdefault(find(corners[0]), []).append((x0, y0, x1, y1))
    tables = [
        FoundTable(
            bbox=(
                min(c[0] for c in group),
                min(c[1] for c in group),
                max(c[2] for c in group),
                max(c[3] for c in group),
            ),
            cells=sorted(set(group), key=lambda c: (c[1], c[0])),
        )
        for group in groups.values()
    ]
    # a cell that other cells of its own table lie inside is a frame, not a cell: drop it
    for table in tables:
        if len(table.cells) <= MAX_LINES // 10:
            table.cells = _without_frames(table.cells)
    if len(tables) > MAX_LINES // 10:  # hundreds of boxes: not a form to nest, every one stands alone
        return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))
    tables.sort(key=lambda t: (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]))
    top: list[FoundTable] = []
    for i, table in enumerate(tables):  # smallest first: each finds the smallest table holding it
        holder = None
        for outer in tables[i + 1 :]:
            if any(inside(table.bbox, cell) for cell in outer.cells):
                holder = outer
                break
        (holder.children if holder is not None else top).append(table)
    top = _side_by_side(top, spacer)
    for table in tables:
        table.children = _side_by_side(table.children, spacer)
    return top


def _without_frames(cells: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """The cells that no other cell lies inside. Only cells starting within a cell's own left and
    right edges can lie inside it, so each looks at that slice of the cells sorted by left edge."""
    by_left = sorted(cells)
    lefts = [c[0] for c in by_left]
    kept = []
    for cell in cells:
        left, top, right, bottom = cell[0] - 1.0, cell[1] - 1.0, cell[2] + 1.0, cell[3] + 1.0
        lo, hi = bisect.bisect_left(lefts, left), bisect.bisect_right(lefts, right)
        for other in by_left[lo:hi]:  # `inside(other, cell)`, inline: its left edge is within already
            if other[1] >= top and other[2] <= right and other[3] <= bottom and other != cell:
                break
        else:
            kept.append(cell)
    return kept


def _side_by_side(tables: list[FoundTable], spacer: float, tol: float = 1.0) -> list[FoundTable]:
    """Boxes standing side by side on the same rows, a narrow gap apart, are one table.

    Hangul's title bars (`붙임 | | 과제별 추진일정`) are one table whose thin middle
    column has no top or bottom border, so the PDF shows two boxes; the gap is
    that column. Both parts must share their top, bottom and every row edge."""
    tables = sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))
    out: list[FoundTable] = []
    for table in tables:
        left = next((t for t in reversed(out) if _beside(t, table, spacer, tol)), None)
        if left is None:
            out.append(table)
            continue
        x0, x1 = left.bbox[2], table.bbox[0]
        rows = _row_edges(left)
        gap_cells = [(x0, rows[0], x1, rows[-1])]  # one empty cell down the whole spacer column
        left.cells = sorted(left.cells + gap_cells + table.cells, key=lambda c: (c[1], c[0]))
        left.bbox = (left.bbox[0], left.bbox[1], table.bbox[2], max(left.bbox[3], table.bbox[3]))
        left.children += table.children
    out.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    for table in out:
        table.children.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return out


def _row_edges(table: FoundTable) -> list[float]:
    return distinct([y for c in table.cells for y in (c[1], c[3])], 1.0)


def distinct(values: list[float], tol: float) -> list[float]:
    """Grid lines from the edges of cells: the values sorted, each within `tol` of the last kept
    one taken as the same line."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > tol:
            out.append(value)
    return out


def _beside(left: FoundTable, right: FoundTable, spacer: float, tol: float) -> bool:
    gap = right.bbox[0] - left.bbox[2]
    if not (MIN_CELL <= gap <= spacer):
        return False
    if abs(left.bbox[1] - right.bbox[1]) > tol or abs(left.bbox[3] - right.bbox[3]) > tol:
        return False
    a, b = _row_edges(left), _row_edges(right)
    return len(a) == len(b) and all(abs(p - q) <= tol for p, q in zip(a, b, strict=True))


def inside(
    inner: tuple[float, float, float, float], outer: tuple[float, float, float, float], tol: float = 1.0
) -> bool:
    return (
        inner[0] >= outer[0] - tol
        and inner[1] >= outer[1] - tol
        and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
    )
