"""Damaged and hostile input, every format: a row with a code, never a crash or a hang.

Property-based: hypothesis damages valid samples (truncation, flipped
bytes, shuffled records or elements, a wrong extension) and checks that each
result is cards or a `files` row with an error code other than `crashed`
(which would mean an unexpected exception in cardex), within a time limit.
Derandomized so CI runs the same examples every time.
"""

from __future__ import annotations

import os
import random
import signal
import struct
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import read_file
from extract.run.pipeline import process_file
from parsers.hangul.hwp import parse_records
from tools.paths import ROOT, SAMPLES
from tools.samplegen.hostile import build_cfb, file_header, raw_deflate

TIME_LIMIT = 30  # seconds per damaged file; a hang fails the test instead of stalling CI
SAMPLE = {
    "tsv": SAMPLES / "tsv" / "gu-single-1.txt",
    "hwp": SAMPLES / "hwp" / "gu-single-1.hwp",
    "hwpx": SAMPLES / "hwpx" / "gu-single-1.hwpx",
    "pdf": SAMPLES / "pdf" / "gu-single-2.pdf",
}
SUFFIXES = [".txt", ".hwp", ".hwpx", ".pdf", ".bin"]
# CI runs a fixed set of examples; HYPOTHESIS_PROFILE=deep explores many more at random.
settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.register_profile(
    "deep", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SETTINGS = settings(settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci")))


class _Hang(Exception):
    pass


def _alarm(signum, frame):
    raise _Hang()


def _check(data: bytes, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(data)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_LIMIT)
    try:
        result = process_file(path, path.name)
    except _Hang:
        pytest.fail(f"reading a damaged {suffix} file took over {TIME_LIMIT} s")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    row = result.file_row
    assert row["error_code"] != "crashed", row["message"]
    if row["status"] in ("ok", "warning"):
        assert result.cards and row["error_code"] is None
    else:
        assert row["error_code"] and row["message"]


def _mutate(data: bytes, cut: float, flips: list[tuple[float, int]]) -> bytes:
    damaged = bytearray(data[: max(1, int(len(data) * cut))])
    for where, value in flips:
        damaged[int(where * (len(damaged) - 1))] = value
    return bytes(damaged)


@pytest.mark.parametrize("fmt", list(SAMPLE))
@SETTINGS
@given(
    cut=st.floats(0.0, 1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=8),
    suffix=st.sampled_from(SUFFIXES),
)
def test_truncated_and_flipped_files(tmp_path, fmt, cut, flips, suffix):
    _check(_mutate(SAMPLE[fmt].read_bytes(), cut, flips), suffix, tmp_path)


def _hwp_section(path: Path) -> bytes:
    import olefile

    with olefile.OleFileIO(str(path)) as ole:
        return zlib.decompress(ole.openstream("BodyText/Section0").read(), -15)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), keep=st.floats(0.1, 1.0))
def test_shuffled_hwp_records(tmp_path, seed, keep):
    section = _hwp_section(SAMPLE["hwp"])
    records, _ = parse_records(section)
    rng = random.Random(seed)
    rng.shuffle(records)
    records = records[: max(1, int(len(records) * keep))]
    raw = b"".join(
        struct.pack("<I", r.tag | (r.level << 10) | (min(len(r.payload), 0xFFF) << 20))
        + (struct.pack("<I", len(r.payload)) if len(r.payload) >= 0xFFF else b"")
        + r.payload
        for r in records
    )
    _check(build_cfb(file_header(), raw_deflate(raw)), ".hwp", tmp_path)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), drop=st.floats(0.0, 0.5))
def test_shuffled_hwpx_elements(tmp_path, seed, drop):
    rng = random.Random(seed)
    source = zipfile.ZipFile(SAMPLE["hwpx"])
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        rng.shuffle(names)
        for name in names:
            data = source.read(name)
            if name.endswith("section0.xml"):
                parts = data.split(b"<hp:p ")
                head, body = parts[0], parts[1:]
                rng.shuffle(body)
                body = [p for p in body if rng.random() >= drop]
                data = head + b"".join(b"<hp:p " + p for p in body)
            target.writestr(name, data)
    _check(out.getvalue(), ".hwpx", tmp_path)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_shuffled_pdf_objects(tmp_path, seed):
    data = SAMPLE["pdf"].read_bytes()
    head, *objects = data.split(b"endobj")
    random.Random(seed).shuffle(objects)
    _check(head + b"endobj".join(objects), ".pdf", tmp_path)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_shuffled_text_lines(tmp_path, seed):
    lines = SAMPLE["tsv"].read_bytes().split(b"\n")
    random.Random(seed).shuffle(lines)
    _check(b"\n".join(lines), ".txt", tmp_path)


@pytest.mark.parametrize(
    ("path", "code"),
    [
        (ROOT / "tests" / "fixtures" / "hwp" / "zlib-bomb.hwp", "too_large"),
        (ROOT / "tests" / "fixtures" / "hwpx" / "zip-bomb.hwpx", "too_large"),
        (ROOT / "tests" / "fixtures" / "hwpx" / "overlap-bomb.hwpx", "too_large"),
        (ROOT / "tests" / "fixtures" / "hwpx" / "billion-laughs.hwpx", "corrupt"),
        (ROOT / "tests" / "fixtures" / "pdf" / "reference-loop.pdf", None),
    ],
)
def test_named_attacks_get_codes(path, code):
    row = read_file(path).files.iloc[0]
    assert row["status"] == "error" and row["error_code"] != "crashed"
    if code:
        assert row["error_code"] == code
