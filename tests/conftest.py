from __future__ import annotations

import pytest

from tools.paths import SAMPLES


@pytest.fixture(scope="session")
def sample_tables():
    """The whole pipeline over samples/, once per test session."""
    from extract import read_folder

    return read_folder(SAMPLES)
