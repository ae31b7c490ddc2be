"""The clip rectangles a content stream draws through (parsers/pdf/clips.py)."""

from __future__ import annotations

from parsers.pdf import clips


def test_rectangles_in_both_forms_with_the_matrix_in_force():
    stream = b"""q 0 841 m 595 841 l 595 0 l 0 0 l h W* n Q
q 59.5 765.9 m 192.8 765.9 l 192.8 730.8 l 59.5 730.8 l h W* n Q
q 2 0 0 2 10 20 cm 5 5 10 4 re W n Q
q 10 10 40 20 re W n
"""
    assert clips.clip_rects(stream) == [
        (0.0, 0.0, 595.0, 841.0),
        (59.5, 730.8, 192.8, 765.9),
        (20.0, 30.0, 40.0, 38.0),  # scaled by the cm inside its q ... Q
        (10.0, 10.0, 50.0, 30.0),  # the matrix restored by Q
    ]


def test_what_is_not_a_rectangle_clip_is_left_out():
    stream = b"""q 0 1 -1 0 300 0 cm 5 5 10 4 re W n Q
q 0 0 m 10 5 l 20 0 l 5 5 l h W n Q
q 10 10 40 20 re f Q
(q 1 2 3 4 re W n) Tj
q x y w h re W n Q
"""
    # turned by its matrix; a four-point path that is no rectangle; a filled box, not a clip;
    # words that are not numbers
    assert clips.clip_rects(stream) == []


def test_a_hostile_stream_is_bounded():
    stream = b"Q " * 1000 + b"q " * 10_000 + b"1 1 5 5 re W n " * (clips.MAX_CLIPS + 10)
    assert len(clips.clip_rects(stream)) == clips.MAX_CLIPS
