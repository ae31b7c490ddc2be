"""`python -m tools.producer_eval [FOLDER]`: facts right per producer and component.

Reads every rendering of the producer matrix (samples/producers/, and the scans
tests/golden/scans.json lists with their renderer) and grades each card against
its truth with tools/scoring.py: one line per producer, one column per
component. FOLDER (default samples/) lets a run of older code grade the same files.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from tools import scoring
from tools.paths import GOLDEN, SAMPLES

COMPONENTS = ["cards", "tasks", "budget", "items", "fields"]


def renderings(samples: Path) -> list[tuple[str, str, str]]:
    """(producer, file under samples/, truth document) for every rendering of the matrix."""
    out = []
    for path in sorted((GOLDEN / "generated").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        for name, rendering in truth["renderings"].items():
            producer = name if name.startswith("pdf-") else None
            if producer is None and name == "pdf":
                producer = "pdf-libreoffice"
            if producer:
                out.append((producer, rendering["file"], path.stem))
    for file, info in json.loads((GOLDEN / "scans.json").read_text(encoding="utf-8")).items():
        out.append((f"scan-{info.get('renderer', 'poppler')}", file, info["truth"]))
    return [r for r in out if (samples / r[1]).exists()]


def main(argv: list[str]) -> int:
    from extract import read_folder

    samples = Path(argv[0]) if argv else SAMPLES
    chosen = renderings(samples)
    with tempfile.TemporaryDirectory() as tmp:
        for _, file, _ in chosen:
            target = Path(tmp) / file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(samples / file, target)
        tables = read_folder(Path(tmp))
    totals: dict[str, dict[str, list[int]]] = {}
    for producer, file, doc in chosen:
        truth = json.loads((GOLDEN / "generated" / f"{doc}.json").read_text(encoding="utf-8"))
        for index, card in enumerate(truth["cards"]):
            scoring.add(totals.setdefault(producer, {}), scoring.score_card(card, tables, file, index))
    width = max(map(len, totals)) + 2
    print("producer".ljust(width) + "".join(c.rjust(9) for c in COMPONENTS))
    for producer in sorted(totals):
        shares = [scoring.share(*totals[producer].get(c, [0, 0])) for c in COMPONENTS]
        print(producer.ljust(width) + "".join(f"{s:9.1%}" for s in shares))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
