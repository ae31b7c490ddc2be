"""Tesseract, through tesserocr, with Debian's Korean model: the first OCR engine.

One engine object per process; Tesseract's API objects are not thread-safe,
so each thread holds its own (one for Korean text, one for figures). The
Korean model is required; the English one, held to the characters of
figures, is a second reader for lines that are mostly digits (`'27~'30`,
`1,345` and `850`, where the Korean model sees `230`, `1375` and `용50`)
and is skipped where it is missing.
"""

from __future__ import annotations

import os
import threading
from functools import cache

import numpy as np
from PIL import Image

from parsers.errors import CardexError
from parsers.scan.ocr import FIGURE_CHARS, Mode, Reading, Symbol, Word

LANG = "kor"
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata")
INSTALL_SENTENCE = (
    "reading scans needs Tesseract OCR with its Korean model: install the Debian packages "
    "tesseract-ocr and tesseract-ocr-kor (and the Python package tesserocr), then run cardex again"
)


def missing(why: str) -> str:
    """The sentence a scan is refused with when OCR cannot run, saying `why`."""
    return f"The file is a scan (page images without text) and {why}; {INSTALL_SENTENCE}."


def model_path(lang: str) -> str | None:
    """The folder holding `lang`.traineddata ($TESSDATA_PREFIX first, then Debian's folders)."""
    for path in [p for p in (os.environ.get("TESSDATA_PREFIX"), *TESSDATA_DIRS) if p]:
        if os.path.exists(os.path.join(path, f"{lang}.traineddata")):
            return path
    return None


class Tesseract:
    name = "tesseract"

    def __init__(self) -> None:
        self._local = threading.local()

    def available(self) -> str | None:
        try:
            self._korean()
        except CardexError as exc:
            return exc.message
        return None

    def version(self) -> str:
        return _version()

    def _korean(self):
        api = getattr(self._local, "api", None)
        if api is not None:
            return api
        try:
            import tesserocr
        except ImportError:
            raise CardexError("no_text_layer", missing("the Python package tesserocr is not installed")) from None
        path = model_path(LANG)
        if path is None:
            raise CardexError("no_text_layer", missing("the Korean model kor.traineddata was not found"))
        api = tesserocr.PyTessBaseAPI(path=path, lang=LANG, psm=tesserocr.PSM.SINGLE_BLOCK)
        self._local.api = api
        return api

    def _figures(self):
        if hasattr(self._local, "figures"):
            return self._local.figures
        import tesserocr

        self._local.figures = None
        path = model_path("eng")
        if path is not None:
            api = tesserocr.PyTessBaseAPI(path=path, lang="eng", psm=tesserocr.PSM.SINGLE_LINE)
            api.SetVariable("tessedit_char_whitelist", FIGURE_CHARS)
            self._local.figures = api
        return self._local.figures

    def read(self, image: Image.Image, mode: Mode, *, with_ink: bool = False) -> Reading:
        import tesserocr
        from tesserocr import RIL

        api = self._korean()
        psm = {"line": tesserocr.PSM.SINGLE_LINE, "column": tesserocr.PSM.SINGLE_COLUMN, "raw": tesserocr.PSM.RAW_LINE}
        api.SetPageSegMode(psm[mode])
        api.SetImage(image)
        api.Recognize()
        iterator = api.GetIterator()
        if iterator is None:
            return Reading("", [], [])
        text = api.GetUTF8Text() or ""
        lines: list[list[Word]] = [[]]
        level = RIL.WORD
        while True:
            try:
                word, box = iterator.GetUTF8Text(level), iterator.BoundingBox(level)
            except RuntimeError:  # an empty element: Tesseract found a blob but no text in it
                word, box = "", None
            if word and box and word.strip():
                lines[-1].append(Word(word.strip(), box, iterator.Confidence(level)))
            if iterator.IsAtFinalElement(RIL.TEXTLINE, level) and lines[-1]:
                lines.append([])
            if not iterator.Next(level):
                break
        words = [line for line in lines if line]
        symbols = _symbols(iterator) if words else []
        # the thresholded image only after the iterator is done with: asking for it re-runs
        # Tesseract's thresholding, and an iterator still walking the old page then reads freed memory
        ink = np.asarray(api.GetThresholdedImage().convert("L")) < 128 if with_ink and words else None
        return Reading(text, words, symbols, ink)

    def read_figures(self, image: Image.Image) -> tuple[str, float] | None:
        figures = self._figures()
        if figures is None:
            return None
        figures.SetImage(image)
        text = figures.GetUTF8Text()
        return text, float(figures.MeanTextConf())


def _symbols(iterator) -> list[list[Symbol]]:
    """The characters Tesseract read, line by line, with their boxes and confidences."""
    from tesserocr import RIL

    iterator.Begin()
    lines: list[list[Symbol]] = [[]]
    while True:
        try:
            text, box = iterator.GetUTF8Text(RIL.SYMBOL), iterator.BoundingBox(RIL.SYMBOL)
        except RuntimeError:
            text, box = "", None
        if text and box and text.strip():
            lines[-1].append(Symbol(text.strip(), box, iterator.Confidence(RIL.SYMBOL)))
        if iterator.IsAtFinalElement(RIL.TEXTLINE, RIL.SYMBOL) and lines[-1]:
            lines.append([])
        if not iterator.Next(RIL.SYMBOL):
            break
    return [line for line in lines if line]


@cache
def _version() -> str:
    """Tesseract's version and the size of each model it reads: an upgrade of either shows."""
    try:
        import tesserocr

        engine = tesserocr.tesseract_version().splitlines()[0]
    except ImportError:
        return "tesseract: not installed"
    models = []
    for lang in (LANG, "eng"):
        path = model_path(lang)
        if path is not None:
            models.append(f"{lang}:{os.path.getsize(os.path.join(path, f'{lang}.traineddata'))}")
    return " ".join([engine, *models])
