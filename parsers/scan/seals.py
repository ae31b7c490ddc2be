"""Seals stamped over a scan: found by their ink and their shape, washed out before reading.

A department's seal (직인, a 결재 stamp) lands on the card after it was printed, often
across the header table, where its ring draws a column the table does not have and its
letters read as figures. In a colour scan its ink is red; in a greyscale one it is a second
tone, lighter than the text's black, in strokes thicker than the grey edge a black stroke
has. Either way only such ink that takes a seal's shape is washed out: a ring or a frame
SEAL_INCHES across, with whatever of that ink lies inside it. Red or grey text elsewhere
(an emphasis, a note) stays ink and is read. Where the ring crossed a letter or a rule, the
gap its washing leaves is closed again (`mend`).
"""

from __future__ import annotations

import numpy as np

from parsers.scan import masks

SEAL_INCHES = (0.3, 2.5)  # the side of a seal's box, either way
MAX_ASPECT = 2.0  # a seal is round or squarish
LIGHTER_TONE = (0.2, 0.7)  # a second ink's band: shares of the way from the text's black to the paper
FLAT = 0.12  # a seal stroke's core varies less than this share of the way from black to paper
MEND_INCHES = 0.04  # a washed gap up to this long, ink at both ends, was a stroke under the seal
MARK_TONE = 0.85  # darker than this share is a mark at all, not paper
BLOCK_INCHES = 0.02  # shapes are traced on blocks this size, one block of gap bridged


def lighter_ink(grey: np.ndarray, paper: float, dark: float) -> tuple[np.ndarray, np.ndarray]:
    """A second, lighter ink: its strokes, the evidence of a seal's shape; and every pixel of
    its tone, thin lines too, washed where they lie inside a seal.

    A stroke has a core in the tone band that is flat (its four neighbours within FLAT of it,
    where a black stroke's anti-aliased or blurred edge falls steeply through the band) and
    three pixels thick at least, with the stroke's edge two pixels round it. No pixel beside
    the text's black is taken."""
    span = paper - dark
    low, high = dark + LIGHTER_TONE[0] * span, dark + LIGHTER_TONE[1] * span
    beside_black = masks.grow(grey <= low, 1)
    tone = (grey > low) & (grey < dark + MARK_TONE * span) & ~beside_black
    band = tone & (grey < high)
    core = masks.shrink(band, 1) & (_local_range(grey) <= FLAT * span)
    if not core.any():
        return core, core
    strokes = masks.grow(core, 2) & (grey > low) & (grey < paper) & ~beside_black
    return strokes, tone | strokes


def _local_range(grey: np.ndarray) -> np.ndarray:
    """Per pixel, the spread of grey over it and its four neighbours."""
    low, high = grey.copy(), grey.copy()
    np.minimum(low[1:], grey[:-1], out=low[1:])
    np.maximum(high[1:], grey[:-1], out=high[1:])
    np.minimum(low[:-1], grey[1:], out=low[:-1])
    np.maximum(high[:-1], grey[1:], out=high[:-1])
    np.minimum(low[:, 1:], grey[:, :-1], out=low[:, 1:])
    np.maximum(high[:, 1:], grey[:, :-1], out=high[:, 1:])
    np.minimum(low[:, :-1], grey[:, 1:], out=low[:, :-1])
    np.maximum(high[:, :-1], grey[:, 1:], out=high[:, :-1])
    return high - low


def find(strokes: np.ndarray, tone: np.ndarray, dpi: float) -> np.ndarray | None:
    """The pixels of `tone` inside seals (a boolean mask the size of the page), or None: a
    seal is a shape `strokes` draw, SEAL_INCHES across either way, round or squarish."""
    if not strokes.any():
        return None
    block = max(1, round(dpi * BLOCK_INCHES))
    h, w = strokes.shape
    rows, cols = h // block, w // block
    small = strokes[: rows * block, : cols * block].reshape(rows, block, cols, block).any(axis=(1, 3))
    bridged = small.copy()  # a seal's ring is cut where it crosses the text's black rules
    bridged[1:] |= small[:-1]
    bridged[:-1] |= small[1:]
    bridged[:, 1:] |= bridged[:, :-1].copy()
    bridged[:, :-1] |= bridged[:, 1:].copy()
    low, high = (side * dpi / block for side in SEAL_INCHES)
    inside = np.zeros_like(strokes)
    for y0, x0, y1, x1 in components(bridged):
        short, long = sorted((y1 - y0, x1 - x0))
        if low <= short and long <= high and long <= MAX_ASPECT * short:
            inside[y0 * block : y1 * block, x0 * block : x1 * block] = True
    washed = tone & inside
    return washed if washed.any() else None


def mend(grey: np.ndarray, washed: np.ndarray, ink: np.ndarray, dpi: float) -> None:
    """Join, in place, the strokes of text a washed seal cut: where a run of washed pixels
    across a row or a column, no longer than a seal's ring is wide (MEND_INCHES), has ink at
    both its ends, the ink went on under the seal; the run takes the darker end's grey. A
    gap that is partly paper (two strokes side by side) is left open."""
    longest = max(2, round(MEND_INCHES * dpi))
    rows, cols = np.nonzero(washed)
    y0, y1, x0, x1 = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    box = (slice(max(y0 - 1, 0), y1 + 1), slice(max(x0 - 1, 0), x1 + 1))
    for g, w, k in ((grey[box], washed[box], ink[box]), (grey[box].T, washed[box].T, ink[box].T)):
        filled = []
        for line in range(w.shape[1]):
            for start, end in masks.runs(w[:, line]):
                if start > 0 and end < w.shape[0] and end - start <= longest and k[start - 1, line] and k[end, line]:
                    filled.append((line, start, end, min(g[start - 1, line], g[end, line])))
        for line, start, end, value in filled:
            g[start:end, line] = value


def components(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (y0, x0, y1, x1) of the 8-connected regions of a mask, joined run by run (one pass
    over the rows and a union-find over the runs: linear in the mask's runs)."""
    parent: list[int] = []

    def root(run: int) -> int:
        while parent[run] != run:
            parent[run] = parent[parent[run]]
            run = parent[run]
        return run

    spans: list[tuple[int, int, int, int]] = []  # (row, start, end, run)
    above: list[tuple[int, int, int]] = []
    for y in range(mask.shape[0]):
        here = []
        k = 0
        for start, end in masks.runs(mask[y]):
            run = len(parent)
            parent.append(run)
            while k < len(above) and above[k][1] < start:  # ends left of this run's diagonal
                k += 1
            j = k
            while j < len(above) and above[j][0] <= end:  # touches this run, diagonals included
                a, b = root(run), root(above[j][2])
                if a != b:
                    parent[max(a, b)] = min(a, b)
                j += 1
            here.append((start, end, run))
            spans.append((y, start, end, run))
        above = here
    boxes: dict[int, list[int]] = {}
    for y, start, end, run in spans:
        box = boxes.setdefault(root(run), [y, start, y + 1, end])
        box[0], box[1] = min(box[0], y), min(box[1], start)
        box[2], box[3] = max(box[2], y + 1), max(box[3], end)
    return [tuple(box) for box in boxes.values()]
