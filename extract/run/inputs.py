"""What a run reads: the files under the input folder, in a stable order, and their content hashes."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def iter_input_files(root: Path, exclude: Iterable[Path] = ()) -> Iterator[tuple[Path, str]]:
    """Every regular file under `root`, sorted, with its `/`-separated relative path.

    Hidden files and folders (starting with a dot) are skipped: they are
    editor and OS litter (`.DS_Store`, `~$` locks are not), not submissions.
    """
    excluded = {p.resolve() for p in exclude}
    if root.is_file():
        yield root, root.name
        return
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (here / d).resolve() not in excluded)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = here / name
            if not path.is_file():
                continue
            yield path, path.relative_to(root).as_posix()
