"""The slips OCR makes on a card's marks and figures, put right: card knowledge handed to the scan reader.

Tesseract's Korean model reads a phone's `T.` as `1.`, a ○ bullet as `(>`, a
circled number as `(1` or `@`, a cut's △ as `^`, `12,400` as `12.400`. Each
pattern here is narrow enough to be safe on a card; the scan reader applies
them to every recognised line and paragraph through `parsers.scan.hints`,
so the reader itself stays free of what a card looks like.
"""

from __future__ import annotations

import re
from functools import cache

from extract.cards.money import SEPARATOR_SLIP
from extract.vocabulary import vocabulary
from parsers.ordinals import circled
from parsers.scan.hints import TextHints

# OCR's commonest slips in a card, each narrow enough to be safe: (pattern, replacement)
_REPAIRS = [
    # the T. before a phone read as 1. (`신정미 1.2464`, `(1.061-286-4773)`)
    (
        re.compile(r"(?<=[가-힣(])\s?1\.\s?(?=\d{4}\b|\d{2,3}-\d{3,4}-\d{4})"),
        lambda m: " T." if m.group(0)[0] == " " else "T.",
    ),
    (re.compile(r"(?<=[가-힣])\s\.(?=\d{4}\b)"), lambda m: " T."),  # its T lost: `장미란 .4213`
    (re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3})+(?![\d.])"), lambda m: m.group(0).replace(".", ",")),  # 12.400
    (SEPARATOR_SLIP, lambda m: ","),  # 2,842,.000: a comma read as both
    (re.compile(r"^[\^스소AΔ]\s?(?=\d[\d,]*$)"), lambda m: "△"),  # a cut (△210) alone in its cell
    # (숄4972); not `(~2026)` or `('26)`, a year with its mark
    (re.compile(r"\((?:[가-힣]|[^\w\s(~∼〜～\-–'’])\s?(\d{3,4}(?:-\d{4})?)\)"), lambda m: f"(☎{m.group(1)})"),
    (re.compile(r"^(?:[0oO◯]|[<>]\)?:?)(?=\s+[가-힣])"), lambda m: "○"),  # the ○ bullet
    (re.compile(r"^\([<>\-]\)?(?=\s+[가-힣\d])"), lambda m: "○"),  # ○ read as (> or (-
    (re.compile(r"^ㅁ(?=\s)"), lambda m: "□"),  # the □ heading mark
    (re.compile(r"^[\[|](?=\s[가-힣])"), lambda m: "□"),  # ... drawn thin, read as [ or | (`[ 추진개요`)
    (re.compile(r"^(?:\(|0)([1-9])(?=\s+[가-힣])"), lambda m: circled(int(m.group(1)))),  # ① read as (1, 01
    (re.compile(r"^[@©®](?=\s+[가-힣])"), lambda m: "①"),
    # a card number's Roman part read as ones (`111-①-5` for `III-①-5`): before a circled number,
    # which only Roman-numbered templates put second, or as three ones, which no card numbers
    (re.compile(r"^(?:[1lI|]{2,3}(?=-[①-⑳])|[1lI|]{3}(?=-\S+-\S+$))"), lambda m: "I" * len(m.group(0))),
    (
        re.compile(r"^[1lI|]?V[1lI|]{0,3}(?=-\S+-\S+$)"),
        lambda m: re.sub(r"[1l|]", "I", m.group(0)),
    ),  # a circled number read as @: its kind is what counts
    (re.compile(r"^『\s?\*?(?=\s+[가-힣])"), lambda m: "▸"),  # the ▸ bullet (`『 `, `『* `)
    # a lenticular bracket's opening half read as a square one, or as both (`~[임기 후 계속】`,
    # `~[【임기 후 계속】`): what it closes with says which it was
    (re.compile(r"\[【?(?=[^\[\]【】]*】)"), lambda m: "【"),
]

_FUNDS = ("national", "provincial", "city", "local")  # vocabulary `[budget]` lists of fund names

_OPEN_BULLET = re.compile(r"^\(\s?(?=[가-힣])")


def repair(text: str) -> str:
    """Undo the slips Tesseract's Korean model makes on a card's marks and figures."""
    for pattern, replacement in _REPAIRS:
        text = pattern.sub(replacement, text)
    if _OPEN_BULLET.match(text) and text.count("(") > text.count(")"):
        text = _OPEN_BULLET.sub("○ ", text)  # a ○ bullet read as a `(` that nothing closes: `(어르신 기간: …`
    return text


@cache
def hints() -> TextHints:
    """What the scan reader is told of a card's text: these repairs, and the words that make a
    line of digits a phrase rather than a figure: the units (vocabulary `[ocr] unit_words`) and
    the funds' one-letter names (`구29,630)`, the wrapped end of a 소요예산; read as figures,
    its 구 becomes a 1)."""
    vocab = vocabulary()
    funds = [w for kind in _FUNDS for w in vocab.written("budget", kind) if len(w) == 1]
    return TextHints(repair=repair, unit_words=(*vocab.written("ocr", "unit_words"), *funds))
