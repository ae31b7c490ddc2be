from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sample_tables():
    """The whole pipeline over samples/, once per test session."""
    from extract import read_folder

    return read_folder(SAMPLES)
