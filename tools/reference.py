"""pyhwp as the independent reference reader for HWP (a test dependency only).

Runs pyhwp in-process (its own text and XML transforms, as `hwp5txt` and
`hwp5proc xml` do) so a corpus pass costs parsing, not interpreter starts.
pyhwp faults we met: it needs `six` without declaring it; it fails on
password and DRM files and on files without \\x05HwpSummaryInformation;
`hwp5proc xml` looks for `xmllint` on PATH but works without it.
"""

from __future__ import annotations

import io
import logging
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

logging.getLogger("hwp5").setLevel(logging.CRITICAL)


def pyhwp_available() -> bool:
    try:
        import hwp5.hwp5txt  # noqa: F401
    except Exception:
        return False
    return True


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pyhwp_text(path: Path) -> str | None:
    """What `hwp5txt` prints, or None where pyhwp cannot read the file."""
    from contextlib import closing

    from hwp5.hwp5txt import TextTransform
    from hwp5.xmlmodel import Hwp5File

    out = io.BytesIO()
    try:
        with closing(Hwp5File(str(path))) as hwp:
            TextTransform().transform_hwp5_to_text(hwp, out)
    except Exception:
        return None
    return out.getvalue().decode("utf-8", errors="replace")


def pyhwp_cells(path: Path) -> Counter | None:
    """Every table cell `hwp5proc xml` shows: (row, col, rowspan, colspan, text without spaces)."""
    from contextlib import closing

    from hwp5.xmlmodel import Hwp5File

    out = io.BytesIO()
    try:
        with closing(Hwp5File(str(path))) as hwp:
            hwp.xmlevents(embedbin=False).dump(out)
        root = ET.fromstring(out.getvalue())
    except Exception:
        return None
    cells: Counter = Counter()
    for cell in root.iter("TableCell"):
        text = "".join(t.text or "" for t in cell.iter("Text"))
        key = (int(cell.get("row")), int(cell.get("col")), int(cell.get("rowspan")), int(cell.get("colspan")))
        cells[(*key, squash(text))] += 1
    return cells


def reference(path: Path) -> tuple[str, str | None, Counter | None]:
    """Both references for one file (picklable, for a process pool)."""
    return path.name, pyhwp_text(path), pyhwp_cells(path)
