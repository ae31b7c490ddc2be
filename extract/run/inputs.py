"""What a run reads: the files under the input folder, in a stable order, and their content hashes.

The input is a local folder (or file), or, where fsspec is installed (the `dask` extra brings
it), a URL such as `s3://bucket/2026-06/` for storage every worker reaches. A file under a URL
travels as its URL (a `str`); it is fetched to a local temporary copy only where it is read
(`local_copy`), within the same size limit as a local file.
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

MAX_FILE_BYTES = 512 * 1024 * 1024  # a larger file is refused as too_large, wherever it lives
InputPath = Path | str  # a local path, or the URL of a file in remote storage
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+://")

# What office software and operating systems leave beside documents: lock files (Office's `~$`,
# LibreOffice's `.~lock.…#`), thumbnail caches, folder settings, macOS resource forks. Listed in
# `files` as skipped (`not_a_document`), never read, never an error.
LITTER_NAMES = ("~$*", ".~lock.*#", "thumbs.db", "desktop.ini", ".ds_store", "._*", "ehthumbs.db")
LITTER_FOLDERS = ("__macosx",)


def is_litter(source_file: str) -> bool:
    """Is this input path office or OS litter rather than a submission?"""
    *folders, name = source_file.lower().split("/")
    return any(f in LITTER_FOLDERS for f in folders) or any(fnmatch.fnmatchcase(name, p) for p in LITTER_NAMES)


def is_url(path: InputPath) -> bool:
    return isinstance(path, str) and _URL.match(path) is not None


def _filesystem(url: str):
    """fsspec's filesystem for a URL and the path inside it; ImportError without fsspec."""
    import fsspec

    return fsspec.core.url_to_fs(url)


def _open(path: InputPath):
    if is_url(path):
        import fsspec

        return fsspec.open(path, "rb").open()
    return open(path, "rb")


def file_sha256(path: InputPath) -> str:
    digest = hashlib.sha256()
    with _open(path) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_size(path: InputPath) -> int | None:
    """The file's size in bytes, None where it cannot be asked."""
    try:
        if is_url(path):
            fs, inner = _filesystem(path)  # type: ignore[arg-type]
            return int(fs.size(inner))
        return Path(path).stat().st_size
    except Exception:
        return None


@contextlib.contextmanager
def local_copy(path: InputPath) -> Iterator[Path]:
    """The file as a local path: itself, or for a URL a temporary copy (removed afterwards) of at
    most MAX_FILE_BYTES; a larger file raises OverflowError before anything is fetched."""
    if not is_url(path):
        yield Path(path)
        return
    size = file_size(path)
    if size is not None and size > MAX_FILE_BYTES:
        raise OverflowError(size)
    suffix = PurePosixPath(str(path).split("?", 1)[0]).suffix[:16]
    with tempfile.TemporaryDirectory(prefix="cardex-fetch-") as folder:
        local = Path(folder) / f"input{suffix}"
        with _open(path) as src, open(local, "wb") as dst:
            copied = _copy_bounded(src, dst)
        if copied > MAX_FILE_BYTES:
            raise OverflowError(copied)
        yield local


def _copy_bounded(src, dst) -> int:
    """Copy at most MAX_FILE_BYTES + 1 bytes (the one more says the file was larger)."""
    copied = 0
    while copied <= MAX_FILE_BYTES:
        chunk = src.read(min(1 << 20, MAX_FILE_BYTES + 1 - copied))
        if not chunk:
            break
        dst.write(chunk)
        copied += len(chunk)
    return copied


def iter_input_files(root: InputPath, exclude: Iterable[Path] = ()) -> Iterator[tuple[InputPath, str]]:
    """Every regular file under `root`, sorted, with its `/`-separated relative path.

    Every file is listed, hidden ones too (`.DS_Store` becomes a `not_a_document` row, a
    hidden card is read); hidden folders (`.git`, `.cache`) are not entered. A path that
    does not exist raises FileNotFoundError: a typo must not read as an empty deadline.
    """
    if is_url(root):
        yield from _iter_url_files(root)  # type: ignore[arg-type]
        return
    root = Path(root)
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


def _iter_url_files(url: str) -> Iterator[tuple[str, str]]:
    """Every file under a URL as (the file's URL, its path under the URL), in the local walk's
    order, hidden folders skipped as locally."""
    fs, base = _filesystem(url)
    if not fs.exists(base):
        raise FileNotFoundError(f"{url} does not exist")
    if fs.isfile(base):
        yield url, PurePosixPath(base).name
        return
    base = base.rstrip("/")
    found = []
    for inner in fs.find(base):
        relative = inner[len(base) :].lstrip("/")
        if not relative or any(part.startswith(".") for part in relative.split("/")[:-1]):
            continue
        found.append((relative, inner))
    for relative, inner in sorted(found, key=lambda item: _walk_order(item[0])):
        yield fs.unstrip_protocol(inner), relative


def _walk_order(relative: str) -> list[tuple[int, str]]:
    """The order `iter_input_files` walks a local folder in: a folder's own files (sorted) before
    its sub-folders (sorted, each walked the same way), so a URL lists files as its path would."""
    *folders, name = relative.split("/")
    return [(1, folder) for folder in folders] + [(0, name)]
