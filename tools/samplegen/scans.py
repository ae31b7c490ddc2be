"""`python -m tools.samplegen.scans`: scanned cards, made as a department's scanner would.

The path is independent of cardex: the LibreOffice PDF of a sample card is rendered by
poppler (`pdftoppm`) at the scan's resolution, then degraded with Pillow (a small
rotation, blur, JPEG artefacts, a grey paper tone, a red seal stamped over the header)
and saved as PNG, JPEG, multi-page TIFF or a PDF of page images. Each scan's ground
truth is its source card's (tests/golden/generated/<doc>.json), listed in
tests/golden/scans.json.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from tools.paths import ROOT

OUT = ROOT / "samples" / "scan"
LIST = ROOT / "tests" / "golden" / "scans.json"


@dataclass(frozen=True)
class Scan:
    name: str  # file name under samples/scan/
    source: str  # the sample document (samples/pdf/<source>.pdf, its truth under that name)
    dpi: int
    angle: float  # degrees, counter-clockwise
    blur: float  # Gaussian radius in pixels, 0 for none
    quality: int | None  # JPEG quality where the scan is stored as JPEG
    grey: int = 255  # the paper's tone (255 white)
    stamp: bool = False


SCANS = [
    Scan("gu-single-1.pdf", "gu-single-1", 300, 1.5, 0.0, 60),  # two pages, a PDF of JPEG page images
    Scan("va-single.png", "va-single", 200, -2.5, 0.6, None, grey=225),
    Scan("si-single-2.jpg", "si-single-2", 300, 0.8, 0.5, 45, stamp=True),
    Scan("do-single.jpg", "do-single", 200, 3.0, 0.0, 70),
    Scan("vb-single.png", "vb-single", 300, -1.0, 0.7, None, stamp=True),
    Scan("si-single-1.tif", "si-single-1", 200, 2.0, 0.4, 40, grey=230),  # multi-page TIFF from JPEG pages
    Scan("vc-single.pdf", "vc-single", 300, -0.5, 0.0, 50, grey=235, stamp=True),
]


def render(pdf: Path, dpi: int, work: Path) -> list[Image.Image]:
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise SystemExit("samplegen: pdftoppm (poppler-utils) renders the scans; apt-get install poppler-utils")
    subprocess.run([tool, "-r", str(dpi), "-png", str(pdf), str(work / "page")], check=True, timeout=300)
    return [Image.open(p).convert("RGB") for p in sorted(work.glob("page-*.png"))]


def degrade(page: Image.Image, scan: Scan, rng: random.Random) -> Image.Image:
    if scan.grey < 255:  # a tinted or yellowed sheet: multiply the paper tone in
        tone = Image.new("RGB", page.size, (scan.grey, scan.grey, max(scan.grey - 12, 0)))
        page = Image.composite(page, tone, page.convert("L").point(lambda v: 255 - v))
    if scan.stamp:
        draw = ImageDraw.Draw(page)
        size = int(scan.dpi * 0.9)
        x, y = int(page.width * rng.uniform(0.55, 0.7)), int(scan.dpi * rng.uniform(1.2, 1.8))
        red = (205, 35, 40)
        draw.ellipse((x, y, x + size, y + size), outline=red, width=max(scan.dpi // 40, 3))
        draw.text((x + size // 4, y + size // 3), "SEAL 인", fill=red, font_size=scan.dpi // 6)
    page = page.rotate(scan.angle, resample=Image.BICUBIC, expand=False, fillcolor=(scan.grey,) * 3)
    if scan.blur:
        page = page.filter(ImageFilter.GaussianBlur(scan.blur))
    return page


def jpeg(page: Image.Image, quality: int | None, work: Path, index: int) -> Image.Image:
    """The page as a JPEG decoder gives it back (the artefacts stay in the pixels)."""
    if quality is None:
        return page
    path = work / f"jpeg-{index}.jpg"
    page.save(path, quality=quality)
    return Image.open(path).convert("RGB")


def make(scan: Scan, work: Path) -> Path:
    rng = random.Random(scan.name)
    pages = render(ROOT / "samples" / "pdf" / f"{scan.source}.pdf", scan.dpi, work)
    pages = [jpeg(degrade(p, scan, rng), scan.quality, work, i) for i, p in enumerate(pages)]
    target = OUT / scan.name
    suffix = target.suffix
    if suffix == ".pdf":
        pages[0].save(target, save_all=True, append_images=pages[1:], resolution=scan.dpi, quality=scan.quality or 75)
    elif suffix == ".tif":
        pages[0].save(target, save_all=True, append_images=pages[1:], dpi=(scan.dpi, scan.dpi), compression="tiff_lzw")
    elif suffix == ".jpg":
        pages[0].save(target, quality=scan.quality or 75, dpi=(scan.dpi, scan.dpi))
    else:
        pages[0].save(target, dpi=(scan.dpi, scan.dpi))
    if len(pages) > 1 and suffix not in (".pdf", ".tif"):
        raise SystemExit(f"samplegen: {scan.source} has {len(pages)} pages; a single-image format holds one")
    return target


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    listing = {}
    for scan in SCANS:
        with tempfile.TemporaryDirectory() as tmp:
            make(scan, Path(tmp))
        listing[f"scan/{scan.name}"] = {"truth": scan.source, "dpi": scan.dpi, "angle": scan.angle}
        print(f"samplegen: samples/scan/{scan.name} from {scan.source} at {scan.dpi} dpi")
    LIST.write_text(json.dumps(listing, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
