"""`make bench`: throughput of the whole pipeline, beside a reference reader in the same run.

Not a test: figures vary with the machine, so each is quoted as a ratio
against a reference measured in the same command on the same files:
  - tsv: a plain read-and-decode of the bytes (what any tool must do);
  - hwp: pyhwp's text extraction (`hwp5txt`'s transform, in-process);
  - hwpx: a bare zipfile + ElementTree pass collecting every hp:t text;
  - pdf: pdfplumber's own extract_text() plus extract_tables() on every page.
"""

from __future__ import annotations

import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from extract import read_folder
from parsers.tsv import decode
from tools.paths import ROOT


def _copies(fmt: str, folder: Path, copies: int) -> list[Path]:
    for i in range(copies):
        shutil.copytree(ROOT / "samples" / fmt, folder / f"copy{i:03d}")
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _pipeline(folder: Path) -> tuple[float, int]:
    start = time.perf_counter()
    tables = read_folder(folder)
    elapsed = time.perf_counter() - start
    assert (tables.files["status"] != "error").all(), "bench inputs must read"
    return elapsed, len(tables.cards)


def bench_tsv(copies: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = _copies("tsv", Path(tmp), copies)
        start = time.perf_counter()
        for path in paths:
            decode(path.read_bytes())
        reference = time.perf_counter() - start
        elapsed, cards = _pipeline(Path(tmp))
    print(f"tsv : {len(paths)} files, {cards} cards: pipeline {elapsed:.2f} s = {cards / elapsed:,.0f} cards/s; "
          f"read+decode alone {reference:.3f} s; pipeline/reference = {elapsed / reference:.1f}x")  # fmt: skip


def bench_hwp(copies: int) -> None:
    try:
        from tools.reference import pyhwp_text
    except ImportError:
        print("hwp : pyhwp not installed (pip install -e '.[dev]'); skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        paths = _copies("hwp", Path(tmp), copies)
        elapsed, cards = _pipeline(Path(tmp))
        start = time.perf_counter()
        for path in paths:
            assert pyhwp_text(path) is not None
        reference = time.perf_counter() - start
    print(f"hwp : {len(paths)} files, {cards} cards: pipeline {elapsed:.2f} s = {cards / elapsed:,.0f} cards/s; "
          f"pyhwp text dump {reference:.2f} s = {cards / reference:,.1f} cards/s; "
          f"pipeline is {reference / elapsed:.1f}x faster than pyhwp's text dump")  # fmt: skip


def _hwpx_texts(path: Path) -> int:
    import re
    import xml.etree.ElementTree as ET
    import zipfile

    count = 0
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if re.fullmatch(r"Contents/section\d+\.xml", name):
                root = ET.fromstring(package.read(name))
                count += sum(1 for el in root.iter() if el.tag.endswith("}t"))
    return count


def bench_hwpx(copies: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = _copies("hwpx", Path(tmp), copies)
        elapsed, cards = _pipeline(Path(tmp))
        start = time.perf_counter()
        for path in paths:
            _hwpx_texts(path)
        reference = time.perf_counter() - start
    print(f"hwpx: {len(paths)} files, {cards} cards: pipeline {elapsed:.2f} s = {cards / elapsed:,.0f} cards/s; "
          f"zipfile+ElementTree hp:t pass {reference:.2f} s; pipeline/reference = {elapsed / reference:.1f}x")  # fmt: skip


_PDF_RUN = """
import resource, sys, time
from pathlib import Path
paths = [Path(p) for p in sys.argv[2:]]
start = time.perf_counter()
pages = 0
if sys.argv[1] == "pdfplumber":
    import pdfplumber
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                pages += 1
else:
    from extract.run.pipeline import process_file
    for path in paths:
        process_file(path, path.name)
print(time.perf_counter() - start, pages, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _pdf_pages_run(kind: str, paths: list[Path]) -> tuple[float, int, float]:
    """Seconds, pages and peak resident memory (MiB) of one side, in a fresh process."""
    import subprocess

    out = subprocess.run([sys.executable, "-c", _PDF_RUN, kind, *map(str, paths)], cwd=ROOT, capture_output=True,
                         text=True, check=True)  # fmt: skip
    seconds, pages, rss = out.stdout.split()
    return float(seconds), int(pages), int(rss) / 1024


def pdf_bench_files() -> list[Path]:
    """The PDF samples and every Hancom export that has a text layer (the pair corpus)."""
    from tools.bench_pairs import CORPUS

    files = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
    if CORPUS.is_dir():
        files += sorted(CORPUS.glob("*/export-*.pdf"))
    return files


def bench_pdf(copies: int = 1) -> None:
    """The whole PDF pipeline (cards, tables, checks) against pdfplumber's extract_text() +
    extract_tables() alone, on the same files; each side in its own process."""
    paths = pdf_bench_files() * max(copies, 1)
    ref_s, ref_pages, ref_mib = _pdf_pages_run("pdfplumber", paths)
    ours_s, _, ours_mib = _pdf_pages_run("cardex", paths)
    print(f"pdf : {len(paths)} files, {ref_pages} pages: pipeline {ours_s:.1f} s = {ref_pages / ours_s:,.1f} pages/s, "
          f"peak {ours_mib:,.0f} MiB; pdfplumber extract_text+extract_tables {ref_s:.1f} s = "
          f"{ref_pages / ref_s:,.1f} pages/s, peak {ref_mib:,.0f} MiB; pipeline/reference = {ours_s / ref_s:.2f}x "
          f"(target <= 0.34)")  # fmt: skip


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(entry.name)] = int(line.split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(pid, 0) for pid in tree)


DIGITAL = ("tsv", "hwp", "hwpx", "pdf")  # the sample mix of a deadline's digital submissions


def _batch_folder(folder: Path, cards_wanted: int) -> tuple[int, int]:
    """Copies of every digital sample (TSV, HWP, HWPX, PDF) until `cards_wanted`, plus 5% broken files."""
    import random

    samples = [p for fmt in DIGITAL for p in sorted((ROOT / "samples" / fmt).rglob("*")) if p.is_file()]
    with tempfile.TemporaryDirectory() as one:
        for fmt in DIGITAL:
            shutil.copytree(ROOT / "samples" / fmt, Path(one) / fmt)
        per_copy = len(read_folder(one).cards)
    copies = -(-cards_wanted // per_copy)
    for i in range(copies):
        for fmt in DIGITAL:
            shutil.copytree(ROOT / "samples" / fmt, folder / f"deadline{i:04d}" / fmt)
    n_files = copies * len(samples)
    rng = random.Random(7)
    broken = folder / "broken"
    broken.mkdir()
    for i in range(n_files * 5 // 95):
        data = rng.choice(samples).read_bytes()
        kind = i % 3
        if kind == 0:
            data = data[: rng.randrange(1, max(2, len(data) // 2))]
        elif kind == 1:
            data = bytes(rng.randrange(256) for _ in range(2048))
        (broken / f"broken{i:05d}{rng.choice(['.hwp', '.hwpx', '.pdf', '.txt'])}").write_bytes(data)
    return copies * per_copy, n_files + i + 1


def _timed_run(folder: Path, out: Path, flags: list[str]) -> tuple[float, float, str]:
    """Seconds and peak memory (MiB, the whole process tree) of one `cardex` run, and its summary."""
    import subprocess
    import threading

    peak = [0]
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "extract", str(folder), "--out", str(out), "--quiet", "--no-report", "--no-xlsx",
         *flags],  # the report and workbook are timed on their own in bench_report
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(process.pid))
            stop.wait(0.25)

    sampler = threading.Thread(target=sample)
    sampler.start()
    stdout, _ = process.communicate()
    stop.set()
    sampler.join()
    return time.perf_counter() - start, peak[0] / 1024, stdout


def bench_batch(cards_wanted: int) -> None:
    """A national deadline on one machine: `cards_wanted` digital cards with --jobs 2 (target: 10,000
    in 30 s or less), and its peak memory beside a batch a tenth the size (flat: rows are
    streamed to the writer)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        cards, n_files = _batch_folder(folder, cards_wanted)
        small = Path(tmp) / "small"
        small_cards, small_files = _batch_folder(small, max(1, cards_wanted // 10))
        seconds, peak, stdout = _timed_run(folder, Path(tmp) / "out", ["--jobs", "2"])
        print(f"batch: --jobs 2: {n_files:,} files ({cards:,} cards, 5% broken files beside them) in {seconds:.1f} s "
              f"= {cards / seconds:,.0f} cards/s (target: 10,000 cards in <= 30 s); "
              f"peak memory of the process tree {peak:,.0f} MiB")  # fmt: skip
        for line in stdout.strip().splitlines()[:2]:
            print("       " + line.strip())
        print("       " + _interpreter())
        s_small, p_small, _ = _timed_run(small, Path(tmp) / "out-small", ["--jobs", "2"])
        print(f"batch: a tenth of it ({small_files:,} files, {small_cards:,} cards) in {s_small:.1f} s, peak "
              f"{p_small:,.0f} MiB: memory x{peak / max(p_small, 1):.2f} for x{cards / small_cards:.1f} the cards")  # fmt: skip


def _interpreter() -> str:
    """What the batch ran on, beside its figure: cardex is Python on the CPU, so the interpreter's
    build counts (an optimized build, Debian's or python.org's, ran it about 15% faster than an
    unoptimized one built from source), and so does whether the PDF reader's C extension was built."""
    from parsers.pdf import objects

    started = time.perf_counter()
    sum(i * i for i in range(10**7))  # a fixed loop: the interpreter and the machine together
    loop = time.perf_counter() - started
    extension = "built" if objects._fetch_in_c is not None else "not built (no C compiler at install)"
    return (f"Python {platform.python_version()} at {sys.executable}: a fixed loop of 10^7 steps in {loop:.2f} s; "
            f"PDF C extension {extension}")  # fmt: skip


def bench_stages() -> None:
    """Per format, milliseconds per card on one core and where they go: reading the file into the
    document model, card logic, building and validating rows, pickling them between processes,
    and, in the batch's own process, identity (government, duplicates) and writing CSV + Parquet."""
    import pickle

    from extract.cards import ocr_text
    from extract.outputs.writer import OutputFolder
    from extract.run.identity import Identity
    from extract.run.pipeline import _finish, _read, cards_of
    from parsers import detect_format, read_document

    stages = ("read", "cards", "rows", "pickle", "identity", "write")
    for fmt in DIGITAL:
        paths = [p for p in sorted((ROOT / "samples" / fmt).rglob("*")) if p.is_file()]
        for path in paths:  # warm: imports, compiled patterns, the vocabulary
            _finish(_read(path, path.name, None))
        spent = dict.fromkeys(stages, 0.0)
        cards = 0
        with tempfile.TemporaryDirectory() as tmp:
            writer = OutputFolder(Path(tmp) / "out")
            identity = Identity()
            for path in paths:
                t0 = time.perf_counter()
                doc = read_document(path, detect_format(path), ocr_text.hints())
                t1 = time.perf_counter()
                cards += len(cards_of(doc))
                t2 = time.perf_counter()
                result = _read(path, path.name, None)  # again, whole, untimed: its cards for the rows
                t3 = time.perf_counter()
                _finish(result)
                t4 = time.perf_counter()
                rows = pickle.loads(pickle.dumps(result.rows(), protocol=pickle.HIGHEST_PROTOCOL))
                t5 = time.perf_counter()
                rows = identity(rows)
                t6 = time.perf_counter()
                writer.add(rows, validated=True)
                t7 = time.perf_counter()
                for stage, seconds in zip(stages, (t1 - t0, t2 - t1, t4 - t3, t5 - t4, t6 - t5, t7 - t6)):
                    spent[stage] += seconds
            t0 = time.perf_counter()
            writer.commit()
            spent["write"] += time.perf_counter() - t0
        total = sum(spent.values())
        split = ", ".join(f"{stage} {spent[stage] / total:.0%}" for stage in stages)
        print(f"stages: {fmt:<4} {len(paths)} files, {cards} cards: {total * 1000 / cards:.1f} ms/card on one core "
              f"({split})")  # fmt: skip


_MEASURE = """
import sys, time, tracemalloc
from pathlib import Path
from extract.run.pipeline import process_file
process_file(Path(sys.argv[1]), "f")  # warm: regexes compiled, vocabulary loaded
start = time.perf_counter()
row = process_file(Path(sys.argv[1]), "f").file_row
seconds = time.perf_counter() - start
tracemalloc.start()
process_file(Path(sys.argv[1]), "f")
print(seconds, tracemalloc.get_traced_memory()[1] // 1024, row["status"], row["error_code"])
"""


def _measure(path: Path) -> tuple[float, float, str]:
    """Seconds and peak memory (MiB allocated by Python while reading it: tracemalloc) of one file."""
    import subprocess

    out = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], cwd=ROOT, capture_output=True, text=True)
    seconds, kb, status, code = out.stdout.split()
    return float(seconds), int(kb) / 1024, status if code == "None" else code


def bench_shapes() -> None:
    """The hostile shapes of issue 9 next to a normal file of cards of the same byte size."""
    seed = (ROOT / "samples" / "tsv" / "card-geumjeong-1-1-1.txt").read_text(encoding="utf-8")
    shapes = {
        "a line of 1,000,000 tabs": seed + "\t" * 1_000_000 + "\n",
        "a header of 40,000 label cells": seed.replace("공약제목\t", "관리번호\t" * 40_000 + "\n공약제목\t", 1),
        "20,000 interleaved tables": seed + "가\t나\n다\n" * 20_000,
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in shapes.items():
            hostile = Path(tmp) / "hostile.txt"
            hostile.write_text(text, encoding="utf-8")
            size = hostile.stat().st_size
            normal = Path(tmp) / "normal.txt"
            copies = seed * (size // len(seed.encode()) + 1)
            normal.write_bytes(copies.encode()[:size].rsplit(b"\n", 1)[0])
            (t_h, m_h, status_h), (t_n, m_n, _) = _measure(hostile), _measure(normal)
            print(f"shape: {name} ({size:,} bytes): {t_h:.2f} s, {m_h:,.0f} MiB peak ({status_h}); "
                  f"normal cards of the same size {t_n:.2f} s, {m_n:,.0f} MiB; "
                  f"ratio per byte: time {t_h / t_n:.1f}x, memory {max(m_h, 1) / max(m_n, 1):.1f}x")  # fmt: skip


def bench_report(cards_wanted: int = 2000) -> None:
    """report.html and tables.xlsx at `cards_wanted` cards: size, time to write, time for Chromium to open."""
    import shutil as sh
    import subprocess

    import pandas as pd

    from extract.outputs.report import write_report
    from extract.outputs.workbook import write_workbook
    from extract.tables.frames import Tables

    base = read_folder(ROOT / "samples")
    copies = -(-cards_wanted // len(base.cards))
    frames = {}
    for name, df in base.items_by_name():
        frames[name] = pd.concat(
            [df.assign(source_file=df["source_file"].map(lambda s, i=i: f"copy{i:03d}/{s}")) for i in range(copies)],
            ignore_index=True,
        )
    # every copy a distinct card: the samples repeat each card in four formats, which the report
    # would count once, and the measure is of cards shown
    frames["cards"]["duplicate_of"] = pd.Series(
        [None] * len(frames["cards"]), dtype=frames["cards"]["duplicate_of"].dtype
    )
    tables = Tables(**frames)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        page = write_report(tables, Path(tmp) / "report.html")
        t_report = time.perf_counter() - start
        start = time.perf_counter()
        book = write_workbook(tables, Path(tmp) / "tables.xlsx")
        t_book = time.perf_counter() - start
        line = (f"report: {len(tables.cards):,} cards: report.html {page.stat().st_size / 1e6:.1f} MB written in "
                f"{t_report:.1f} s; tables.xlsx {book.stat().st_size / 1e6:.1f} MB in {t_book:.1f} s")  # fmt: skip
        chromium = sh.which("chromium")
        if chromium:
            flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp}/p"]  # fmt: skip
            subprocess.run([chromium, *flags, "--dump-dom", "about:blank"], capture_output=True, timeout=120)
            start = time.perf_counter()
            dom = subprocess.run([chromium, *flags, "--dump-dom", page.as_uri()], capture_output=True, timeout=300)
            t_open = time.perf_counter() - start
            start = time.perf_counter()
            subprocess.run([chromium, *flags, "--dump-dom", "about:blank"], capture_output=True, timeout=120)
            t_blank = time.perf_counter() - start
            ready = b'data-ready="1"' in dom.stdout
            line += (f"; headless Chromium opens it (scripts run, DOM dumped) in {t_open:.1f} s against "
                     f"{t_blank:.1f} s for a blank page; ready={ready}")  # fmt: skip
        else:
            line += "; Chromium not installed, open time not measured"
        print(line)


def _scan_pages(path: Path):
    """The page images of a scan sample, as the readers see them (PDF pages rendered by PDFium)."""
    from PIL import Image, ImageSequence

    from parsers.scan.pixels import render_pdf_page

    if path.suffix == ".pdf":
        import pypdfium2

        count = len(pypdfium2.PdfDocument(str(path)))
        return [render_pdf_page(path, i)[0] for i in range(count)]
    with Image.open(path) as image:
        return [frame.convert("RGB") for frame in ImageSequence.Iterator(image)]


def bench_scan() -> None:
    """Seconds per scanned page: one core in-process, and a batch on two workers (the target
    is 3 s per A4 page at 300 dpi); the reference is Tesseract's own whole-page text."""
    from extract.cli import main as cli
    from parsers.scan.ocr import engine, tesseract

    if (missing := engine().available()) is not None:
        print(f"scan: skipped ({missing})")
        return
    paths = sorted((ROOT / "samples" / "scan").iterdir())
    images = [image for path in paths for image in _scan_pages(path)]
    import tesserocr  # the reference: Tesseract's own whole-page text, no cardex around it

    api = tesserocr.PyTessBaseAPI(path=tesseract.model_path(tesseract.LANG), lang=tesseract.LANG)
    start = time.perf_counter()
    for image in images:
        api.SetPageSegMode(3)
        api.SetImage(image.convert("L"))
        api.GetUTF8Text()
    reference = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        elapsed, cards = _pipeline(ROOT / "samples" / "scan")
        folder = Path(tmp) / "in"
        for i in range(4):
            shutil.copytree(ROOT / "samples" / "scan", folder / f"copy{i}")
        start = time.perf_counter()
        cli([str(folder), "--out", str(Path(tmp) / "out"), "--quiet", "--jobs", "2", "--no-report", "--no-xlsx"])
        batch = time.perf_counter() - start
    pages = len(images)
    print(f"scan: {len(paths)} files, {pages} pages (150-300 dpi), {cards} cards: pipeline {elapsed / pages:.2f} s/page "
          f"on one core; batch of {4 * pages} pages on 2 workers {batch / (4 * pages):.2f} s/page = "
          f"{4 * pages / batch:.2f} pages/s; tesseract whole-page text {reference / pages:.2f} s/page; "
          f"pipeline/reference = {elapsed / reference:.2f}x")  # fmt: skip


def bench_pairs() -> None:
    from tools import bench_pairs as pairs

    pairs.main([])


def main(copies: int = 20, batch_cards: int = 10_000) -> int:
    bench_shapes()
    bench_report()
    bench_tsv(copies)
    bench_hwp(max(1, copies // 4))
    bench_hwpx(copies)
    bench_pdf()
    bench_pairs()
    bench_scan()
    bench_stages()
    if batch_cards:
        bench_batch(batch_cards)
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:])))
