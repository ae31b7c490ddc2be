"""Command line: `cardex IN --out OUT` and `cardex dump FILE`.

Exit status: 0 when every file is ok, warning or skipped; 1 when any file
errored (the tables are still written); 2 for a usage error, or when there
was nothing to read (no file, or no card where an earlier output exists,
which is kept); 130 when interrupted (the previous outputs are left as
they were).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections import Counter
from functools import partial
from pathlib import Path

from extract.cards import ocr_text
from extract.dump import dump
from extract.tables.schema import TABLE_NAMES
from parsers import CardexError, read_document


def main(argv: list[str] | None = None) -> int:
    """`cardex [extract] IN`, `cardex dump|compare|report|workbook|review …`, `cardex help [CMD]`,
    `cardex --version`. A first word that is an existing path is always the input: a folder
    named `report` is read, not taken for the command."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in ("--version", "-V"):
            from extract import __version__

            print(f"cardex {__version__}")
            return 0
        if argv and argv[0] == "help":
            return _help(argv[1:])
        if argv and argv[0] in COMMANDS and not Path(argv[0]).exists():
            return COMMANDS[argv[0]][0](argv[1:])
        return _extract(argv)
    except BrokenPipeError:  # `cardex dump FILE | head` is fine, not a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _review(argv: list[str]) -> int:
    """`cardex review OUT`: the review queue of a run's folder as review.xlsx, a corrections sheet."""
    parser = argparse.ArgumentParser(
        prog="cardex review",
        description="Write review.xlsx from a run's output folder: what needs a look, each with a corrections "
        "row to check and fill in; pass the sheet back with 'cardex IN --corrections review.xlsx'.",
    )
    parser.add_argument("folder", type=Path, help="a run's output folder")
    parser.add_argument("--out", type=Path, help="where to write (default: FOLDER/review.xlsx)")
    args = parser.parse_args(argv)
    from extract.outputs.load import load_tables
    from extract.outputs.review import review_queue, write_review

    try:
        tables = load_tables(args.folder)
        path = write_review(tables, args.out or args.folder / "review.xlsx")
    except OSError as exc:
        print(f"cardex review: {exc.filename or args.folder}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"cardex review: {len(review_queue(tables)):,} thing(s) to look at, written to {path}")
    return 0


def _help(argv: list[str]) -> int:
    """`cardex help` lists the commands; `cardex help CMD` prints that command's options."""
    if not argv:
        print("usage: cardex [extract] IN [--out OUT] …  |  cardex COMMAND …\ncommands:")
        for name, (_, what) in sorted(COMMANDS.items()):
            print(f"  {name:<9} {what}")
        print("'cardex help COMMAND' prints a command's options; 'cardex --version' the version.")
        return 0
    if argv[0] not in COMMANDS:
        print(f"cardex help: no command {argv[0]!r}; commands: {', '.join(sorted(COMMANDS))}", file=sys.stderr)
        return 2
    try:
        return COMMANDS[argv[0]][0](["--help"])
    except SystemExit as done:  # argparse prints the help and exits 0
        return int(done.code or 0)


def _dump(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="cardex dump", description="Print one file's document model.")
    parser.add_argument("file", type=Path)
    parser.add_argument(
        "--debug",
        type=Path,
        metavar="OUTDIR",
        help="PDF only: write a PNG per page with the ruling lines, cells and words the reader found",
    )
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"cardex dump: {args.file} is not a file", file=sys.stderr)
        return 2
    if args.debug is not None:
        return _debug(args.file, args.debug)
    try:
        doc = read_document(args.file, hints=ocr_text.hints())  # what the pipeline reads
    except CardexError as exc:
        print(f"cardex dump: {exc.code}: {exc.message}", file=sys.stderr)
        return 1
    dump(doc, sys.stdout)
    return 0


def _debug(path: Path, out_dir: Path) -> int:
    from parsers import detect_format
    from parsers.pdf.debug import write_debug_pages

    if detect_format(path) != "pdf":
        print(f"cardex dump: --debug draws PDF pages; {path.name} is not a PDF", file=sys.stderr)
        return 2
    try:
        written = write_debug_pages(path, out_dir)
    except CardexError as exc:
        print(f"cardex dump: {exc.code}: {exc.message}", file=sys.stderr)
        return 1
    except Exception as exc:  # a page that cannot be rendered: say so, no traceback
        print(f"cardex dump: the pages could not be drawn ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 1
    print(f"cardex dump: {len(written)} page image(s) in {out_dir}: grey = strokes as drawn, green = ruling lines, "
          "orange = open table sides closed, red = cells, blue = words")  # fmt: skip
    return 0


def _rebuild(what: str, argv: list[str]) -> int:
    """`cardex report OUTDIR` / `cardex workbook OUTDIR`: made again from a run's Parquet files."""
    parser = argparse.ArgumentParser(prog=f"cardex {what}", description=f"Rebuild {what} from an output folder.")
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    from extract.outputs.extras import write_extras

    try:
        written = write_extras(args.folder, report=what == "report", xlsx=what == "workbook")
    except OSError as exc:
        print(f"cardex {what}: {args.folder}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"cardex {what}: wrote {written[0]}")
    return 0


def _compare(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="cardex compare",
        description="What changed between two deadlines: two output folders in, a changes table out "
        "(with the new run's tables, tables.xlsx and report.html).",
    )
    parser.add_argument("old", type=Path, help="output folder of the earlier deadline")
    parser.add_argument("new", type=Path, help="output folder of the later deadline")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (may be NEW itself)")
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--no-xlsx", action="store_true")
    args = parser.parse_args(argv)
    from extract.outputs.extras import write_changes

    try:
        tables = write_changes(args.old, args.new, args.out, report=not args.no_report, xlsx=not args.no_xlsx)
    except OSError as exc:
        print(f"cardex compare: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    kinds = Counter(tables.changes["kind"]) if tables.changes is not None else Counter()
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "no change"
    print(f"cardex compare: {len(tables.changes):,} change(s): {summary}; written to {args.out}/")
    return 0


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="cardex",
        description="Extract pledge management cards (공약사항 관리카드) from a folder into tables. "
        "Also: 'cardex dump FILE' (how one file was read), 'cardex compare OLD NEW --out DIR' (what changed "
        "between two deadlines), 'cardex report DIR' and 'cardex workbook DIR' (rebuilt from a run's folder).",
    )
    parser.add_argument(
        "input", help="folder of submitted cards (or one file); with fsspec installed, a URL such as s3://bucket/path/"
    )
    parser.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (default: number of cores)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds allowed per file (default: 60)")
    parser.add_argument("--memory", type=int, default=1024, help="memory limit per worker in MiB (default: 1024)")
    parser.add_argument(
        "--executor", choices=["local", "dask"], default=None,
        help="where files are read: 'local' worker processes (the default) or a Dask cluster "
        "(needs pip install 'cardex[dask]'; without --scheduler, a local cluster of --jobs workers)",
    )  # fmt: skip
    parser.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="the Dask scheduler to send files to, such as tcp://HOST:8786 (implies --executor dask)",
    )  # fmt: skip
    parser.add_argument("--cache", type=Path, help="reuse results of unchanged files kept in this folder")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--no-report", action="store_true", help="do not write report.html")
    parser.add_argument("--no-xlsx", action="store_true", help="do not write tables.xlsx")
    parser.add_argument(
        "--government-from",
        choices=["folder"],
        help="'folder': the first folder under the input names each file's government (부산 금정구/…)",
    )
    parser.add_argument(
        "--governments",
        type=Path,
        metavar="FILE",
        help="CSV of path prefix or glob, government: each file's government",
    )
    parser.add_argument(
        "--corrections", type=Path, metavar="FILE",
        help="an analyst's corrections (CSV, or the corrections sheet of review.xlsx), applied on every run",
    )  # fmt: skip
    parser.add_argument(
        "--allow-empty",
        action="store_true",
        help="write the tables even when no card was read (otherwise an existing output folder is kept)",
    )
    return parser.parse_args(argv)


class _Interrupted(BaseException):
    """SIGTERM, raised like KeyboardInterrupt so no `except Exception` can swallow it."""


def _on_sigterm(signum, frame) -> None:
    raise _Interrupted()


def _extract(argv: list[str]) -> int:
    args = _arguments(argv)
    from extract.run.inputs import is_url, iter_input_files

    if not is_url(args.input):
        args.input = Path(args.input)
        if not args.input.exists():
            print(f"cardex: input {args.input} does not exist", file=sys.stderr)
            return 2
    if args.jobs < 0 or args.timeout <= 0 or args.memory < 0:
        print("cardex: --jobs, --timeout and --memory must be positive", file=sys.stderr)
        return 2
    from extract.outputs.writer import OutputFolder, check_writable
    from extract.run.batch import run_batch
    from extract.run.cache import ResultCache
    from extract.run.corrections import Corrections, read_corrections
    from extract.run.identity import GovernmentContext, Identity, read_mapping

    if args.executor == "local" and args.scheduler:
        print("cardex: --scheduler sends files to a Dask cluster; it cannot go with --executor local", file=sys.stderr)
        return 2
    try:
        executor = _executor(args)
    except ImportError:
        print("cardex: --executor dask needs Dask: pip install 'cardex[dask]'", file=sys.stderr)
        return 2

    try:
        mapping = read_mapping(args.governments) if args.governments else []
    except (OSError, ValueError) as exc:
        print(f"cardex: --governments: {exc}", file=sys.stderr)
        return 2
    try:
        corrections = (
            Corrections(read_corrections(args.corrections), args.corrections.name) if args.corrections else None
        )
    except (OSError, ValueError) as exc:
        print(f"cardex: --corrections: {exc}", file=sys.stderr)
        return 2
    identity = Identity(GovernmentContext(from_folder=args.government_from == "folder", mapping=mapping))

    try:
        check_writable(args.out)
        cache = ResultCache(args.cache) if args.cache else None
    except OSError as exc:
        print(f"cardex: cannot write {exc.filename or args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2

    try:
        files = list(iter_input_files(args.input, exclude=[args.out] + ([args.cache] if args.cache else [])))
    except ImportError:
        print(f"cardex: reading {args.input} needs fsspec (and the package for its storage, such as s3fs): "
              "pip install 'cardex[dask]'", file=sys.stderr)  # fmt: skip
        return 2
    except (OSError, ValueError) as exc:  # a URL that does not exist, an unknown protocol
        print(f"cardex: input {args.input}: {exc}", file=sys.stderr)
        return 2
    if not files and not args.allow_empty:
        print(f"cardex: {args.input} holds no file to read; {_kept(args.out)} (--allow-empty writes empty tables)",
              file=sys.stderr)  # fmt: skip
        return 2
    summary = _Summary()
    bar = _progress(len(files), args.quiet)
    started = time.monotonic()
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    folder = None
    try:
        folder = OutputFolder(args.out)

        def on_result(rows: dict[str, list[dict]]) -> None:
            folder.add(rows, validated="files" in rows)  # run_batch hands on validated rows only
            summary.add(rows)

        def on_progress(source_file: str) -> None:
            if bar is not None:
                bar.set_postfix_str(source_file[-40:], refresh=False)
                bar.update(1)

        reused = run_batch(
            files, on_result, executor=executor, cache=cache, on_progress=on_progress,
            annotate=identity if corrections is None else lambda rows: corrections(identity(rows)),
        )  # fmt: skip
        if corrections is not None and (leftovers := corrections.leftovers()):
            on_result(leftovers)  # corrections for files not in this run: stale, said so
        if not (summary.status["ok"] or summary.status["warning"]) and not args.allow_empty and args.out.exists():
            folder.abort()
            summary.print(None, reused, time.monotonic() - started)
            print(f"cardex: no card was read from the {len(files)} file(s) in {args.input} (every one was skipped "
                  f"or failed); {_kept(args.out)} (--allow-empty replaces it)", file=sys.stderr)  # fmt: skip
            return 2
        from extract.outputs.extras import write_extras

        def extras(staging: Path) -> None:
            # the tables are the contract: a failure in the workbook or the report never costs them
            try:
                write_extras(staging, report=not args.no_report, xlsx=not args.no_xlsx)
            except Exception as exc:
                note = "the tables are complete; rebuild them with 'cardex report/workbook OUT'"
                print(f"cardex: tables.xlsx/report.html not written ({type(exc).__name__}: {exc}); {note}",
                      file=sys.stderr)  # fmt: skip

        folder.commit(extras)
        if any(folder.dropped.values()):
            dropped = ", ".join(f"{n} {name}" for name, n in folder.dropped.items() if n)
            print(f"cardex: rows no table could hold were left out ({dropped}); please report it", file=sys.stderr)
    except (KeyboardInterrupt, _Interrupted):
        if folder is not None:
            folder.abort()
        print(f"\ncardex: interrupted; {args.out} was left as it was", file=sys.stderr)
        return 130
    except OSError as exc:
        if folder is not None:
            folder.abort()
        print(f"cardex: writing {args.out} failed: {exc}", file=sys.stderr)
        return 2
    finally:
        signal.signal(signal.SIGTERM, previous)
        if bar is not None:
            bar.close()
    summary.print(args.out, reused, time.monotonic() - started)
    return 1 if summary.status["error"] else 0


def _executor(args: argparse.Namespace):
    """Local child processes, or a Dask cluster (ImportError where Dask is not installed)."""
    limits = {"jobs": args.jobs, "timeout": args.timeout, "memory_mb": args.memory}
    if args.executor == "dask" or args.scheduler:
        import distributed  # noqa: F401 - fail here, before any file is read, when the extra is missing

        from extract.run.executors.cluster import DaskCluster

        return DaskCluster(args.scheduler, **limits)
    from extract.run.executors.local import LocalProcesses

    return LocalProcesses(**limits)


def _kept(out: Path) -> str:
    return f"the previous tables in {out} were left as they were" if out.exists() else f"nothing was written to {out}"


def _progress(total: int, quiet: bool):
    if quiet:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, disable=None, desc="cardex")


class _Summary:
    """Counts kept while rows stream past, so nothing has to stay in memory."""

    def __init__(self) -> None:
        self.status: Counter = Counter()
        self.counts: Counter = Counter()
        self.errors: list[tuple[str, str, str]] = []

    def add(self, rows: dict[str, list[dict]]) -> None:
        for name in TABLE_NAMES:
            self.counts[name] += len(rows.get(name, []))
        for row in rows.get("files", []):
            self.status[row["status"]] += 1
            if row["status"] == "error":
                self.errors.append((row["source_file"], row["error_code"], row["message"]))

    def print(self, out: Path | None, reused: int, seconds: float) -> None:
        s = self.status
        print(
            f"cardex: {self.counts['files']} file(s) in {seconds:.1f} s: {s['ok']} ok, {s['warning']} warning, "
            f"{s['error']} error, {s['skipped']} skipped; {reused} reused from the cache"
        )
        print(
            f"        {self.counts['cards']} card(s), {self.counts['budget']} budget cells, "
            f"{self.counts['tasks']} tasks, {self.counts['items']} items, {self.counts['checks']} failed check(s)"
        )
        for source_file, code, message in self.errors[:10]:
            print(f"        error  {source_file}: {code}: {message}")
        if len(self.errors) > 10:
            print(f"        … and {len(self.errors) - 10} more errors (see files.csv)")
        if out is not None:
            print(f"        tables ({', '.join(TABLE_NAMES)}) written to {out}/ as .csv and .parquet, "
                  "with tables.xlsx and report.html unless turned off")  # fmt: skip


# name -> (what runs it, what it does)
COMMANDS = {
    "extract": (_extract, "read a folder of cards into tables (the default: 'cardex IN' is 'cardex extract IN')"),
    "dump": (_dump, "how one file was read: its document model and where cards and sections start"),
    "compare": (_compare, "what changed between two deadlines' output folders"),
    "report": (partial(_rebuild, "report"), "rebuild report.html from an output folder"),
    "workbook": (partial(_rebuild, "workbook"), "rebuild tables.xlsx from an output folder"),
    "review": (_review, "write review.xlsx: what needs a look, as corrections to fill in (read back by --corrections)"),
}
