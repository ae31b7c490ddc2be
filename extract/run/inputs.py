"""What a run reads: the files under the input folder, in a stable order, and their content hashes."""

from __future__ import annotations

import fnmatch
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

# What office software and operating systems leave beside documents: lock files (Office's `~$`,
# LibreOffice's `.~lock.…#`), thumbnail caches, folder settings, macOS resource forks. Listed in
# `files` as skipped (`not_a_document`), never read, never an error.
LITTER_NAMES = ("~$*", ".~lock.*#", "thumbs.db", "desktop.ini", ".ds_store", "._*", "ehthumbs.db")
LITTER_FOLDERS = ("__macosx",)


def is_litter(source_file: str) -> bool:
    """Is this input path office or OS litter rather than a submission?"""
    *folders, name = source_file.lower().split("/")
    return any(f in LITTER_FOLDERS for f in folders) or any(fnmatch.fnmatchcase(name, p) for p in LITTER_NAMES)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def iter_input_files(root: Path, exclude: Iterable[Path] = ()) -> Iterator[tuple[Path, str]]:
    """Every regular file under `root`, sorted, with its `/`-separated relative path.

    Every file is listed, hidden ones too (`.DS_Store` becomes a `not_a_document` row, a
    hidden card is read); hidden folders (`.git`, `.cache`) are not entered. A path that
    does not exist raises FileNotFoundError: a typo must not read as an empty deadline.
    """
    excluded = {p.resolve() for p in exclude}
    if not root.exists():
        raise FileNotFoundError(f"{root} does not exist")
    if root.is_file():
        yield root, root.name
        return
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (here / d).resolve() not in excluded)
        for name in sorted(filenames):
            path = here / name
            if not path.is_file():
                continue
            yield path, path.relative_to(root).as_posix()
