"""`python -m tools.samplegen.producers`: the same sample cards from other PDF writers and scanners.

Departments' PDFs come from Hangul, print drivers, web systems and re-saving
tools; their scans from every copier. Each rendering here starts from a sample
whose truth is known (tests/golden/generated/<doc>.json) and goes through
independent programs only:
  - rhwp (rhwp-python): the sample's HWPX laid out and written by the
    open-source Hangul renderer (Skia), in three Korean font families;
  - Chromium: an HTML rendering of the HWPX printed to PDF (Skia again, but
    CJK fonts embedded as Type 3 with ToUnicode maps);
  - a print driver: the LibreOffice PDF through poppler's `pdftops` and
    Ghostscript's `ps2pdf`, which re-encodes the fonts without a character
    map (the class the reader must read by OCR);
  - re-saving tools: rhwp's and LibreOffice's PDFs re-written by Ghostscript's
    `pdfwrite`, Chromium's and LibreOffice's by cairo (`pdftocairo -pdf`).
Each PDF is read back by poppler's `pdftotext` (not cardex) and must show the
card's number and title before it is kept. Scans: page images from Ghostscript,
poppler, rhwp and Chromium at 150-300 dpi, grey and colour, hairline, heavy and
double rules, with the degradations of tools/samplegen/scans.py.

Digital renderings are listed in their document's truth file (the ground-truth
test reads them exactly); print-driver PDFs, read by OCR, and the scans are
listed in tests/golden/scans.json and graded like every scan.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from tools.paths import GOLDEN, ROOT, SAMPLES
from tools.samplegen import html, rhwp_pdf, scans

OUT = SAMPLES / "producers"
FONTS = {"nanumgothic": "NanumGothic", "nanummyeongjo": "NanumMyeongjo", "notosans": "Noto Sans CJK KR",
         "notoserif": "Noto Serif CJK KR"}  # fmt: skip


@dataclass(frozen=True)
class Digital:
    route: str  # folder under samples/producers/
    doc: str  # the sample document (its truth under tests/golden/generated/)
    font: str = "nanumgothic"
    via: str = ""  # for a re-saving route: the route whose PDF it re-writes ("" = LibreOffice's)


DIGITAL = [
    Digital("rhwp-nanumgothic", "va-single", "nanumgothic"),
    Digital("rhwp-nanummyeongjo", "gu-single-1", "nanummyeongjo"),
    Digital("rhwp-notosans", "vd-single", "notosans"),
    Digital("rhwp-nanumgothic", "si-many", "nanumgothic"),
    Digital("chromium-notoserif", "vb-single", "notoserif"),
    Digital("chromium-nanumgothic", "si-single-2", "nanumgothic"),
    Digital("chromium-notosans", "gun-many", "notosans"),
    # rules across only, no vertical line: columns read off the text's alignment (parsers/pdf/aligned.py)
    Digital("chromium-across-nanumgothic", "vb-single", "nanumgothic"),
    Digital("chromium-across-notosans", "gu-single-1", "notosans"),
    Digital("chromium-across-notoserif", "si-single-2", "notoserif"),
    Digital("ghostscript", "va-single", via="rhwp-nanumgothic"),
    Digital("ghostscript", "do-single"),
    Digital("cairo", "vb-single", via="chromium-notoserif"),
    Digital("cairo", "gun-single-1"),
]
# rules across only, read in part today: graded per component against floors
# (tests/parsers/test_pdf_aligned.py), not yet listed among the exact renderings of their truth
ACROSS_PARTIAL = [
    Digital("chromium-across-nanumgothic", "gun-many", "nanumgothic"),
]
# through PostScript and back: fonts without a character map, read by OCR (graded as scans)
PRINT_DRIVER = ["vc-single", "si-single-1"]


@dataclass(frozen=True)
class Raster:
    name: str  # file name under samples/scan/
    doc: str
    renderer: str  # ghostscript, poppler, rhwp, chromium
    dpi: int
    rule: str = "0.75pt solid"
    font: str = "nanumgothic"
    grey: bool = False  # a greyscale scan
    angle: float = 0.0
    blur: float = 0.0
    quality: int | None = None
    paper: int = 255
    stamp: bool = False


RASTERS = [
    Raster("gs-hairline-va-single.tif", "va-single", "ghostscript", 150, "0.1pt solid", "notosans", grey=True,
           angle=0.7, paper=235),
    Raster("gs-heavy-gu-single-1.pdf", "gu-single-1", "ghostscript", 250, "1.5pt solid", "nanummyeongjo",
           angle=-1.2, blur=0.4, quality=55),
    Raster("poppler-double-vd-single.tif", "vd-single", "poppler", 300, "2.5pt double", "nanumgothic", grey=True,
           angle=1.0, blur=0.5, stamp=True),
    Raster("rhwp-gun-single-1.tif", "gun-single-1", "rhwp", 200, font="nanumgothic", angle=-0.6, blur=0.3),
    Raster("chromium-hairline-vb-single.pdf", "vb-single", "chromium", 200, "0.1pt solid", "notoserif",
           angle=0.4, quality=70),
    Raster("gs-heavy-do-single.tif", "do-single", "ghostscript", 200, "1.5pt solid", "notosans", grey=True,
           angle=-2.0, blur=0.5, paper=228),
]  # fmt: skip


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"samplegen: {name} is needed for the producer samples: apt-get install {package}")
    return path


def _run(*args: str) -> None:
    subprocess.run(list(args), check=True, capture_output=True, timeout=300)


def chromium_pdf(doc: str, style: html.Style, target: Path) -> None:
    print_html(html.render(SAMPLES / "hwpx" / f"{doc}.hwpx", style), target)


def print_html(page_html: str, target: Path) -> None:
    """Chromium's print-to-PDF (Skia) of an HTML page."""
    browser = _tool("chromium", "chromium")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(page_html, encoding="utf-8")
        _run(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--user-data-dir={tmp}/profile", f"--print-to-pdf={target}", page.as_uri())  # fmt: skip


def write_boxed_head() -> None:
    """The boxed-head fixture (drawings.boxed_head) again from a browser: tables whose `th` row
    is boxed and whose body rows draw no border, one closed by a rule at its foot; then a boxed
    title bar over prose. Read back by pdftotext before it is kept."""
    from tools.samplegen.drawings import BOXED_BODY, BOXED_HEAD
    from tools.samplegen.drawings import OUT as FIXTURES

    def table(foot: bool) -> str:
        head = "".join(f"<th>{text}</th>" for text in BOXED_HEAD)
        body = "".join(
            "<tr>" + "".join(f'<td class="{"n" if k == 2 else ""}">{"<br>".join(cell)}</td>'
                             for k, cell in enumerate(row)) + "</tr>"
            for row in BOXED_BODY
        )  # fmt: skip
        return f'<table class="{"foot" if foot else ""}"><tr>{head}</tr>{body}</table>'

    css = """@page { size: A4; margin: 20mm; }
body { font-family: 'NanumGothic'; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 14pt 0; table-layout: fixed; }
th { border: 0.75pt solid black; background: #ddd; padding: 3pt; font-weight: normal; }
td { padding: 2pt 6pt; vertical-align: top; } td.n { text-align: right; }
table.foot { border-bottom: 1pt solid black; }
.bar { border: 0.75pt solid black; } .bar td { border-right: 0.75pt solid black; }"""
    page = (
        f'<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><style>{css}</style></head><body>'
        f"<p>1. 재원별 예산</p>{table(True)}<p>※ 단위: 백만원</p><p>2. 다음 연도 예산</p>{table(False)}"
        '<p>위 예산은 의회 심의 결과에 따라 달라질 수 있다.</p><table class="bar"><tr><td style="width:8%">1</td>'
        "<td>추진 배경</td></tr></table><p>지방자치단체는 주민의 복리를 증진하기 위하여 공약사항을 체계적으로 "
        "관리하고 그 추진 상황을 정기적으로 공개하여야 하며 이를 위하여 부서별 관리카드를 작성하고 분기마다 "
        "갱신한다.</p></body></html>"
    )
    target = FIXTURES / "boxed-head-chromium.pdf"
    print_html(page, target)
    text = _poppler_text(target)
    missing = [w for w in [*BOXED_HEAD, "12,450", "및 노선 안내 개선", "추진 배경"] if w not in text]
    if missing:
        raise SystemExit(f"{target.name}: pdftotext does not read {missing}")


def ghostscript_pdf(source: Path, target: Path) -> None:
    gs = _tool("gs", "ghostscript")
    _run(gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", f"-sOutputFile={target}", str(source))


def cairo_pdf(source: Path, target: Path) -> None:
    _run(_tool("pdftocairo", "poppler-utils"), "-pdf", str(source), str(target))


def print_driver_pdf(source: Path, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ps = Path(tmp) / "card.ps"
        _run(_tool("pdftops", "poppler-utils"), str(source), str(ps))
        _run(_tool("ps2pdf", "ghostscript"), str(ps), str(target))


def _poppler_text(path: Path) -> str:
    return subprocess.run(
        [_tool("pdftotext", "poppler-utils"), str(path), "-"], check=True, capture_output=True, timeout=120
    ).stdout.decode("utf-8", "replace")


def _pdfminer_text(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def readback(path: Path, doc: str) -> None:
    """An independent reader's text of the PDF (poppler's pdftotext, else pdfminer: poppler
    loses the ASCII glyphs of a Type 3 font cairo re-wrote) must hold each card's number and
    the letters of its title (a title wrapped in its cell comes out interleaved with the next
    cell's text)."""
    truth = json.loads((GOLDEN / "generated" / f"{doc}.json").read_text(encoding="utf-8"))
    for reader in (_poppler_text, _pdfminer_text):
        squashed = "".join(reader(path).split())
        letters = Counter(squashed)
        if all(
            "".join((card["card"]["card_no"] or "").split()) in squashed
            and not Counter("".join((card["card"]["title"] or "").split())) - letters
            for card in truth["cards"]
        ):
            return
    raise SystemExit(f"samplegen: {path.relative_to(ROOT)}: no independent reader finds its cards' numbers and titles")


def write_digital() -> dict[str, list[tuple[str, str]]]:
    """Every digital rendering; returns {doc: [(rendering name, file under samples/)]}."""
    made: dict[str, list[tuple[str, str]]] = {}
    for job in DIGITAL + ACROSS_PARTIAL:
        target = OUT / job.route / f"{job.doc}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        if job.route.startswith("rhwp"):
            rhwp_pdf.write_pdf(SAMPLES / "hwpx" / f"{job.doc}.hwpx", FONTS[job.font], target)
        elif job.route.startswith("chromium"):
            chromium_pdf(job.doc, html.Style(font=FONTS[job.font], across="-across-" in job.route), target)
        else:
            source = OUT / job.via / f"{job.doc}.pdf" if job.via else SAMPLES / "pdf" / f"{job.doc}.pdf"
            (ghostscript_pdf if job.route == "ghostscript" else cairo_pdf)(source, target)
        readback(target, job.doc)
        name = f"pdf-{job.route}" + (f"-from-{job.via}" if job.via else "")
        if job not in ACROSS_PARTIAL:
            made.setdefault(job.doc, []).append((name, str(target.relative_to(SAMPLES))))
        print(f"samplegen: {target.relative_to(ROOT)}")
    return made


def _raster_pages(job: Raster, work: Path) -> list[Image.Image]:
    if job.renderer == "rhwp":
        paths = rhwp_pdf.write_pngs(SAMPLES / "hwpx" / f"{job.doc}.hwpx", FONTS[job.font], work / "page", job.dpi)
        return [Image.open(p).convert("RGB") for p in paths]
    pdf = work / "card.pdf"
    chromium_pdf(job.doc, html.Style(font=FONTS[job.font], rule=job.rule), pdf)
    if job.renderer == "poppler":
        _run(_tool("pdftoppm", "poppler-utils"), "-r", str(job.dpi), "-png", str(pdf), str(work / "page"))
    elif job.renderer == "ghostscript":
        _run(_tool("gs", "ghostscript"), "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=png16m",
             "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", f"-r{job.dpi}", f"-sOutputFile={work}/page-%d.png",
             str(pdf))  # fmt: skip
    else:  # chromium: the printed page rasterised by PDFium, the browser's own PDF engine
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(str(pdf))
        for i in range(len(document)):
            document[i].render(scale=job.dpi / 72).to_pil().save(work / f"page-{i + 1}.png")
        document.close()
    pages = sorted(work.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [Image.open(p).convert("RGB") for p in pages]


def write_rasters() -> dict[str, dict]:
    listing = {}
    for job in RASTERS:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            degrade = scans.Scan(job.name, job.doc, job.dpi, job.angle, job.blur, job.quality, job.paper, job.stamp)
            rng = random.Random(job.name)
            pages = [
                scans.jpeg(scans.degrade(page, degrade, rng), job.quality, work, i)
                for i, page in enumerate(_raster_pages(job, work))
            ]
            if job.grey:
                pages = [page.convert("L") for page in pages]
            target = scans.OUT / job.name
            if target.suffix == ".pdf":  # a PDF of JPEG page images, as a copier's scan-to-PDF writes
                pages[0].save(target, save_all=True, append_images=pages[1:], resolution=job.dpi,
                              quality=job.quality or 75)  # fmt: skip
            elif target.suffix == ".tif":
                pages[0].save(target, save_all=True, append_images=pages[1:], dpi=(job.dpi, job.dpi),
                              compression="tiff_lzw")  # fmt: skip
            else:
                raise SystemExit(f"samplegen: {job.name}: scans of several pages are .pdf or .tif")
        listing[f"scan/{job.name}"] = {"truth": job.doc, "dpi": job.dpi, "angle": job.angle, "renderer": job.renderer}
        print(f"samplegen: samples/scan/{job.name} ({job.renderer}, {job.dpi} dpi, {job.rule})")
    return listing


def write_print_driver() -> dict[str, dict]:
    listing = {}
    for doc in PRINT_DRIVER:
        target = scans.OUT / f"print-driver-{doc}.pdf"
        print_driver_pdf(SAMPLES / "pdf" / f"{doc}.pdf", target)
        listing[f"scan/{target.name}"] = {"truth": doc, "renderer": "print-driver"}
        print(f"samplegen: {target.relative_to(ROOT)} (fonts without a character map: read by OCR)")
    return listing


def main() -> None:
    write_boxed_head()
    made = write_digital()
    for doc, renderings in made.items():
        path = GOLDEN / "generated" / f"{doc}.json"
        truth = json.loads(path.read_text(encoding="utf-8"))
        kept = {k: v for k, v in truth["renderings"].items() if not k.startswith("pdf-")}
        for name, file in renderings:
            kept[name] = {"file": file, "encoding": None, "format": "pdf"}
        truth["renderings"] = kept
        path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    listing_path = GOLDEN / "scans.json"
    listing = json.loads(listing_path.read_text(encoding="utf-8"))
    listing = {k: v for k, v in listing.items() if "renderer" not in v}  # the scans.py ones stay
    listing.update(write_rasters())
    listing.update(write_print_driver())
    listing_path.write_text(json.dumps(listing, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
