"""`make fuzz`: coverage-guided fuzzing (atheris, libFuzzer) of the whole per-file pipeline.

    python -m tools.fuzz [--minutes M] [--formats tsv,hwp,hwpx,pdf] [--out DIR]

One fuzzer per format, all running at once, each for M minutes: libFuzzer
mutates the seeds (the format's samples, `../shared/corpus/`, and the
reproducers already in `../shared/fuzz-repro/`) guided by the coverage of
cardex's readers, card logic and schema check, and of the libraries they
drive (pdfminer, pdfplumber, olefile, lxml's Python side). Each input goes
through `process_file` (reader, cards, rows checked against the schema)
and then through the table writer's own conversion (typed frames, Arrow,
CSV), exactly as a batch would. An input is a failure when:
  - its `files` row says `crashed` (an exception escaped into cardex's last resort);
  - its rows cannot be written as typed tables (`rows_error`);
  - it took over 30 s (`slow`) or pushed the process past 1 GiB (`memory`).
Each failure is written to `--out` (default `fuzz-findings/`) named like the
files of `../shared/fuzz-repro/`: KIND-DETAIL-FORMAT-HASH.EXT. Not part of
CI: CI runs the Hypothesis property tests instead.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.paths import ROOT, SHARED

SUFFIX = {"tsv": ".txt", "hwp": ".hwp", "hwpx": ".hwpx", "pdf": ".pdf"}
CORPUS_DIRS = {"tsv": [], "hwp": ["hwp", "hwp-wild"], "hwpx": ["hwpx"], "pdf": ["hancom"]}
SLOW_SECONDS = 30.0
MEMORY_BYTES = 1 << 30
MAX_SEED_BYTES = 1 << 20
MAX_LEN = 1 << 18


def seeds(fmt: str, folder: Path) -> int:
    """Copy the format's seed files into `folder`; returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    found = sorted((ROOT / "samples" / fmt).glob("*"))
    for name in CORPUS_DIRS[fmt]:
        found += sorted(p for p in (SHARED / "corpus" / name).rglob("*") if p.suffix.lower() == SUFFIX[fmt])
    found += sorted((SHARED / "fuzz-repro").glob(f"*{SUFFIX[fmt]}"))
    count = 0
    for path in found:
        if path.is_file() and path.stat().st_size <= MAX_SEED_BYTES:
            shutil.copy(path, folder / f"seed-{count:04d}{path.suffix}")
            count += 1
    return count


# ---------------------------------------------------------------- the fuzzing child


def _child(fmt: str, out: Path, libfuzzer_args: list[str]) -> None:
    import atheris

    with atheris.instrument_imports(include=["parsers", "extract", "pdfminer", "pdfplumber", "olefile"]):
        from extract.run.pipeline import process_file
        from extract.tables.frames import frame
        from extract.tables.schema import SCHEMAS, STR, TABLE_NAMES

    import pyarrow as pa

    from extract.outputs.writer import escape_cell

    work = Path(tempfile.mkdtemp(prefix=f"cardex-fuzz-{fmt}-"))
    target = work / f"input{SUFFIX[fmt]}"
    over_memory = [False]

    def write_check(rows: dict[str, list[dict]]) -> None:
        for name in TABLE_NAMES:
            df = frame(name, rows.get(name, []))
            pa.Table.from_pandas(df, preserve_index=False)
            for column, dtype in SCHEMAS[name].items():
                if dtype == STR:
                    df[column] = df[column].map(escape_cell, na_action="ignore")
            df.to_csv(io.StringIO(), index=False, header=False)

    def one(data: bytes) -> None:
        target.write_bytes(data)
        started = time.monotonic()
        result = process_file(target, target.name)
        seconds = time.monotonic() - started
        row = result.file_row
        kind = detail = None
        if row["error_code"] == "crashed":
            match = re.search(r"\((\w+)", row["message"] or "")
            kind, detail = "crashed", match[1] if match else "unknown"
        else:
            try:
                write_check(result.rows())
            except Exception as exc:
                kind, detail = "rows_error", type(exc).__name__
        if kind is None and seconds > SLOW_SECONDS:
            kind, detail = "slow", f"{seconds:.0f}s"
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        if kind is None and peak > MEMORY_BYTES and not over_memory[0]:
            over_memory[0] = True
            kind, detail = "memory", f"{peak >> 20}MiB"
        if kind is not None:
            digest = hashlib.sha256(data).hexdigest()[:10]
            name = f"{kind}-{detail}-{fmt}-{digest}{SUFFIX[fmt]}"
            out.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(data)
            print(f"cardex-fuzz: FAILURE {name}: {row['message']}", file=sys.stderr, flush=True)

    atheris.Setup([sys.argv[0], *libfuzzer_args], one)
    atheris.Fuzz()


# ---------------------------------------------------------------- the driver


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="minutes per format (all formats run at once)")
    parser.add_argument("--formats", default="tsv,hwp,hwpx,pdf")
    parser.add_argument("--out", type=Path, default=ROOT / "fuzz-findings")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args(argv)
    if args.child:
        _child(args.child, args.out, rest)
        return 0
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("make fuzz needs atheris: .venv/bin/pip install -e '.[fuzz]'", file=sys.stderr)
        return 2
    formats = [f for f in args.formats.split(",") if f]
    seconds = int(args.minutes * 60)
    procs = {}
    with tempfile.TemporaryDirectory(prefix="cardex-fuzz-") as tmp:
        for fmt in formats:
            corpus = Path(tmp) / fmt
            n = seeds(fmt, corpus)
            log = open(Path(tmp) / f"{fmt}.log", "w")  # noqa: SIM115 - closed below
            command = [
                sys.executable, "-m", "tools.fuzz", "--child", fmt, "--out", str(args.out),
                f"-max_total_time={seconds}", f"-max_len={MAX_LEN}", "-timeout=120", "-rss_limit_mb=4096",
                "-print_final_stats=1", f"-artifact_prefix={args.out}/libfuzzer-{fmt}-", str(corpus),
            ]  # fmt: skip
            args.out.mkdir(parents=True, exist_ok=True)
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            procs[fmt] = (subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=env), log, n)
            print(f"fuzz {fmt}: {n} seeds, {args.minutes:g} min", flush=True)
        failures = 0
        for fmt, (proc, log, _seeds) in procs.items():
            proc.wait()
            log.close()
            text = (Path(tmp) / f"{fmt}.log").read_text(errors="replace")
            runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", text) or re.findall(r"#(\d+)\s", text)
            found = text.count("cardex-fuzz: FAILURE")
            stopped = re.findall(r"==\d+== ERROR: libFuzzer: (.*)", text)
            failures += found + len(stopped)
            print(
                f"fuzz {fmt}: {int(runs[-1]) if runs else 0:,} executions in {args.minutes:g} min, "
                f"{found} failure(s)" + (f"; libFuzzer stopped: {stopped[0]}" if stopped else ""),
                flush=True,
            )
            for line in text.splitlines():
                if line.startswith("cardex-fuzz: FAILURE"):
                    print("   ", line[len("cardex-fuzz: ") :][:300])
    print(f"findings in {args.out}/" if failures else "no new failure")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
