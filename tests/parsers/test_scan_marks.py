"""Marks the Korean OCR model cannot write (parsers/scan/marks.py), told from their shapes.

The small masks below are copied from what the committed 200 dpi scans show (a tilde, a
hyphen); the outlines are drawn, as a template's check box or bullet prints them."""

from __future__ import annotations

import numpy as np
import pytest

from parsers.scan import marks
from parsers.scan.marks import Glyph, Reading
from parsers.scan.ocr import Symbol

# `2018. 7. ~ 2022. 6.` and `2-2` in samples/scan/si-single-1.tif, as Tesseract binarised them
TILDE = np.array(
    [
        [0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1],
        [0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1],
        [1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1],
        [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0],
    ],
    dtype=bool,
)
HYPHEN = np.array([[1, 1, 1, 1, 1, 1, 0, 0], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 0, 0]], dtype=bool)


def _outline(size: int, stroke: int) -> np.ndarray:
    mask = np.ones((size, size), dtype=bool)
    mask[stroke:-stroke, stroke:-stroke] = False
    return mask


def _ring(size: int, stroke: float) -> np.ndarray:
    y, x = np.mgrid[:size, :size] + 0.5
    r = np.hypot(x - size / 2, y - size / 2)
    return (r <= size / 2) & (r >= size / 2 - stroke)


def test_outlines_and_fills_are_the_marks_they_print():
    assert marks.shape_mark(np.ones((29, 28), dtype=bool), 38, 34) == "■"
    assert marks.shape_mark(_outline(29, 2), 38, 34) == "□"
    assert marks.shape_mark(_ring(32, 2.5), 38, 34) == "○"


def _triangle_up(height: int, width: int) -> np.ndarray:
    """A solid triangle standing on its base, as the 300 dpi scan of `▲21` shows it."""
    y, x = np.mgrid[:height, :width] + 0.5
    mask = np.abs(x - width / 2) <= (y / height) * (width / 2)
    return mask[mask.any(axis=1)]  # a glyph's box is tight around its ink


def test_triangles_are_bullets_and_cuts():
    solid = _triangle_up(25, 31)
    assert marks.shape_mark(solid, 38, 34) == "▲"
    outlined = solid & ~np.pad(_triangle_up(15, 17), ((7, 3), (7, 7)))
    assert marks.shape_mark(outlined, 38, 34) == "△"
    # turned to point right: a bullet, small (▸) or a letter tall (▶)
    assert marks.shape_mark(_triangle_up(20, 21)[::-1].T, 38, 34) == "▸"
    assert marks.shape_mark(_triangle_up(30, 28)[::-1].T, 38, 34) == "▶"


def test_an_outline_with_something_inside_is_no_bullet():
    circled = _ring(32, 2.5)
    circled[9:23, 15:18] = True  # ① : a digit inside the ring, whose figure the caller reads
    assert marks.shape_mark(circled, 38, 34) == marks.CIRCLED
    boxed = _outline(29, 2)
    boxed[10:19, 10:19] = True  # ▣
    assert marks.shape_mark(boxed, 38, 34) is None


def test_a_mark_is_as_tall_as_a_letter():
    assert marks.shape_mark(_outline(12, 2), 38, 34) is None  # a small square: a piece of a letter, or a speck


def test_a_wave_is_a_tilde_and_a_straight_bar_a_hyphen():
    # digits stand from y=12 to y=33 either side
    assert marks.punctuation_mark(Glyph(130, 143, 21, 25, None), TILDE, 12, 33) == "~"
    assert marks.punctuation_mark(Glyph(30, 38, 22, 25, None), HYPHEN, 13, 35) == "-"


def test_a_comma_hangs_below_the_digits_foot_and_a_period_does_not():
    comma = np.ones((6, 3), dtype=bool)
    assert marks.punctuation_mark(Glyph(46, 49, 33, 39, None), comma, 14, 36) == ","
    period = np.ones((3, 3), dtype=bool)
    assert marks.punctuation_mark(Glyph(46, 49, 33, 36, None), period, 14, 36) is None


def _reading(text: str, confidences: dict[str, float] | None = None) -> Reading:
    confidences = confidences or {}
    symbols = [Symbol(c, (0, 0, 1, 1), confidences.get(c, 95.0)) for c in text if not c.isspace()]
    return Reading(text, symbols)


MARK = Glyph(0, 1, 0, 1, "☎")


def test_the_placeholder_puts_the_mark_where_the_misreading_stood():
    assert marks.restore(_reading("최영호 죠3586", {"죠": 0.0}), _reading("최영호 $3586"), [MARK]) == "최영호 ☎3586"
    comma = Glyph(0, 1, 0, 1, ",")
    assert marks.restore(_reading("민자32340"), _reading("민자32$340"), [comma]) == "민자32,340"


def test_elsewhere_the_surer_reading_wins():
    first = _reading("(2,060 ~2025) 2022.86.", {"8": 20.0})
    second = _reading("($2060 ~2025) 2022. 6.")
    # the comma the second reading lost stays; the 8 the first made up goes
    assert marks.restore(first, second, [MARK]) == "(☎2,060 ~2025) 2022. 6."


@pytest.mark.parametrize("second", ["최영호 3586", "최영호 $3$586"])
def test_no_placeholder_for_each_mark_keeps_the_first_reading(second):
    assert marks.restore(_reading("최영호 죠3586"), _reading(second), [MARK]) is None


def test_a_ring_faded_open_in_places_is_still_a_ring():
    ring = _ring(21, 1.5)
    ring[:, 9:12] = False  # gaps top and bottom, as a thin ring blurred at 200 dpi comes out
    ring[9:12, :3] = False
    assert marks.hole_areas(ring) == []
    assert marks.shape_mark(ring, 26, 26) == "○"


def _line(width: int, glyphs: list[tuple[int, np.ndarray]]) -> np.ndarray:
    ink = np.zeros((30, width), dtype=bool)
    for x, mask in glyphs:
        h, w = mask.shape
        top = 15 - h // 2
        ink[top : top + h, x : x + w] |= mask
    return ink


def test_a_solid_square_is_a_mark_under_a_syllable_box_stretched_over_it():
    # Tesseract dropped the ■ and stretched the next syllable's box over it
    syllable = np.zeros((24, 22), dtype=bool)
    syllable[2:22, 2:5] = syllable[2:5, 2:20] = syllable[12:15, 2:20] = True
    ink = _line(80, [(2, np.ones((22, 22), dtype=bool)), (40, syllable)])
    found, _ = marks.find(ink, [Symbol("완", (2, 3, 62, 27), 92.0)])
    assert [m.mark for m in found] == ["■"]


def test_a_tilde_may_open_a_wrapped_line_of_a_range():
    digit = np.zeros((22, 12), dtype=bool)
    digit[:, 4:8] = True
    ink = _line(60, [(2, TILDE), (22, digit), (38, digit)])
    read = [Symbol("=", (2, 12, 15, 18), 40.0), Symbol("2", (22, 4, 34, 26), 95.0), Symbol("0", (38, 4, 50, 26), 95.0)]
    found, _ = marks.find(ink, read)
    assert [m.mark for m in found] == ["~"]
    # a tilde Tesseract read right needs no second reading
    read[0] = Symbol("~", (2, 12, 15, 18), 90.0)
    assert marks.find(ink, read)[0] == []


def test_a_ring_the_binarisation_broke_is_found_where_its_grey_counts_as_ink():
    ring = _ring(21, 1.5)
    broken = ring.copy()
    broken[:, :10] = False  # the faint left half lost to the threshold
    digit = np.zeros((22, 12), dtype=bool)
    digit[:, 4:8] = True
    read = [Symbol("청", (40, 4, 52, 26), 95.0)]
    ink = _line(60, [(2, broken), (40, digit)])
    assert marks.find(ink, read)[0] == []
    faint = _line(60, [(2, ring), (40, digit)])
    assert [m.mark for m in marks.find(ink, read, faint)[0]] == ["○"]


def test_a_box_the_binarisation_dropped_is_found_where_its_grey_counts_as_ink():
    # a thin □ printed lighter than the text: the engine's binarisation keeps none of it
    box = _outline(22, 1)
    digit = np.zeros((22, 12), dtype=bool)
    digit[:, 4:8] = True
    read = [Symbol("도", (40, 4, 52, 26), 95.0)]
    ink = _line(60, [(40, digit)])
    assert marks.find(ink, read)[0] == []
    faint = _line(60, [(4, box), (40, digit)])
    assert [m.mark for m in marks.find(ink, read, faint)[0]] == ["□"]


def test_a_figure_set_large_inside_its_ring_is_still_a_circled_number():
    # ③ in Noto Sans: the figure reaches 0.7 of the radius, the paper between it and the
    # ring lies further out than in most fonts
    size = 37
    y, x = np.mgrid[:size, :size] + 0.5
    r = np.hypot(x - size / 2, y - size / 2) / (size / 2)
    ring = r >= 1 - 2.5 / (size / 2)
    figure = (r >= 0.52) & (r <= 0.68)  # a round figure's bowl
    figure[:, 17:20] |= r[:, 17:20] <= 0.68  # and its stem through the middle
    assert marks.shape_mark((ring | figure) & (r <= 1), 45, 40) == marks.CIRCLED
    # a syllable with its ㅇ has ink at every radius: no band of paper, no ring
    filled = (ring | (r <= 0.8)) & (r <= 1)
    assert marks.shape_mark(filled, 45, 40) != marks.CIRCLED


def test_a_mark_takes_its_grey_edge_with_it():
    # ☎'s anti-aliased edge is lighter than the binarisation keeps; left beside the `$` that
    # stands in for the mark, the sliver makes the engine drop the `$`
    ink = np.zeros((10, 30), dtype=bool)
    ink[2:8, 10:20] = True
    ink[2:8, 24:28] = True  # the next letter, two columns of paper away
    faint = ink.copy()
    faint[3:7, [8, 9, 20, 21, 22]] = True
    glyph = Glyph(10, 20, 2, 8, "☎")
    marks._with_fringe(glyph, ink, faint)
    assert (glyph.x0, glyph.x1) == (8, 23)  # never into the next letter's ink


def test_a_box_under_the_next_syllables_box_stretched_back_over_it_is_a_mark():
    # `□보류` read as `보류`, the box of 보 reaching back over the □
    box = _outline(22, 2)
    syllable = np.zeros((26, 24), dtype=bool)
    syllable[2:5, 2:22] = syllable[2:24, 10:13] = syllable[21:24, 0:24] = True
    ink = _line(90, [(2, box), (30, syllable), (60, syllable)])
    read = [Symbol("보", (2, 2, 54, 28), 95.0), Symbol("류", (60, 2, 84, 28), 95.0)]
    assert [m.mark for m in marks.find(ink, read)[0]] == ["□"]
    # the ㅁ of 마: the syllable's box holds only its own vowel beside the square
    vowel = np.zeros((26, 4), dtype=bool)
    vowel[:, 1:3] = True
    ink = _line(90, [(2, box), (30, vowel)])
    assert marks.find(ink, [Symbol("마", (2, 2, 34, 28), 95.0)])[0] == []
    # the ㅁ of 장미: the box of the syllable before ends on it, the square is that letter's
    ink = _line(90, [(2, syllable), (30, box), (56, vowel)])
    read = [Symbol("장", (2, 2, 40, 28), 95.0), Symbol("미", (56, 2, 60, 28), 95.0)]
    assert marks.find(ink, read)[0] == []


def test_a_ring_broken_at_its_top_and_foot_into_two_arcs_is_one_ring():
    # a thin ○ at 150 dpi: a blank column down its middle, read `(:` by the engine
    ring = _ring(19, 1.2)
    ring[:, 9] = False
    digit = np.zeros((18, 8), dtype=bool)
    digit[:, 3:5] = True
    ink = _line(60, [(2, ring), (30, digit)])
    read = [Symbol("(", (2, 6, 7, 24), 99.0), Symbol(":", (2, 6, 20, 24), 93.0), Symbol("스", (30, 6, 38, 24), 99.0)]
    found, _ = marks.find(ink, read)
    assert [(m.mark, m.x0, m.x1) for m in found] == [("○", 2, 21)]
    # two brackets apart, `( )`, are no ring
    ink = _line(60, [(2, ring[:, :9]), (16, ring[:, 10:]), (30, digit)])
    assert marks.find(ink, read)[0] == []
