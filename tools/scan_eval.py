"""`python -m tools.scan_eval [SEED]` (`make scan-eval`): scans of cards the scan tests never see.

samples/scan/ holds seven scans, and the reader has been tuned while looking at them. This
makes fresh scans of every other sample card (samples/pdf/, through the same independent
path as tools/samplegen/scans.py: poppler renders, Pillow degrades), with resolution,
rotation, blur, JPEG quality, paper tone and seal drawn at random from SEED, reads them
and grades them fact by fact against their source cards (tools/scoring.py). Nothing is
written into the project; it needs poppler-utils (`pdftoppm`) and Tesseract.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

from tools import scoring
from tools.paths import GOLDEN, SAMPLES
from tools.samplegen import scans as samplegen


def scans_for(seed: int) -> list[samplegen.Scan]:
    """One degraded scan of each sample card not among the committed scans."""
    rng = random.Random(seed)
    seen = {scan.source for scan in samplegen.SCANS}
    out = []
    for pdf in sorted((SAMPLES / "pdf").glob("*.pdf")):
        if pdf.stem in seen or not (GOLDEN / "generated" / f"{pdf.stem}.json").exists():
            continue
        out.append(
            samplegen.Scan(
                f"{pdf.stem}.tif", pdf.stem, dpi=rng.choice([200, 300]), angle=round(rng.uniform(-3, 3), 1),
                blur=rng.choice([0.0, 0.4, 0.6]), quality=rng.choice([None, 45, 60, 70]),
                grey=rng.choice([255, 230]), stamp=rng.random() < 0.4,
            )
        )  # fmt: skip
    return out


def main(argv: list[str]) -> int:
    from extract import read_folder
    from parsers.scan.ocr import engine

    if (missing := engine().available()) is not None:
        print(f"scan-eval: {missing}")
        return 1
    seed = int(argv[0]) if argv else 7
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "scan"
        folder.mkdir()
        samplegen.OUT = folder
        scans = scans_for(seed)
        for one in scans:
            with tempfile.TemporaryDirectory() as work:
                samplegen.make(one, Path(work))
        start = time.perf_counter()
        tables = read_folder(folder)
        elapsed = time.perf_counter() - start
    total: dict[str, list[int]] = {}
    for one in scans:
        truth = json.loads((GOLDEN / "generated" / f"{one.source}.json").read_text(encoding="utf-8"))
        part: dict[str, list[int]] = {}
        for index, card in enumerate(truth["cards"]):
            scored = scoring.score_card(card, tables, one.name, index)
            scoring.add(total, scored)
            scoring.add(part, scored)
        shares = " ".join(f"{k} {scoring.share(*v):.0%}" for k, v in part.items() if k != "checks")
        print(f"{one.name:<18} {one.dpi} dpi {one.angle:+.1f}° blur {one.blur} q{one.quality}: {shares}")
    shares = ", ".join(f"{k} {scoring.share(*total[k]):.1%}" for k in scoring.COMPONENTS if k != "checks")
    print(f"scan-eval seed {seed}: {len(scans)} scans read in {elapsed:.0f} s; facts right: {shares}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
