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


def hwp5xml_text(path: Path) -> str:
    """Every text of pyhwp's XML model of the file, table cells included (hwp5txt shows
    tables only as <표>)."""
    import xml.etree.ElementTree as ET

    result = subprocess.run([_tool("hwp5proc"), "xml", str(path)], capture_output=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"samplegen: pyhwp cannot read {path}: {result.stderr.decode()[-300:]}")
    return "".join(ET.fromstring(result.stdout).itertext())


def _missing(text: str, titles: list[str]) -> list[str]:
    return [t for t in titles if re.sub(r"\s+", "", t) not in text]


def check_hwp(path: Path, n_cards: int, titles: list[str] | None = None) -> None:
    """pyhwp must read the file, and its text must hold every card's title line (or, for
    templates without one, every card's pledge title)."""
    text = re.sub(r"\s+", "", hwp5txt(path) if titles is None else hwp5xml_text(path))
    if titles is not None:
        if _missing(text, titles):
            raise SystemExit(f"samplegen: pyhwp reads {path} but misses {_missing(text, titles)}")
    elif text.count("관리카드") != n_cards:
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


def check_hwpx(path: Path, n_cards: int, titles: list[str] | None = None) -> None:
    text = re.sub(r"\s+", "", "".join(hwpx_texts(path)))
    if titles is not None:
        if _missing(text, titles):
            raise SystemExit(f"samplegen: {path} misses {_missing(text, titles)} as hp:t text")
    elif text.count("관리카드") != n_cards:
        raise SystemExit(f"samplegen: {path} does not hold its {n_cards} card title(s) as hp:t text")


def check_pdf(path: Path, table_across_pages: bool = False, titles: list[str] | None = None) -> None:
    """Poppler's pdftotext (an independent reader) must find the card titles; where asked,
    the budget matrix must really be cut by a page break (its 구분 header on one page, its
    last rows on the next)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        raise SystemExit("samplegen: pdftotext (poppler-utils) is needed to check generated PDFs")
    result = subprocess.run([tool, str(path), "-"], capture_output=True, text=True, timeout=120)
    flat = re.sub(r"\s+", "", result.stdout)
    if titles is not None and result.returncode == 0:
        # a title wrapped in a narrow cell: in content-stream order (-raw) its lines follow each other
        raw = subprocess.run([tool, "-raw", str(path), "-"], capture_output=True, text=True, timeout=120).stdout
        missing = _missing(re.sub(r"\s+", "", raw), titles)
        if missing:
            raise SystemExit(f"samplegen: pdftotext misses {missing} in {path}")
    elif result.returncode != 0 or "관리카드" not in flat:
        raise SystemExit(f"samplegen: pdftotext cannot read the card titles in {path}")
    if table_across_pages:
        pages = result.stdout.split("\f")
        header_page = next((i for i, page in enumerate(pages) if re.search(r"구\s*분", page)), None)
        later = pages[header_page + 1] if header_page is not None and header_page + 1 < len(pages) else ""
        if header_page is None or not re.search(r"\d{1,3}(,\d{3})+", later):
            raise SystemExit(f"samplegen: the budget matrix of {path} is not cut by a page break; adjust SPLIT_MATRIX")
