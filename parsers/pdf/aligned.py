"""Tables whose rows are ruled and whose columns are not: columns read off the text's alignment.

Korean government tables often draw horizontal rules only: a heavy rule on
top, one under the header row, one at the foot, sometimes one under each
row, and no vertical line at all. The grid finder (`grid.py`) sees no cell
there. Here, three or more horizontal rules of the same extent, with no
vertical rule and no found table between them, are a table when the text
between them stands in columns:

1. columns: below the first band (the header), the channels at least
   GAP_EM wide that no word of any line enters; each is a column edge;
2. rows: the bands between the rules, and inside a band, a row per line
   with words in two columns or more besides the first (the label column),
   or with a label where the row above has one already; any other line
   continues its row (a cell's text wrapped, a label set in the middle of
   the lines its value takes);
3. merged cells, as ruled tables have them: a rule drawn under some
   columns only leaves the others' cells running on (a row label beside the
   rows it heads), a label alone in its band spans the band, and a word of
   a row across a column edge makes one cell of both columns (a spanning head).

What is not a table, though it stands between such rules: a justified
paragraph (its word gaps do not line up from line to line), a list with
hanging indents and a page in two columns (both leave one channel). So a
table needs three columns at least, or two where short labels (LABEL_CHARS
letters) stand LABEL_GAP_EM clear of their values (`공약번호 │ III-①-5`);
two lines below its header; a header with words in two columns or more
that do not run across most column edges (a caption or a line of prose
above a table is not its header); and words in two columns in every band
below the header (prose between two tables of one width is no row of
either). Extending a table by a band that would cost it a column ends it,
unless that band, and each after it, is a label and one value across every
other column: those are the table's last rows (`추진과제 │ ① … ② …`).

A second class draws its header row (or two) as a box with its column
lines and leaves the body open: no rule, or one at the foot. The grid
finder reads the head alone. `open_bodies` continues such a head with the
lines under it while they keep to its columns: no word across a column
edge or outside the head's width, no blank line (more than BLANK_EM), no
rule across the table, no other table. The lines make rows as above, and
the body needs MIN_BODY_LINES lines, the first and another with words in two
columns or more. Prose under a title bar (`1 │ 추진 배경`) or a hanging-indent
list under a boxed head runs across its column edges and ends the body
before it starts.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable

from parsers.pages import lines as page_lines
from parsers.pdf.grid import Finding, FoundTable, Rule, distinct

MIN_RULES = 3
MIN_COLUMNS = 3
MIN_BODY_LINES = 2
MAX_HEADER_LINES = 3
GAP_EM = 0.6  # a column channel is at least this many ems wide (a word space is about 0.3)
LABEL_GAP_EM = 3.0  # ... and between labels and their values in a table of two columns
LABEL_CHARS = 8
EXTENT_TOL = 2.0  # points: rules whose ends lie this close have the same extent


MAX_HEAD_ROWS = 2  # rows of a boxed head an open body may continue
MAX_OPEN_HEADS = 64  # boxed heads tried per page
BLANK_EM = 1.5  # a gap between lines this many ems high is a blank line: the open body ends


def page_tables(finding: Finding, glyphs: list[dict]) -> list[FoundTable]:
    """Every table of a page: the grid finder's (boxed heads continued by their open bodies),
    then those ruled across only. The reader and the debug view (`cardex dump --debug`) both
    call this, so the picture shows what was read."""
    upright = [g for g in glyphs if g["upright"]]
    ruled_across = half_ruled(finding.rules, finding.tables, upright)
    return open_bodies(finding.tables, ruled_across, finding.rules, upright) + ruled_across


def half_ruled(rules: list[Rule], taken: list[FoundTable], chars: list[dict]) -> list[FoundTable]:
    """The tables of horizontal rules and aligned text on one page (beside the `taken` ones)."""
    verticals = [r for r in rules if not r.horizontal]
    horizontals = [r for r in rules if r.horizontal and not _in_tables(r, taken)]
    found: list[FoundTable] = []
    band = _band_reader(chars)
    # the widest first: a narrower group may be the rules a wider table draws under some columns only
    for group in sorted(_same_extent(horizontals, EXTENT_TOL), key=lambda g: g[0].start - g[0].end):
        partial = [r for r in horizontals if not any(r is g for g in group)]
        start = 0
        while start + MIN_RULES <= len(group):
            table, used = _longest_table(group[start:], band, verticals, taken + found, partial)
            if table is None:
                start += 1
                continue
            found.append(table)
            start += used - 1  # the table's last rule may be the next one's first
    return found


Band = Callable[[float, float, float, float], list[page_lines.Line]]  # (x0, x1, top, bottom) -> its lines


def open_bodies(
    tables: list[FoundTable], others: list[FoundTable], rules: list[Rule], chars: list[dict]
) -> list[FoundTable]:
    """`tables`, each head of one or two ruled rows continued by the open rows under it. Each head
    reads the page's glyphs again, so a page of more than MAX_OPEN_HEADS such boxes (a form of
    tick boxes, a hostile file) is left as the grid finder read it."""
    heads = {id(t): xs for t in tables if (xs := _head_columns(t))}
    if not heads or len(heads) > MAX_OPEN_HEADS:
        return tables
    band = _band_reader(chars)
    return [(_open_body(t, heads[id(t)], tables + others, rules, band) if id(t) in heads else None) or t
            for t in tables]  # fmt: skip


def _head_columns(head: FoundTable) -> list[float]:
    """The column edges of a table that may be a boxed head (one or two rows, two columns or
    more), else []."""
    if not head.cells or len({round(c[1], 1) for c in head.cells}) > MAX_HEAD_ROWS:
        return []
    xs = distinct([x for c in head.cells for x in (c[0], c[2])], EXTENT_TOL)
    return xs if len(xs) >= 3 else []


def _open_body(
    head: FoundTable, xs: list[float], tables: list[FoundTable], rules: list[Rule], band: Band
) -> FoundTable | None:
    """The head (its column edges `xs`) with the open rows under it, or None where none follow."""
    x0, top, x1, bottom = head.bbox
    floor = min((t.bbox[1] for t in tables if t is not head and t.bbox[1] >= bottom - 1
                 and t.bbox[0] < x1 and t.bbox[2] > x0), default=float("inf"))  # fmt: skip
    across = sorted(r.at for r in rules if r.horizontal and bottom + 1 < r.at < floor
                    and r.start <= x0 + EXTENT_TOL and r.end >= x1 - EXTENT_TOL)  # fmt: skip
    foot = across[0] if across else floor
    body: list[page_lines.Line] = []
    for line in band(-float("inf"), float("inf"), bottom, foot):
        above = body[-1].bottom if body else bottom
        if line.top - above > BLANK_EM * line.size:
            break  # a blank line
        if line.x0 < x0 - EXTENT_TOL or line.x1 > x1 + EXTENT_TOL:
            break  # wider than the head: prose
        if any(w0 < e < w1 for w0, w1 in line.words for e in xs[1:-1]):
            break  # a word across a column edge: no row of these columns
        body.append(line)
    wide = [ln for ln in body if len(_columns_used([ln], xs)) >= 2]
    if len(body) < MIN_BODY_LINES or len(wide) < 2 or body[0] is not wide[0]:
        return None
    end = foot if across and foot - body[-1].bottom <= BLANK_EM * body[-1].size else body[-1].bottom + 1.0
    # the head keeps its drawn cells: the grid's first band stands in for it, empty, and is dropped
    rows = [Rule(True, top, x0, x1), Rule(True, bottom, x0, x1), Rule(True, end, x0, x1)]
    grid = _Grid(xs, rows, [], [[], body])
    cells = head.cells + [c for c in grid.cells() if c[1] >= bottom - 0.5]
    return FoundTable(bbox=(x0, top, x1, end), cells=cells, children=head.children, inferred=True)


def _band_reader(chars: list[dict]) -> Band:
    """The lines of the glyphs whose centres stand in a box, each box read once: the same bands
    are asked for again as a table is tried with one more rule after another."""
    read: dict[tuple[float, float, float, float], list[page_lines.Line]] = {}

    def lines(x0: float, x1: float, top: float, bottom: float) -> list[page_lines.Line]:
        key = (x0, x1, top, bottom)
        if key not in read:
            inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
                      and top < (c["top"] + c["bottom"]) / 2 < bottom]  # fmt: skip
            read[key] = page_lines.text_lines(inside)
        return read[key]

    return lines


def _in_tables(rule: Rule, tables: list[FoundTable]) -> bool:
    return any(t.bbox[0] - 2 <= rule.start and rule.end <= t.bbox[2] + 2 and
               t.bbox[1] - 2 <= rule.at <= t.bbox[3] + 2 for t in tables)  # fmt: skip


def _same_extent(horizontals: list[Rule], tol: float) -> list[list[Rule]]:
    """Rules grouped by their extent (both ends within `tol`), each group top to bottom."""
    groups: list[list[Rule]] = []
    for rule in sorted(horizontals, key=lambda r: r.at):
        for group in groups:
            if abs(group[0].start - rule.start) <= tol and abs(group[0].end - rule.end) <= tol:
                if rule.at - group[-1].at > 1.0:  # a double rule counts once
                    group.append(rule)
                break
        else:
            groups.append([rule])
    return [g for g in groups if len(g) >= MIN_RULES]


def _longest_table(
    group: list[Rule], band: Band, verticals: list[Rule], taken: list[FoundTable], partial: list[Rule]
) -> tuple[FoundTable | None, int]:
    """The table of the most rules from `group[0]` on, and how many rules it takes."""
    best: tuple[FoundTable | None, int] = (None, 0)
    columns: list[float] = []
    for end in range(MIN_RULES, len(group) + 1):
        table, xs = _table(group[:end], band, verticals, taken, partial)
        if best[0] is not None and (table is None or len(xs) < len(columns)):
            return _with_spanning_row(best, columns, group, band)  # a band not of the table ends it
        if table is not None:
            best, columns = (table, end), xs
    return best


def _with_spanning_row(
    best: tuple[FoundTable | None, int], xs: list[float], group: list[Rule], band: Band
) -> tuple[FoundTable | None, int]:
    """The table, and the bands after it as its last rows where each is a label and one value
    across every other column (`추진과제 │ ① … ② …`, the label set in the middle of the value's
    lines): its value's words cross the column edges, so they cannot give columns, only fit them."""
    table, end = best
    while table is not None and end < len(group):
        upper, lower = group[end - 1], group[end]
        lines = band(xs[0], xs[-1], upper.at, lower.at)
        labels = [ln for ln in lines if _columns_used([ln], xs) == {0}]
        values = [ln for ln in lines if ln not in labels]
        if len(labels) != 1 or not values or any(ln.words[0][0] < xs[1] for ln in values):
            break
        cells = [*table.cells, (xs[0], upper.at, xs[1], lower.at), (xs[1], upper.at, xs[-1], lower.at)]
        table, end = FoundTable(bbox=(xs[0], table.bbox[1], xs[-1], lower.at), cells=cells, inferred=True), end + 1
    return table, end


def _table(
    rules: list[Rule], band: Band, verticals: list[Rule], taken: list[FoundTable], partial: list[Rule]
) -> tuple[FoundTable | None, list[float]]:
    """The table these rules bound, if the text between them stands in columns, and the edges of
    its columns (the outer two included)."""
    x0, x1 = min(r.start for r in rules), max(r.end for r in rules)
    top, bottom = rules[0].at, rules[-1].at
    if any(x0 + 2 < v.at < x1 - 2 and v.start < bottom - 2 and v.end > top + 2 for v in verticals):
        return None, []  # ruled columns: the grid finder's business
    if any(t.bbox[0] < x1 and t.bbox[2] > x0 and t.bbox[1] < bottom and t.bbox[3] > top for t in taken):
        return None, []
    bands = [band(x0, x1, upper.at, lower.at) for upper, lower in itertools.pairwise(rules)]
    header, body = bands[0], [line for band in bands[1:] for line in band]
    if len(body) < MIN_BODY_LINES or len(header) > MAX_HEADER_LINES or not all(bands[1:]):
        return None, []
    size = statistics.median(line.size for line in body)
    edges = _column_edges(body, GAP_EM * size)
    xs = [x0, *edges, x1]
    if len(edges) + 1 < MIN_COLUMNS and not _label_value(body, edges, size):
        return None, xs
    crossed = {i for line in header for w0, w1 in line.words for i, e in enumerate(edges) if w0 < e < w1}
    if len(crossed) * 2 > len(edges) or len(_columns_used(header, xs)) < 2:
        return None, xs  # a line above the table (prose, a caption), not its header
    if any(len(_columns_used(band, xs)) < 2 for band in bands[1:]):
        return None, xs  # a band of lines all in one column: prose between two tables
    inner = [r for r in partial if x0 - 2 <= r.start and r.end <= x1 + 2 and top + 1 < r.at < bottom - 1]
    grid = _Grid(xs, rules, inner, bands)
    return FoundTable(bbox=(x0, top, x1, bottom), cells=grid.cells(), inferred=True), xs


class _Grid:
    """Unit cells (rows: rules, partial rules and row-starting lines; columns: the channels) and
    which neighbours are one cell (the merged-cell model ruled tables have):
    - a boundary drawn only over some columns (a rule under `연도별 계획`, or under every cell
      but a row label's) leaves the others open: the cell above runs on below;
    - a first-column label alone in its band beside several rows is one cell down the band
      (a row label set in the middle of the rows it heads);
    - a word of a row across a column edge joins the cells either side (a spanning head)."""

    def __init__(self, xs: list[float], rules: list[Rule], inner: list[Rule], bands: list[list]) -> None:
        self.xs = xs
        n_cols = len(xs) - 1
        mids = [(a + b) / 2 for a, b in itertools.pairwise(xs)]
        ys: list[float] = [rules[0].at]
        closed: list[set[int]] = []  # per boundary below the first: the columns a rule closes there
        lines_of: list[list] = []  # per unit row: its lines
        for band, (upper, lower) in enumerate(itertools.pairwise(rules)):
            cuts = sorted({round(r.at, 1) for r in inner if upper.at < r.at < lower.at})
            lines = bands[band]
            stops = [*cuts, lower.at]
            start = upper.at
            for stop in stops:
                segment = [ln for ln in lines if start < (ln.top + ln.bottom) / 2 < stop]
                breaks = _row_breaks(segment, xs) if band > 0 else []
                lone = band > 0 and sum(1 for ln in segment if 0 in _columns_used([ln], xs)) == 1
                bounds = [start, *breaks, stop]
                for a, b in itertools.pairwise(bounds):
                    lines_of.append([ln for ln in segment if a < (ln.top + ln.bottom) / 2 < b])
                    ys.append(b)
                    if b == stop:
                        covered = [r for r in inner if abs(r.at - stop) <= 1.0]
                        shut = set(range(n_cols)) if stop == lower.at else {
                            k for k, m in enumerate(mids) if any(r.start - 1 <= m <= r.end + 1 for r in covered)
                        }  # fmt: skip
                    else:  # a line break in an unruled band: every column parts, but a lone label's
                        shut = set(range(1, n_cols)) if lone else set(range(n_cols))
                    closed.append(shut)
                start = stop
        self.ys, self.closed, self.lines_of = ys, closed, lines_of

    def cells(self) -> list[tuple[float, float, float, float]]:
        n_rows, n_cols = len(self.ys) - 1, len(self.xs) - 1
        parent = list(range(n_rows * n_cols))

        def find(a: int) -> int:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        def join(a: int, b: int) -> None:
            parent[find(b)] = find(a)

        for r in range(n_rows):
            for line in self.lines_of[r]:
                for w0, w1 in line.words:
                    for k in range(n_cols - 1):
                        if w0 < self.xs[k + 1] < w1:
                            join(r * n_cols + k, r * n_cols + k + 1)
            if r + 1 < n_rows:
                for k in range(n_cols):
                    if k not in self.closed[r]:
                        join(r * n_cols + k, (r + 1) * n_cols + k)
        groups: dict[int, list[tuple[int, int]]] = {}
        for r in range(n_rows):
            for k in range(n_cols):
                groups.setdefault(find(r * n_cols + k), []).append((r, k))
        boxes = []
        for members in groups.values():
            rows, cols = {r for r, _ in members}, {k for _, k in members}
            if len(members) == len(rows) * len(cols):  # a rectangle: one cell
                boxes.append((self.xs[min(cols)], self.ys[min(rows)], self.xs[max(cols) + 1], self.ys[max(rows) + 1]))
            else:  # joins that make no rectangle: each unit its own cell
                boxes += [(self.xs[k], self.ys[r], self.xs[k + 1], self.ys[r + 1]) for r, k in members]
        return sorted(boxes, key=lambda b: (b[1], b[0]))


def _columns_used(lines: list[page_lines.Line], xs: list[float]) -> set[int]:
    return {k for line in lines for w0, w1 in line.words for k in range(len(xs) - 1)
            if xs[k] <= (w0 + w1) / 2 < xs[k + 1]}  # fmt: skip


def _row_breaks(lines: list[page_lines.Line], xs: list[float]) -> list[float]:
    """Where the rows of an unruled band part. A line with words in two columns or more besides
    the first (the label column) starts a row; so does a line with a label when the row above
    has one already. Any other line continues the row above: a cell's text wrapped, or a row
    label set in the middle of the lines its value takes.

    Text centred beside a cell of several lines stands between them, so two rules keep such a
    row whole: lines that overlap in height are one row's (`팀장 │ 지방행정주사 한지훈 /
    T.4320 │ 담당자`: stacked rows never overlap), and a row does not end after lines of one
    column but the first (a cell's first lines above its centred neighbours, `총사업비 │
    6,417,000천원(국 / 1,352,000 / 도 …`): a row has a label or two cells."""
    breaks: list[float] = []
    row: set[int] = set()  # the columns the row so far has words in
    for i, line in enumerate(lines):
        used = _columns_used([line], xs)
        starts = len(used - {0}) >= 2 or (0 in used and 0 in row)
        if i > 0 and starts and (len(row) >= 2 or 0 in row) and line.top > lines[i - 1].bottom - 0.2 * line.size:
            breaks.append((lines[i - 1].bottom + line.top) / 2)
            row = set()
        row |= used
    return breaks


def _label_value(lines: list[page_lines.Line], edges: list[float], size: float) -> bool:
    """Two columns are a table only as labels and their values: short labels (at most
    LABEL_CHARS letters) standing LABEL_GAP_EM or more clear of every value. A list's hanging
    indent stands an em or two from its numbers, a page's two columns of prose as close."""
    if len(edges) != 1 or len(lines) < MIN_BODY_LINES + 1:
        return False
    labels = [ln for ln in lines if ln.words and ln.words[0][0] < edges[0]]
    if not labels or any(len(ln.text.split(" ")[0]) > LABEL_CHARS for ln in labels):
        return False
    reach = max(w1 for ln in lines for w0, w1 in ln.words if w0 < edges[0])
    start = min(w0 for ln in lines for w0, _ in ln.words if w0 > edges[0])
    return start - reach >= LABEL_GAP_EM * size


def _column_edges(lines: list[page_lines.Line], min_gap: float) -> list[float]:
    """The middles of the channels no word of any line enters, at least `min_gap` wide."""
    spans = sorted(word for line in lines for word in line.words)
    edges: list[float] = []
    reach = spans[0][1]
    for w0, w1 in spans[1:]:
        if w0 - reach >= min_gap:
            edges.append((reach + w0) / 2)
        reach = max(reach, w1)
    return edges
