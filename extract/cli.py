"""Command line: `cardex IN --out OUT` and `cardex dump FILE`.

Exit status: 0 when every file is ok, warning or skipped; 1 when any file
errored (the tables are still written); 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from parsers import CardexError, read_document

from .dump import dump
from .output import check_writable, write_tables
from .pipeline import TableBuilder, iter_input_files, process_file
from .tables import TABLE_NAMES


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] == "dump":
            return _dump(argv[1:])
        return _extract(argv)
    except BrokenPipeError:  # `cardex dump FILE | head` is fine, not a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _dump(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="cardex dump", description="Print one file's document model.")
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"cardex dump: {args.file} is not a file", file=sys.stderr)
        return 2
    try:
        doc = read_document(args.file)
    except CardexError as exc:
        print(f"cardex dump: {exc.code}: {exc.message}", file=sys.stderr)
        return 1
    dump(doc, sys.stdout)
    return 0


def _extract(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="cardex",
        description="Extract pledge management cards (공약사항 관리카드) from a folder into tables. "
        "Use 'cardex dump FILE' to see how one file was read.",
    )
    parser.add_argument("input", type=Path, help="folder of submitted cards (or one file)")
    parser.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if not args.input.exists():
        print(f"cardex: input {args.input} does not exist", file=sys.stderr)
        return 2
    try:
        check_writable(args.out)
    except OSError as exc:
        print(f"cardex: cannot write the output folder {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2

    files = list(iter_input_files(args.input, exclude=[args.out]))
    builder = TableBuilder()
    bar = _progress(len(files), args.quiet)
    for path, rel in files:
        if bar is not None:
            bar.set_postfix_str(rel[-40:], refresh=False)
        builder.add(process_file(path, rel))
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    tables = builder.tables()
    try:
        write_tables(tables, args.out)
    except OSError as exc:
        print(f"cardex: writing {args.out} failed: {exc}", file=sys.stderr)
        return 2
    _summary(tables, args.out)
    return 1 if (tables.files["status"] == "error").any() else 0


def _progress(total: int, quiet: bool):
    if quiet:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, disable=None, desc="cardex")


def _summary(tables, out: Path) -> None:
    status = Counter(tables.files["status"])
    n_files = len(tables.files)
    print(
        f"cardex: {n_files} file(s): {status['ok']} ok, {status['warning']} warning, "
        f"{status['error']} error, {status['skipped']} skipped"
    )
    print(
        f"        {len(tables.cards)} card(s), {len(tables.budget)} budget cells, {len(tables.tasks)} tasks, "
        f"{len(tables.items)} items, {len(tables.checks)} failed check(s)"
    )
    failed = tables.files[tables.files["status"] == "error"]
    for _, row in failed.head(10).iterrows():
        print(f"        error  {row['source_file']}: {row['error_code']}: {row['message']}")
    if len(failed) > 10:
        print(f"        … and {len(failed) - 10} more errors (see files.csv)")
    names = ", ".join(TABLE_NAMES)
    print(f"        tables ({names}) written to {out}/ as .csv and .parquet")
