"""Where the project's data lives, for the tests and the tools alike."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"  # ground truth of the samples, written by tools.samplegen
SHARED = ROOT.parent / "shared"  # the folder beside the project: SPEC, corpus, fuzz inputs
