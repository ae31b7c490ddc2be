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
    # a period's tilde read as the jamo ㄴ (`(ㄴ2030)`, `2024ㄴ2026`): a lone jamo, between an
    # opening bracket or a year and a year, is the wave it resembles
    (re.compile(r"(?<=[(\d년.])(\s?)ㄴ(?=\s?(?:'\d{2}|(?:19|20)\d{2})(?!\d))"), lambda m: f"{m.group(1)}~"),
    # a lenticular bracket's opening half read as a square one, or as both (`~[임기 후 계속】`,
    # `~[【임기 후 계속】`): what it closes with says which it was
    (re.compile(r"\[【?(?=[^\[\]【】]*】)"), lambda m: "【"),
    # ... or lost (`2022~임기 후 계속】`): after a period's tilde, the words a 】 closes open with 【
    (re.compile(r"(?<=[~∼])(\s?)(?=[가-힣][가-힣\s]*】)(?![^【]*【)"), lambda m: f"{m.group(1)}【"),
    (re.compile(r"(?<=[가-힣]):\s?:"), lambda m: ":"),  # a label's colon read twice (`과장::`)
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


# a year whose first digit was read as 0 (`착수(0024. 1.)`): no card dates anything so
_ZERO_YEAR = re.compile(r"(?<![\d,.])0\d{3}(?=\s?[.년])")
_TRAILING_WORD = re.compile(r"[가-힣]{3,}$")


def doubtful(text: str) -> bool:
    """A line of a scan's page text that a card hardly holds as read: a year 0024, or a line
    ending in a word that is not a known section title but shares half its letters, in place,
    with one of the same length (`5. 랑우계획` for `5. 향후계획`). The reader reads such a line
    again on its own; a title the vocabulary lacks (`추진일정`) reads the same again and stays."""
    squashed = "".join(text.split())
    if _ZERO_YEAR.search(squashed):
        return True
    found = _TRAILING_WORD.search(squashed)
    if found is None:
        return False
    word = found.group(0)
    titles = vocabulary().words("sections", "known")
    if word in titles:
        return False
    return any(
        len(title) == len(word) and 2 * sum(a == b for a, b in zip(title, word)) >= len(word) for title in titles
    )


@cache
def hints() -> TextHints:
    """What the scan reader is told of a card's text: these repairs, the lines it should read
    again (`doubtful`), and the words that make a line of digits a phrase rather than a
    figure: the units (vocabulary `[ocr] unit_words`) and the funds' one-letter names
    (`구29,630)`, the wrapped end of a 소요예산; read as figures, its 구 becomes a 1)."""
    vocab = vocabulary()
    funds = [w for kind in _FUNDS for w in vocab.written("budget", kind) if len(w) == 1]
    return TextHints(repair=repair, unit_words=(*vocab.written("ocr", "unit_words"), *funds), doubtful=doubtful)
