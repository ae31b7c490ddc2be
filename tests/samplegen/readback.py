"""Independent read-back of generated files before they are trusted."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path


def _tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"samplegen: {name} (pyhwp) is needed to check generated HWP files; pip install pyhwp six")
    return found


def hwp5txt(path: Path) -> str:
    result = subprocess.run([_tool("hwp5txt"), str(path)], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"samplegen: pyhwp cannot read {path}: {result.stderr.strip()[-300:]}")
    return result.stdout


def check_hwp(path: Path, n_cards: int) -> None:
    """pyhwp must read the file, and its text must hold every card's title line."""
    text = re.sub(r"\s+", "", hwp5txt(path))
    if text.count("관리카드") != n_cards:
        raise SystemExit(f"samplegen: pyhwp reads {path} but does not find its {n_cards} card title(s)")


def hwpx_texts(path: Path) -> list[str]:
    """Every hp:t text of the package's sections, by plain zipfile + ElementTree."""
    import xml.etree.ElementTree as ET
    import zipfile

    texts = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if re.fullmatch(r"Contents/section\d+\.xml", name):
                root = ET.fromstring(package.read(name))
                texts += ["".join(t.itertext()) for t in root.iter() if t.tag.endswith("}t")]
    return texts


def check_hwpx(path: Path, n_cards: int) -> None:
    text = re.sub(r"\s+", "", "".join(hwpx_texts(path)))
    if text.count("관리카드") != n_cards:
        raise SystemExit(f"samplegen: {path} does not hold its {n_cards} card title(s) as hp:t text")
