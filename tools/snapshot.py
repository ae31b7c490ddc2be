"""Fingerprint every table `make extract` writes, to prove a change left the outputs alone.

    python -m tools.snapshot OUT.json            # write the fingerprints
    python -m tools.snapshot OUT.json --against BEFORE.json   # and compare

Reads `samples/` and each folder of `../shared/corpus/` (where present) with
the command line, as `make extract` does, and records the sha256 of every file
the run leaves (CSV, Parquet, workbook, report) plus the exit status. A
refactoring that claims "no behaviour change" runs this before and after and
shows the two files equal. The workbook is compared member by member without
`docProps/core.xml`, the one part that holds a clock (openpyxl stamps the
time it was written); everything else must be byte-identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from tools.paths import ROOT, SHARED


def inputs() -> dict[str, Path]:
    found = {"samples": ROOT / "samples"}
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
            found[f"corpus/{folder.name}"] = folder
    fuzz = SHARED / "fuzz-repro"
    if fuzz.is_dir():
        found["fuzz-repro"] = fuzz
    return found


def fingerprint(name: str, folder: Path, work: Path) -> dict[str, object]:
    out = work / name.replace("/", "_")
    run = subprocess.run(
        [sys.executable, "-m", "extract", str(folder), "--out", str(out), "--quiet", "--jobs", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    files = {}
    if out.is_dir():
        for path in sorted(out.rglob("*")):
            if path.is_file():
                files[str(path.relative_to(out))] = _digest(path)
    return {"exit": run.returncode, "files": files}


def _digest(path: Path) -> str:
    if path.suffix != ".xlsx":
        return hashlib.sha256(path.read_bytes()).hexdigest()
    digest = hashlib.sha256()
    with zipfile.ZipFile(path) as package:
        for name in sorted(package.namelist()):
            if name != "docProps/core.xml":
                digest.update(name.encode() + b"\0" + package.read(name))
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to write the fingerprints (JSON)")
    parser.add_argument("--against", type=Path, help="an earlier snapshot to compare with")
    args = parser.parse_args(argv)
    snapshot = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, folder in inputs().items():
            snapshot[name] = fingerprint(name, folder, Path(tmp))
            print(f"{name}: exit {snapshot[name]['exit']}, {len(snapshot[name]['files'])} files", flush=True)
    args.out.write_text(json.dumps(snapshot, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.against is None:
        return 0
    before = json.loads(args.against.read_text(encoding="utf-8"))
    differ = [
        f"{name}: {key}"
        for name in sorted(set(before) | set(snapshot))
        for key in ("exit", "files")
        if before.get(name, {}).get(key) != snapshot.get(name, {}).get(key)
    ]
    for line in differ:
        print(f"DIFFERS {line}")
    print("identical" if not differ else f"{len(differ)} difference(s)")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
