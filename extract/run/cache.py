"""Results kept between runs, keyed by a file's content and the pipeline's own code.

After each reporting deadline most files are the ones already read last
time. A file's rows are stored under the SHA-256 of its bytes, inside a
folder named by a fingerprint of cardex's source, its vocabulary and the
OCR engine with its models, so any change to the code, the vocabulary or
the engine (a Tesseract or model upgrade reads scans differently) starts a
fresh cache instead of serving stale rows. Entries are JSON (never pickle: a cache folder may be
shared), written atomically. Outcomes that may differ on another run
(time-outs, crashes, memory exhaustion) are never stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding extract/ and parsers/
TRANSIENT_CODES = {"timeout", "crashed"}


@cache
def fingerprint() -> str:
    from parsers.scan.ocr import engine

    digest = hashlib.sha256(engine().version().encode())
    for folder in ("extract", "parsers"):
        for path in sorted((PACKAGE_ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".toml", ".c") and path.is_file():
                digest.update(path.relative_to(PACKAGE_ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ResultCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder / fingerprint()
        self.folder.mkdir(parents=True, exist_ok=True)

    def _path(self, sha: str) -> Path:
        return self.folder / sha[:2] / f"{sha}.json"

    def get(self, sha: str, source_file: str) -> dict[str, list[dict]] | None:
        try:
            stored = json.loads(self._path(sha).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        for rows in stored.values():
            for row in rows:
                row["source_file"] = source_file
        for row in stored.get("cards", []):
            if row.get("as_of"):
                row["as_of"] = dt.date.fromisoformat(row["as_of"])
        return stored

    def put(self, sha: str, rows: dict[str, list[dict]]) -> None:
        if rows["files"] and rows["files"][0].get("error_code") in TRANSIENT_CODES:
            return
        path = self._path(sha)
        path.parent.mkdir(parents=True, exist_ok=True)
        plain = {name: [{**row, "source_file": None} for row in table] for name, table in rows.items()}
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(plain, fh, ensure_ascii=False, default=_iso)
        os.replace(tmp, path)


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__}")
