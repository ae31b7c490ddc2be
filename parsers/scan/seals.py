"""Seals stamped over a scan: found by their ink and their shape, washed out before reading.

A department's seal (직인, a 결재 stamp) lands on the card after it was printed, often
across the header table, where its ring draws a column the table does not have and its
letters read as figures. In a colour scan its ink is red; in a greyscale one it is a second
tone, lighter than the text's black, in strokes thicker than the grey edge a black stroke
has. Either way only such ink that takes a seal's shape is washed out: a ring or a frame
SEAL_INCHES across that encloses its inside, with whatever of that ink lies inside it. Red
or grey text elsewhere (an emphasis, a logo's word) stays ink and is read. Where the ring
crossed a letter or a rule, the gap its washing leaves is closed again (`mend`).
"""

from __future__ import annotations

import numpy as np

from parsers.scan import masks

SEAL_INCHES = (0.3, 2.5)  # the side of a seal's box, either way
MAX_ASPECT = 2.0  # a seal is round or squarish
ENCLOSED = 0.25  # share of its box a seal's outline encloses (a ring's about 0.4 on blocks)
BLOCK_INCHES = 0.02  # shapes are traced on blocks this size, one block of gap bridged
LIGHTER_TONE = (0.2, 0.7)  # a second ink's band: shares of the way from the text's black to the paper
FLAT = 0.12  # a seal stroke's core varies less than this share of the way from black to paper
MARK_TONE = 0.85  # darker than this share is a mark at all, not paper
SPECK = 0.24  # a dark pixel with fewer dark ones about it than this share is a speck
MEND_INCHES = 0.04  # a washed gap up to this long, ink on both sides, was a stroke under the seal
MEND_REACH = 3  # pixels of ink either side of a washed gap that make it a cut stroke


def lighter_ink(grey: np.ndarray, paper: float, dark: float, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """A second, lighter ink: its strokes, the evidence of a seal's shape; and every pixel of
    its tone, thin lines too, washed where they lie inside a seal.

    A stroke has a core in the tone band that is flat (its four neighbours within FLAT of it,
    where a black stroke's anti-aliased or blurred edge falls steeply through the band) and
    three pixels thick at least, with the stroke's edge two pixels round it. No pixel beside
    the text's black is taken; but a speck of the stroke that noise (JPEG blocks, blur)
    made as dark as the text is no text: a dark pixel near a core with hardly any dark round
    it (under SPECK of the pixels in a square a 100th of an inch each way) goes with it."""
    span = paper - dark
    low, high = dark + LIGHTER_TONE[0] * span, dark + LIGHTER_TONE[1] * span
    black = grey <= low
    beside_black = masks.grow(black, 1)
    band = (grey > low) & (grey < high) & ~beside_black
    core = _flat(masks.shrink(band, 1), grey, FLAT * span)
    if not core.any():
        return core, core
    radius = max(2, round(dpi / 100))
    specks = black & masks.grow(core, 2 * radius) & (_box_count(black, radius) <= SPECK * (2 * radius + 1) ** 2)
    beside_black = masks.grow(black & ~specks, 1)
    tone = ((grey > low) | specks) & (grey < dark + MARK_TONE * span) & ~beside_black
    strokes = masks.grow(core, 2) & ((grey > low) | specks) & (grey < paper) & ~beside_black
    return strokes, tone | strokes


def _box_count(mask: np.ndarray, radius: int) -> np.ndarray:
    """Per pixel, how many of the (2 radius + 1)^2 pixels about it are in the mask."""
    side = 2 * radius + 1
    padded = np.pad(mask.astype(np.int32), radius)
    sums = np.zeros((padded.shape[0] + 1, padded.shape[1] + 1), dtype=np.int32)
    np.cumsum(np.cumsum(padded, axis=0), axis=1, out=sums[1:, 1:])
    return sums[side:, side:] - sums[:-side, side:] - sums[side:, :-side] + sums[:-side, :-side]


def _flat(mask: np.ndarray, grey: np.ndarray, most: float) -> np.ndarray:
    """The pixels of `mask` whose four neighbours' grey lies within `most` of theirs (looked at
    where the mask is set only: a page has few such pixels and millions of others)."""
    ys, xs = np.nonzero(mask)
    h, w = grey.shape
    values = grey[ys, xs]
    low, high = values.copy(), values.copy()
    for dy, dx in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        near = grey[np.clip(ys + dy, 0, h - 1), np.clip(xs + dx, 0, w - 1)]
        np.minimum(low, near, out=low)
        np.maximum(high, near, out=high)
    out = np.zeros_like(mask)
    out[ys, xs] = (high - low) <= most
    return out


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
        if not (low <= short and long <= high and long <= MAX_ASPECT * short):
            continue
        # a ring or a frame holds its inside (a gap noise or a rule left in it closed by a block
        # more); a red word, a logo's `평창`, encloses little
        if masks.enclosed(masks.grow(bridged[y0:y1, x0:x1], 1)).sum() >= ENCLOSED * (y1 - y0) * (x1 - x0):
            inside[y0 * block : y1 * block, x0 * block : x1 * block] = True
    washed = tone & inside
    return washed if washed.any() else None


def mend(grey: np.ndarray, washed: np.ndarray, ink: np.ndarray, dpi: float) -> None:
    """Join, in place, the strokes of text a washed seal cut: where a run of washed pixels
    across a row or a column, no longer than a seal's ring is wide (MEND_INCHES), has ink on
    both sides for MEND_REACH pixels, the ink went on under the seal; the run takes the darker
    end's grey. A gap that is partly paper (two strokes side by side) is left open, and so is
    one between specks (what noise left of the ring's own edge)."""
    longest, reach = max(2, round(MEND_INCHES * dpi)), MEND_REACH
    rows, cols = np.nonzero(washed)
    y0, y1, x0, x1 = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    pad = reach + 1
    box = (slice(max(y0 - pad, 0), y1 + pad), slice(max(x0 - pad, 0), x1 + pad))
    for g, w, k in ((grey[box], washed[box], ink[box]), (grey[box].T, washed[box].T, ink[box].T)):
        filled = []
        for line in range(w.shape[1]):
            for start, end in masks.runs(w[:, line]):
                if (
                    start >= reach and end + reach <= w.shape[0] and end - start <= longest
                    and k[start - reach : start, line].all() and k[end : end + reach, line].all()
                ):  # fmt: skip
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
