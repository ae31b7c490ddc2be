"""Small PDFs, one per way of drawing a table that Hangul's PDF export uses.

Written by ReportLab (an independent PDF writer), each page draws the same
2 x 3 table of Korean cells in one manner, so a test can tell which
drawing class the reader handles. After writing, each file is read back
by pdfplumber (pdfminer), an independent reader, to prove that the drawing
and the text are what the class says.

    python -m tools.samplegen.drawings      (needs: pip install reportlab)
"""

from __future__ import annotations

from pathlib import Path

from tools.paths import ROOT

OUT = ROOT / "tests" / "fixtures" / "pdf" / "drawing"
FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"

CELLS = [["구분", "사업명", "추진상황"], ["국비", "청년 창업 지원", "정상 추진"]]
X = [80.0, 160.0, 330.0, 480.0]  # column edges
Y = [700.0, 676.0, 652.0]  # row edges, top down (PDF y grows upwards)
SIZE = 10.0


def _canvas(name: str):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "Nanum" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Nanum", FONT))
    c = canvas.Canvas(str(OUT / name), pagesize=(595.0, 842.0))
    c.setFont("Nanum", SIZE)
    return c


def _glyph_by_glyph(c, text: str, x: float, y: float) -> None:
    """Each glyph placed on its own, a space only as a gap (as Hancom PDF writes text)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for ch in text:
        if ch != " ":
            c.drawString(x, y, ch)
        x += stringWidth(ch, "Nanum", SIZE)


def _texts(c, xs=X, ys=Y, cells=CELLS, glyphs: bool = True) -> None:
    for r, row in enumerate(cells):
        for k, text in enumerate(row):
            x, y = xs[k] + 4, ys[r] - 16
            if glyphs:
                _glyph_by_glyph(c, text, x, y)
            else:
                c.drawString(x, y, text)


def _solid(c, xs=X, ys=Y) -> None:
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])


def _dotted_line(c, x0: float, y0: float, x1: float, y1: float, dot: float = 0.8, gap: float = 0.8) -> None:
    """A border as hundreds of short strokes, one path each."""
    length = abs(x1 - x0) + abs(y1 - y0)
    steps = int(length // (dot + gap)) + 1
    for i in range(steps):
        a = min(i * (dot + gap), length)
        b = min(a + dot, length)
        if x0 == x1:
            c.line(x0, y0 - a, x0, y0 - b)
        else:
            c.line(x0 + a, y0, x0 + b, y0)


def dotted() -> None:
    c = _canvas("dotted.pdf")
    c.setLineWidth(0.6)
    for y in Y:
        _dotted_line(c, X[0], y, X[-1], y)
    for x in X:
        _dotted_line(c, x, Y[0], x, Y[-1])
    _texts(c)
    c.save()


def thin_boxes() -> None:
    c = _canvas("thin-boxes.pdf")
    for y in Y:
        c.rect(X[0], y - 0.2, X[-1] - X[0], 0.4, stroke=0, fill=1)
    for x in X:
        c.rect(x - 0.2, Y[-1], 0.4, Y[0] - Y[-1], stroke=0, fill=1)
    _texts(c)
    c.save()


def open_sides() -> None:
    c = _canvas("open-sides.pdf")
    for y in Y:
        c.line(X[0], y, X[-1], y)
    for x in X[1:-1]:  # inner column lines only: no left or right border
        c.line(x, Y[0], x, Y[-1])
    c.line(X[0], 620, X[-1], 620)  # a lone rule below: it closes nothing
    _texts(c)
    c.save()


def shaded() -> None:
    """The header row is shaded; between its cells no border is drawn, only the fills meet."""
    c = _canvas("shaded.pdf")
    c.setFillGray(0.85)
    for k in range(3):
        c.rect(X[k] + 0.5, Y[1], X[k + 1] - X[k] - 1.0, Y[0] - Y[1], stroke=0, fill=1)
    c.setFillGray(0)
    for y in Y:
        c.line(X[0], y, X[-1], y)
    c.line(X[0], Y[0], X[0], Y[-1])
    c.line(X[-1], Y[0], X[-1], Y[-1])
    for x in X[1:-1]:
        c.line(x, Y[1], x, Y[-1])  # inner lines in the body row only
    _texts(c)
    c.save()


def gradient() -> None:
    """The header row is painted with a gradient as Hangul exports one: hairline strips, each
    touching the next, drawn wider than the table and cut to the row by a clip path."""
    c = _canvas("gradient.pdf")
    c.saveState()
    clip = c.beginPath()
    clip.rect(X[0], Y[1], X[-1] - X[0], Y[0] - Y[1])
    c.clipPath(clip, stroke=0, fill=0)
    strip = 0.12
    steps = int((Y[0] - Y[1]) / strip) + 1
    for k in range(steps):
        c.setFillGray(0.55 + 0.4 * k / steps)
        c.rect(X[0] - 60, Y[1] + k * strip, X[-1] - X[0] + 60, strip, stroke=0, fill=1)
    c.restoreState()
    c.setFillGray(0)
    _solid(c)
    _texts(c)
    c.save()


def title_bar() -> None:
    """A title bar as Hangul draws a 1 x 3 table whose thin middle column has no top or bottom
    border: a dark label box, a 5 pt gap, a ruled box. Below it, two tables side by side
    40 pt apart, on the same rows: those stay two."""
    c = _canvas("title-bar.pdf")
    c.setFillColorRGB(0.11, 0.24, 0.38)
    c.rect(80, 676, 60, 24, stroke=1, fill=1)
    c.setFillGray(1)
    _glyph_by_glyph(c, "붙임", 98, 684)
    c.setFillGray(0)
    c.rect(145, 676, 335, 24, stroke=1, fill=0)
    _glyph_by_glyph(c, "과제별 추진일정", 152, 684)
    for x0, texts in ((80.0, ["구분", "내용"]), (300.0, ["연도", "금액"])):
        xs = [x0, x0 + 70, x0 + 180]
        for y in (620.0, 596.0, 572.0):
            c.line(xs[0], y, xs[-1], y)
        for x in xs:
            c.line(x, 620, x, 572)
        for k, text in enumerate(texts):
            _glyph_by_glyph(c, text, xs[k] + 4, 604)
            _glyph_by_glyph(c, "가나", xs[k] + 4, 580)
    c.save()


def framed() -> None:
    """A table inside a one-cell frame, and a lone framed note below."""
    c = _canvas("framed.pdf")
    c.rect(X[0] - 20, Y[-1] - 30, X[-1] - X[0] + 40, Y[0] - Y[-1] + 60)
    c.drawString(X[0] - 10, Y[0] + 14, "총괄표")
    _solid(c)
    _texts(c)
    c.rect(X[0], 540, 200, 30)
    _glyph_by_glyph(c, "참고 사항", X[0] + 6, 551)
    c.save()


def nested() -> None:
    """A 2 x 2 table with a smaller 2 x 2 table inside its second body cell."""
    c = _canvas("nested.pdf")
    xs, ys = [80.0, 200.0, 480.0], [700.0, 676.0, 600.0]
    _solid(c, xs, ys)
    _texts(c, xs, ys, [["구분", "내용"], ["세부", ""]])
    ixs, iys = [220.0, 320.0, 440.0], [664.0, 644.0, 624.0]
    _solid(c, ixs, iys)
    _texts(c, ixs, iys, [["연도", "금액"], ["2025", "1,200"]])
    c.save()


def wrapped() -> None:
    """A cell whose text wraps over two lines inside the cell's width."""
    c = _canvas("wrapped.pdf")
    xs, ys = [80.0, 160.0, 240.0], [700.0, 676.0, 640.0]  # the second line's first word would not fit
    _solid(c, xs, ys)
    _texts(c, xs, ys, [["구분", "내용"], ["목표", ""]])
    _glyph_by_glyph(c, "청년 창업 공간", xs[1] + 4, ys[1] - 14)
    _glyph_by_glyph(c, "조성 완료", xs[1] + 4, ys[1] - 28)
    c.save()


def _centred(c, text: str, x0: float, x1: float, y: float) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _glyph_by_glyph(c, text, (x0 + x1 - stringWidth(text, "Nanum", SIZE)) / 2, y)


def _spread(c, text: str, x0: float, x1: float, y: float, padding: float = 4.0) -> None:
    """Distributed alignment: the letters spread from padding to padding, nothing typed between."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widths = [stringWidth(ch, "Nanum", SIZE) for ch in text]
    gap = (x1 - x0 - 2 * padding - sum(widths)) / (len(text) - 1)
    x = x0 + padding
    for ch, width in zip(text, widths, strict=True):
        c.drawString(x, y, ch)
        x += width + gap


def typed_apart() -> None:
    """Hancom's own export (Producer says so): header words typed letter by letter with a space
    between (`구 분`), centred; below, the same letters spread by distributed alignment."""
    c = _canvas("typed-apart.pdf")
    c.setProducer("Hancom PDF 1.3.0.542")
    _solid(c)
    for k, text in enumerate(["구 분", "사 업 명", "추 진 상 황"]):
        _centred(c, text, X[k], X[k + 1], Y[0] - 16)
    _spread(c, "국비", X[0], X[1], Y[1] - 16)
    _centred(c, "청년 창업 지원", X[1], X[2], Y[1] - 16)
    _spread(c, "정상추진", X[2], X[3], Y[1] - 16)
    c.save()


def _justified(c, text: str, x0: float, x1: float, y: float) -> None:
    """A full line of a justified paragraph: the word gaps widened until it reaches `x1`."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = text.split(" ")
    inked = sum(stringWidth(w, "Nanum", SIZE) for w in words)
    gap = (x1 - x0 - inked) / max(len(words) - 1, 1)
    x = x0
    for word in words:
        _glyph_by_glyph(c, word, x, y)
        x += stringWidth(word, "Nanum", SIZE) + gap


def char_wrap() -> None:
    """Hangul wraps Korean by character or by word, per paragraph, and its PDF does not say which.
    Row 1 breaks inside `동의자의` (its first line filled to the edge), which row 2 writes on one
    line; row 3 breaks at the space of `개략적인 내용을`, written nowhere as one word; in the narrow
    column, two short lines spread edge to edge (distributed alignment) were never one full line,
    though row 2 writes `룩셈부르크`."""
    c = _canvas("char-wrap.pdf")
    c.setProducer("Hancom PDF 1.3.0.542")
    xs, ys = [80.0, 160.0, 330.0, 390.0], [700.0, 676.0, 640.0, 616.0, 580.0]
    _solid(c, xs, ys)
    _texts(c, xs, ys, [["구분", "내용", "지역"], ["근거", "", ""], ["비고", "동의자의 서명", "룩셈부르크"], ["개요"]])
    _justified(c, "토지등소유자 동의 시 동", xs[1] + 4, xs[2] - 4, ys[1] - 14)
    _glyph_by_glyph(c, "의자의 본인 확인", xs[1] + 4, ys[1] - 28)
    _justified(c, "사업시행예정자 사업의 개략적인", xs[1] + 4, xs[2] - 4, ys[3] - 14)
    _glyph_by_glyph(c, "내용을 포함", xs[1] + 4, ys[3] - 28)
    _spread(c, "룩셈", xs[2], xs[3], ys[3] - 14)
    _spread(c, "부르크", xs[2], xs[3], ys[3] - 28)
    c.save()


def underlined() -> None:
    """A revision table (현행 | 개정안): the new text underlined line by line, each underline as
    long as its justified line (which stops a point short of the borders, as Hangul's narrow
    padding leaves it), and a deleted phrase struck through."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c = _canvas("underlined.pdf")
    xs, ys = [80.0, 240.0, 400.0], [700.0, 676.0, 600.0]
    _solid(c, xs, ys)
    _texts(c, xs, ys, [["현 행", "개 정 안"]])
    lines = [
        "제4조(사업시행예정자의 결정 및",
        "변경 등) ① 복합개발사업을 추진",
        "하려는 토지등소유자는 동의를",
        "받아야 한다.",
    ]
    left, right = xs[1] + 1, xs[2] - 1
    for k, text in enumerate(lines):
        y = ys[1] - 16 - 14 * k
        if k < len(lines) - 1:
            _justified(c, text, left, right, y)
            end = right
        else:
            _glyph_by_glyph(c, text, left, y)
            end = left + stringWidth(text, "Nanum", SIZE)
        c.line(left, y - 1.5, end, y - 1.5)
    _glyph_by_glyph(c, "<신 설>", xs[0] + 4, ys[1] - 16)
    c.line(xs[0] + 4, ys[1] - 12.5, xs[0] + 4 + stringWidth("<신 설>", "Nanum", SIZE), ys[1] - 12.5)  # struck
    c.save()


def slanted() -> None:
    """Hangul slants italic text by shearing each glyph's matrix (its baseline stays level), as
    an answer key's question numbers are; a label turned a quarter is rotated text, not italic."""
    c = _canvas("slanted.pdf")
    xs, ys = [80.0, 140.0, 200.0, 260.0, 320.0], [700.0, 676.0, 652.0]
    _solid(c, xs, ys)
    rows = [["1", "⑤", "2", "③"], ["3", "②", "4", "①"]]
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            x, y = xs[k] + 4, ys[r] - 16
            if k % 2 == 0:  # the question number, italic: shear 0.333 (Hangul's slant)
                t = c.beginText()
                t.setFont("Nanum", SIZE)
                t.setTextTransform(1, 0, 0.333, 1, x, y)
                t.textOut(text)
                c.drawText(t)
            else:
                c.drawString(x, y, text)
    c.saveState()
    c.translate(60, 652)
    c.rotate(90)
    c.drawString(0, 0, "정답표")  # beside the table, turned: never a cell's text
    c.restoreState()
    c.save()


def first_line_indent() -> None:
    """A paragraph whose first line stands 5 pt in from the rest (들여쓰기), its bullet there;
    the next lines start at the cell's padding, left of the first. A second paragraph opens with
    its own bullet."""
    c = _canvas("first-line-indent.pdf")
    xs, ys = [80.0, 160.0, 470.0], [700.0, 676.0, 610.0]
    _solid(c, xs, ys)
    _texts(c, xs, ys, [["구분", "내용"], ["인력 변동"]])
    left, right = xs[1] + 4, xs[2] - 4
    _justified(c, "• 사업 참여 인원은 사업수행계획서의 초기 투입인력계획에 근거하여", left + 5, right, ys[1] - 16)
    _glyph_by_glyph(c, "승인 받은 인원만 투입한다.", left, ys[1] - 30)
    _glyph_by_glyph(c, "• 교체 시 즉시 보고한다.", left + 5, ys[1] - 44)
    c.save()


def syllable_wrap() -> None:
    """Broken inside a word that the document writes nowhere else: `보호하 / 고자`. The syllables
    either side, `하고`, stand inside words elsewhere (`확인하고 점검하고`) and never across a
    space; `계획 / 수립` breaks at a space, and `획수` is inside no word."""
    c = _canvas("syllable-wrap.pdf")
    c.setProducer("Hancom PDF 1.3.0.542")
    xs, ys = [80.0, 160.0, 330.0], [700.0, 676.0, 640.0, 616.0, 580.0]
    _solid(c, xs, ys)
    _texts(c, xs, ys, [["구분", "내용"], ["목적", ""], ["방법", "확인하고 점검하고 공유하고"], ["일정"]])
    _justified(c, "개인정보를 안전하게 보호하", xs[1] + 4, xs[2] - 4, ys[1] - 14)
    _glyph_by_glyph(c, "고자 한다.", xs[1] + 4, ys[1] - 28)
    _justified(c, "관계 기관과 협의하여 세부 계획", xs[1] + 4, xs[2] - 4, ys[3] - 14)
    _glyph_by_glyph(c, "수립 예정", xs[1] + 4, ys[3] - 28)
    c.save()


def _condensed(c, text: str, x: float, y: float, after_mark: float) -> None:
    """Hangul's condensed letter spacing (each letter 0.05 em closer), a word gap of 0.45 em,
    and the space after a leading mark narrowed to `after_mark` em."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for k, word in enumerate(text.split(" ")):
        for ch in word:
            c.drawString(x, y, ch)
            x += stringWidth(ch, "Nanum", SIZE) - 0.05 * SIZE
        x += (after_mark if k == 0 and len(word) == 1 else 0.45) * SIZE


def mark_gap() -> None:
    """A label mark (㉠) or bullet (○) drawn from a font whose advance for it is wider than the
    one Hangul laid out with: the space after it shrinks to 0.17 em, under a word gap. A run of
    marks (`○○ 고등학교`) is one word."""
    c = _canvas("mark-gap.pdf")
    c.setProducer("Hancom PDF 1.3.0.542")
    xs, ys = [80.0, 400.0], [700.0, 650.0]
    _solid(c, xs, ys)
    _condensed(c, "㉠ 대부분의 사회에는 고유한 의례가 있다.", xs[0] + 4, ys[0] - 16, 0.17)
    _condensed(c, "○ ○○ 고등학교 학생을 관찰함.", xs[0] + 4, ys[0] - 32, 0.17)
    c.save()


def stacked() -> None:
    """Two tables one above the other, 2.9 pt apart: their side borders nearly meet, yet they are two."""
    c = _canvas("stacked.pdf")
    _solid(c)
    _texts(c)
    low = [y - (Y[0] - Y[-1]) - 2.9 for y in Y]
    _solid(c, X, low)
    _texts(c, X, low, [["연도", "금액", "비고"], ["2025", "1,200", "확정"]])
    c.save()


def _ruled_rows(c, xs: list[float], top: float, rows: list[list[str]], height: float = 24.0) -> float:
    """Rows of cells under one another from `top` (PDF y), each row with its own column edges."""
    for row in rows:
        edges = xs if len(row) == len(xs) - 1 else [xs[0], xs[1], xs[2], 400.0, xs[3]]
        c.line(edges[0], top - height, edges[-1], top - height)
        for x in edges:
            c.line(x, top, x, top - height)
        for k, text in enumerate(row):
            _glyph_by_glyph(c, text, edges[k] + 4, top - 16)
        top -= height
    return top


def split_header() -> None:
    """A table cut by a page break: two header rows, repeated on the second page, and a last row
    whose right cell is split in two, so the parts show different inner column lines."""
    c = _canvas("split-header.pdf")
    body = [[f"사업{i}", f"{i * 10}", f"{i * 5}"] for i in range(1, 25)]

    def header(top: float) -> float:
        c.line(X[0], top, X[-1], top)
        c.line(X[1], top - 24, X[-1], top - 24)  # under "예산" only: "구분" spans both rows
        for x in (X[0], X[1], X[-1]):
            c.line(x, top, x, top - 48)
        c.line(X[2], top - 24, X[2], top - 48)
        c.line(X[0], top - 48, X[-1], top - 48)
        _glyph_by_glyph(c, "구분", X[0] + 4, top - 28)
        _glyph_by_glyph(c, "예산", X[1] + 4, top - 16)
        _glyph_by_glyph(c, "국비", X[1] + 4, top - 40)
        _glyph_by_glyph(c, "시비", X[2] + 4, top - 40)
        return top - 48

    _ruled_rows(c, X, header(700.0), body)  # down to 76 pt above the page's foot
    c.showPage()
    c.setFont("Nanum", SIZE)
    _ruled_rows(
        c, X, header(800.0), [["사업25", "250", "125"], ["사업26", "260", "130"], ["합계", "3,510", "130", "추정"]]
    )
    c.save()


def cut_sentence() -> None:
    """Revision tables whose one big row Hangul cut at the page's foot. Page 1 to 2: the right
    cell's sentence runs on under the repeated header, the left cell empty below; the next row
    opens a new article (`제5조`), a row of its own. Page 3 to 4: both cells' sentences run on
    (`…데이터통합` / `관리 플랫폼을`, `…정치적ㆍ경제적` / `ㆍ사회적`)."""
    c = _canvas("cut-sentence.pdf")
    xs = [80.0, 240.0, 480.0]

    def header(top: float) -> float:
        c.line(xs[0], top, xs[-1], top)
        return _ruled_rows(c, xs, top, [["현 행", "개 정 안"]])

    def cut_row(cells: list[list[str]]) -> None:
        top = header(700.0)
        c.line(xs[0], 76.0, xs[-1], 76.0)
        for x in xs:
            c.line(x, top, x, 76.0)
        for k, lines in enumerate(cells):
            for n, text in enumerate(lines):
                _glyph_by_glyph(c, text, xs[k] + 4, top - 16 - 14 * n)
        c.showPage()
        c.setFont("Nanum", SIZE)

    cut_row(
        [
            ["<신 설>"],
            ["제4조(사업시행예정자의 결정) 토지등소유자는", "동의를 받아야 하며, 그 밖에 필요한 사항은 시장ㆍ"],
        ]
    )
    _ruled_rows(c, xs, header(800.0), [["", "군수등이 정하여 고시한다."], ["<신 설>", "제5조(공고) 시장은 공고한다."]])
    c.showPage()
    c.setFont("Nanum", SIZE)
    cut_row(
        [
            ["제18조(플랫폼) 장관은 데이터를", "관리할 수 있도록 데이터통합"],
            ["제18조(플랫폼) 장관은 정치적ㆍ", "사회적 문제를 위하여 경제적"],
        ]
    )
    _ruled_rows(c, xs, header(800.0), [["관리 플랫폼을 운영한다.", "ㆍ문화적 플랫폼을 운영한다."]])
    c.save()


def offset_frames() -> None:
    """The table's right border at x=480; lower on the page, a box whose side stands 1.4 pt to
    its right and a dotted rule 1.4 pt further: strokes that a snap could chain into one
    column of lines, which must not move the table's border."""
    c = _canvas("offset-frames.pdf")
    _solid(c)
    _texts(c)
    c.rect(300.0, 400.0, X[-1] + 1.4 - 300.0, 60.0)  # the box, right side at 481.4
    _glyph_by_glyph(c, "참고", 310.0, 425.0)
    _dotted_line(c, X[-1] + 2.8, 300.0, X[-1] + 2.8, 380.0)
    c.save()


def ended_early() -> None:
    """A table ending mid-page, and the next page opening with a table of the same columns:
    the first did not reach the page's foot, so the two are two tables."""
    c = _canvas("ended-early.pdf")
    _solid(c)
    _texts(c)
    c.showPage()
    c.setFont("Nanum", SIZE)
    top = [800.0, 776.0, 752.0]
    _solid(c, X, top)
    _texts(c, X, top, [["연도", "금액", "비고"], ["2025", "1,200", "확정"]])
    for i, y in enumerate(range(720, 60, -20)):
        _glyph_by_glyph(c, f"본문 {i + 1}번째 줄", X[0], y)
    c.save()


def off_page() -> None:
    """A table of few rows cut at the page's foot (page 1: a header and five rows under the
    text; page 2: the header again and two rows), and on page 3 a table run off the page's
    bottom edge, as a document saved with a row too tall for its page shows it. Where the
    page break cuts is read from how low the pages reach: content past the edge is no guide."""
    c = _canvas("off-page.pdf")
    for i, y in enumerate(range(800, 210, -20)):
        _glyph_by_glyph(c, f"본문 {i + 1}번째 줄", X[0], y)
    head = [["연도", "금액", "비고"]]
    c.line(X[0], 196.0, X[-1], 196.0)
    _ruled_rows(c, X, 196.0, head + [[f"{2020 + i}", f"{(i + 1) * 100:,}", "확정"] for i in range(5)])
    c.showPage()
    c.setFont("Nanum", SIZE)
    c.line(X[0], 800.0, X[-1], 800.0)
    _ruled_rows(c, X, 800.0, head + [["2025", "600", "추정"], ["2026", "700", "추정"]])
    for i, y in enumerate(range(700, 600, -20)):
        _glyph_by_glyph(c, f"다음 글 {i + 1}번째 줄", X[0], y)
    c.showPage()
    c.setFont("Nanum", SIZE)
    c.line(X[0], 100.0, X[-1], 100.0)
    _ruled_rows(c, X, 100.0, [["구분", "내용", "비고"], ["가", "나", "다"], ["라", "마", "바"], ["사", "아", "자"],
                             ["차", "카", "타"], ["파", "하", "끝"]])  # fmt: skip
    c.save()


def ink() -> None:
    """Text objects for the ink test of objects left out of PDFium's text page: a run of space
    glyphs (no box at all), glyphs in the invisible render mode (a box and no ink: Hangul's
    blank of space glyphs has such a box), and visible digits."""
    c = _canvas("ink.pdf")
    c.setFont("Helvetica", 10)
    c.drawString(40, 740, "          ")
    hidden = c.beginText(40, 700)
    hidden.setTextRenderMode(3)
    hidden.textLine("34")
    hidden.setTextRenderMode(0)  # the text state outlives the text object
    c.drawText(hidden)
    c.drawString(40, 660, "12")
    c.save()


def _right(c, text: str, x1: float, y: float) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _glyph_by_glyph(c, text, x1 - 4 - stringWidth(text, "Nanum", SIZE), y)


def banded() -> None:
    """A budget table whose sub-accounts stand under their total with no border between them
    (one ruled band, right-aligned amounts), and a row whose centred label wraps beside two bullets."""
    c = _canvas("banded.pdf")
    c.setProducer("Hancom PDF 1.3.0.542")
    xs, ys = [80.0, 160.0, 300.0, 440.0], [700.0, 676.0, 622.0, 582.0]
    _solid(c, xs, ys)
    for k, text in enumerate(["구분", "2025", "2026"]):
        _glyph_by_glyph(c, text, xs[k] + 4, ys[0] - 16)
    band = [("예산지출", "57,549", "66,657"), ("·일반회계", "51,469", "59,082"), ("·특별회계", "6,080", "△7,576")]
    for i, (label, a, b) in enumerate(band):
        y = ys[1] - 14 - 16 * i
        _glyph_by_glyph(c, label, xs[0] + 4, y)
        _right(c, a, xs[2], y)
        _right(c, b, xs[3], y)
    _centred(c, "주제별", xs[0], xs[1], ys[2] - 15)
    _centred(c, "구술발화", xs[0], xs[1], ys[2] - 31)
    _glyph_by_glyph(c, "· 분량: 120시간", xs[1] + 4, ys[2] - 15)
    _glyph_by_glyph(c, "· 결과물: 음성 파일", xs[1] + 4, ys[2] - 31)
    c.save()


def overprinted() -> None:
    """A fake bold (each label drawn again 0.4 pt to the right) and a dot leader of overlapping
    dots: copies PDFium's text page merges into the glyph it keeps, so they are not text the
    reader missed (no second reading), and each shows once."""
    c = _canvas("overprinted.pdf")
    _solid(c)
    for r, row in enumerate(CELLS):
        for k, text in enumerate(row):
            x, y = X[k] + 4, Y[r] - 16
            _glyph_by_glyph(c, text, x, y)
            if r == 0:
                _glyph_by_glyph(c, text, x + 0.4, y)
    x = 80.0
    c.drawString(x, 600, "목 차")
    for k in range(60):  # leader dots 3 pt apart, each drawn over its neighbours' boxes
        c.drawString(130 + 3 * k, 600, "·")
    c.drawString(130 + 3 * 60 + 6, 600, "12")
    c.save()


def _clipped_cell(c, box: tuple[float, float, float, float], text: str = "", even_odd: bool = False) -> None:
    """A cell as Hangul's export draws one: its content clipped to its box, no border. The box is
    written as `re` or, as Hangul writes it, as a closed four-point path (`m l l l h W* n`)."""
    from reportlab.pdfgen.canvas import FILL_EVEN_ODD

    x0, y0, x1, y1 = box
    c.saveState()
    path = c.beginPath()
    if even_odd:
        path.moveTo(x0, y1)
        path.lineTo(x1, y1)
        path.lineTo(x1, y0)
        path.lineTo(x0, y0)
        path.close()
    else:
        path.rect(x0, y0, x1 - x0, y1 - y0)
    c.clipPath(path, stroke=0, fill=0, fillMode=FILL_EVEN_ODD if even_odd else None)
    if text:
        _glyph_by_glyph(c, text, x0 + 4, y0 + (y1 - y0 - SIZE) / 2 + 2)
    c.restoreState()


def _clipped_row(c, xs: list[float], y0: float, y1: float, texts: list[str], even_odd: bool = False) -> None:
    for k, text in enumerate(texts):
        _clipped_cell(c, (xs[k], y0, xs[k + 1], y1), text, even_odd)


def clipped() -> None:
    """Tables Hangul draws without rules, whose cells show only as the clip each cell's content is
    drawn through: an approval header (1 x 4), a 2 x 3 table with an empty cell, an exam's answer
    choices (1 x 10, tight), and a ruled box whose inner border is hidden (`①` | `규제영역`)."""
    c = _canvas("clipped.pdf")
    c.setProducer("Hancom PDF 1.3.0.542")
    _clipped_row(
        c,
        [80.0, 140.0, 300.0, 350.0, 510.0],
        700.0,
        718.0,
        ["보도시점", "2025. 6. 21. 11:00", "배포", "2025. 6. 21. 09:00"],
    )
    xs = [80.0, 180.0, 330.0, 480.0]
    _clipped_row(c, xs, 640.0, 660.0, ["구분", "사업명", "추진상황"], even_odd=True)
    _clipped_row(c, xs, 620.0, 640.0, ["국비", "청년 창업 지원", ""], even_odd=True)
    choices = ["①", "ㄱ", "②", "ㄴ", "③", "ㄱ, ㄴ", "④", "ㄴ, ㄷ", "⑤", "ㄱ, ㄴ, ㄷ"]
    widths = [14.0, 40.0] * 5
    edges = [80.0]
    for w in widths:
        edges.append(edges[-1] + w)
    _clipped_row(c, edges, 560.0, 576.0, choices)
    c.rect(80.0, 500.0, 400.0, 20.0)  # ruled outside, the border between the two cells hidden
    _clipped_row(c, [80.0, 100.0, 480.0], 500.0, 520.0, ["①", "규제영역"], even_odd=True)
    c.save()


def clipped_not_cells() -> None:
    """Clips that are not cells: the page's body (a justified paragraph drawn through it), a running
    header in the top margin (two clipped boxes side by side), a picture clipped to its own frame
    with its caption clipped just below, and a short label clipped in a drawing. A wide box clipped
    alone (a one-cell table Hangul draws without a border) is a table."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    c = _canvas("clipped-not-cells.pdf")
    c.setProducer("Hancom PDF 1.3.0.542")
    _clipped_row(c, [60.0, 400.0, 535.0], 790.0, 805.0, ["2025년 학회논문지 제1호", "1"])
    c.saveState()
    body = c.beginPath()
    body.rect(0, 0, 595.0, 842.0)
    c.clipPath(body, stroke=0, fill=0)
    _justified(c, "도시재생 사업은 주민과 함께 추진하며 그 결과를 공개한다.", 80.0, 480.0, 740.0)
    c.restoreState()
    picture = (80.0, 560.0, 280.0, 700.0)
    c.saveState()
    frame = c.beginPath()
    frame.rect(picture[0], picture[1], picture[2] - picture[0], picture[3] - picture[1])
    c.clipPath(frame, stroke=0, fill=0)
    image = Image.new("RGB", (40, 28), (90, 140, 200))
    c.drawImage(ImageReader(image), picture[0], picture[1], picture[2] - picture[0], picture[3] - picture[1])
    c.restoreState()
    _clipped_cell(c, (80.0, 540.0, 280.0, 560.0), "그림 1 사업 구역도")
    _clipped_cell(c, (360.0, 640.0, 410.0, 656.0), "요철띠")
    _clipped_cell(c, (80.0, 460.0, 480.0, 500.0), "본 지침은 도로 교통의 안전을 위한 것이다.")
    c.save()


def running_boxes() -> None:
    """Running headers and footers drawn as tables, over five pages. Pages 1-2 open with Hangul's
    header area (`수학 영역` clipped to a wide box, no border); every page ends with a ruled 1 x 2
    footer whose second cell is the page number. Pages 3-4 open with a ruled `현 행 | 개 정 안`
    head, the same words on both (a table repeated, not furniture); page 5 opens with a ruled
    one-cell box of its own (`제1장 총칙`, a table); page 2 has a one-cell box mid-page."""
    c = _canvas("running-boxes.pdf")
    c.setProducer("Hancom PDF 1.3.0.542")
    for number in range(1, 6):
        c.setFont("Nanum", SIZE)
        if number <= 2:
            _clipped_cell(c, (100.0, 772.0, 495.0, 800.0), "수학 영역")
        elif number <= 4:
            c.line(80.0, 800.0, 515.0, 800.0)
            _ruled_rows(c, [80.0, 300.0, 515.0], 800.0, [["현 행", "개 정 안"]])
        else:
            c.line(80.0, 800.0, 515.0, 800.0)
            _ruled_rows(c, [80.0, 515.0], 800.0, [["제1장 총칙"]])
        _glyph_by_glyph(c, f"본문 {number}쪽의 첫 문단입니다.", 80.0, 740.0)
        if number == 2:
            c.line(80.0, 600.0, 515.0, 600.0)
            _ruled_rows(c, [80.0, 515.0], 600.0, [["※ 참고: 시행령 제5조"]])
        _glyph_by_glyph(c, f"본문 {number}쪽의 끝 문단입니다.", 80.0, 300.0)
        c.line(80.0, 70.0, 515.0, 70.0)
        _ruled_rows(c, [80.0, 440.0, 515.0], 70.0, [["주간 업무 보고", str(number)]], height=20.0)
        c.showPage()
    c.save()


def _rule(c, x0: float, x1: float, y: float, width: float = 0.5) -> None:
    c.setLineWidth(width)
    c.line(x0, y, x1, y)


HALF_RULED = [
    ["구분", "사업명", "2025년", "2026년", "비고"],
    ["국비", "청년 창업 지원", "1,200", "1,500", "계속"],
    ["도비", "스마트 버스정류장 설치", "300", "450", "신규"],
    ["구비", "마을 도서관 운영", "80", "95", ""],
    ["기타", "민간 협력", "10", "20", "검토"],
]
HALF_X = [60.0, 120.0, 290.0, 370.0, 450.0, 535.0]  # where each column's text starts (and the rules end)


def half_ruled() -> None:
    """Tables with horizontal rules only, no vertical line (aligned.py): a heavy top rule, one
    under the header and one at the foot, body rows unruled and figures right-aligned; then a
    table ruled under every row whose header spans two year columns (`연도별 계획`)."""
    c = _canvas("half-ruled.pdf")
    c.drawString(60, 780, "1. 재원별 투자계획")
    x0, x1 = HALF_X[0] - 4, HALF_X[-1]
    _rule(c, x0, x1, 765, 1.2)
    y = 749.0
    for r, row in enumerate(HALF_RULED):
        for k, text in enumerate(row):
            if 2 <= k <= 3 and r > 0:
                c.drawRightString(HALF_X[k + 1] - 12, y, text)
            elif 2 <= k <= 3:  # a year's head centred over its figures
                c.drawCentredString((HALF_X[k] + HALF_X[k + 1] - 12) / 2, y, text)
            else:
                c.drawString(HALF_X[k], y, text)
        if r == 0:
            _rule(c, x0, x1, y - 8)
            y -= 24
        else:
            y -= 18
    _rule(c, x0, x1, y + 8, 1.2)
    c.drawString(60, y - 20, "※ 단위: 백만원")
    top = y - 60
    c.drawString(60, top + 16, "2. 과제별 일정")
    _rule(c, x0, x1, top, 1.2)
    c.drawString(60, top - 15, "과제")
    c.drawString(200, top - 15, "담당")
    c.drawCentredString(432, top - 15, "연도별 추진 계획 (2025 ~ 2026)")  # one head over both years
    y = top - 22
    _rule(c, x0, x1, y)
    for task, who, a, b in [("공원 조성", "공원녹지과", "설계", "착공"), ("도로 확장", "도로과", "보상", "준공"),
                            ("청사 이전", "총무과", "부지 선정", "설계")]:  # fmt: skip
        c.drawString(60, y - 15, task)
        c.drawString(200, y - 15, who)
        c.drawString(330, y - 15, a)
        c.drawString(440, y - 15, b)
        y -= 22
        _rule(c, x0, x1, y)
    c.save()


BOXED_X = [60.0, 130.0, 310.0, 420.0, 530.0]  # column edges of the boxed header rows
BOXED_HEAD = ["구분", "사업명", "예산(백만원)", "비고"]
BOXED_BODY = [
    [["국비"], ["청년 창업 지원"], ["1,200"], ["계속"]],
    [["도비"], ["스마트 버스정류장 설치", "및 노선 안내 개선"], ["300"], ["신규"]],
    [["시비"], ["공원 조성"], ["12,450"], [""]],
    [["기타"], ["주민 참여 예산"], ["80"], ["검토"]],
]


def _boxed_head(c, top: float, shaded: bool = True) -> float:
    """A header row drawn as a box with its column lines (Hangul, office suites: the head ruled
    and shaded, the body left open); returns its bottom."""
    if shaded:
        c.setFillGray(0.85)
        c.rect(BOXED_X[0], top - 22, BOXED_X[-1] - BOXED_X[0], 22, stroke=0, fill=1)
        c.setFillGray(0)
    c.setLineWidth(0.6)
    c.rect(BOXED_X[0], top - 22, BOXED_X[-1] - BOXED_X[0], 22, stroke=1, fill=0)
    for x in BOXED_X[1:-1]:
        c.line(x, top, x, top - 22)
    for k, text in enumerate(BOXED_HEAD):
        c.drawCentredString((BOXED_X[k] + BOXED_X[k + 1]) / 2, top - 15, text)
    return top - 22


def _open_rows(c, top: float) -> float:
    """BOXED_BODY under a boxed head, no rule: labels left, figures right-aligned, a wrapped
    name's second line under its first; returns the last line's baseline."""
    y = top - 16
    for row in BOXED_BODY:
        height = max(len(cell) for cell in row)
        for k, cell in enumerate(row):
            for n, text in enumerate(cell):
                if k == 2:
                    c.drawRightString(BOXED_X[k + 1] - 8, y - 14 * n, text)
                else:
                    c.drawString(BOXED_X[k] + 6, y - 14 * n, text)
        y -= 14 * height + 6
    return y + 20


def boxed_head() -> None:
    """Tables whose header row is boxed and whose body is open (aligned.open_bodies): one closed
    by a rule at its foot, one ended by a paragraph after a blank line; then what stands under a
    boxed row and is no table: prose under a title bar (`1 │ 추진 배경`), and a hanging-indent
    list under a boxed head of two cells."""
    c = _canvas("boxed-head.pdf")
    c.drawString(60, 800, "1. 재원별 예산")
    baseline = _open_rows(c, _boxed_head(c, 790.0))
    _rule(c, BOXED_X[0], BOXED_X[-1], baseline - 8, 0.8)
    c.drawString(60, baseline - 24, "※ 단위: 백만원")
    c.drawString(60, baseline - 60, "2. 다음 연도 예산")
    baseline = _open_rows(c, _boxed_head(c, baseline - 70, shaded=False))
    c.drawString(60, baseline - 34, "위 예산은 의회 심의 결과에 따라 달라질 수 있으며 확정되면 다시 알린다.")
    top = baseline - 80
    c.rect(60, top - 22, 470, 22)  # a title bar: a number and a title, boxed
    c.line(90, top, 90, top - 22)
    c.drawString(70, top - 15, "1")
    c.drawString(100, top - 15, "추진 배경")
    prose = [
        "지방자치단체는 주민의 복리를 증진하기 위하여 공약사항을 체계적으로 관리하고",
        "그 추진 상황을 정기적으로 공개하여야 하며 이를 위하여 부서별 관리카드를",
        "작성하고 분기마다 갱신한다.",
    ]
    for n, text in enumerate(prose):
        c.drawString(64, top - 40 - 16 * n, text)
    top -= 110
    c.rect(60, top - 22, 470, 22)
    c.line(200, top, 200, top - 22)
    c.drawString(70, top - 15, "추진 절차")
    c.drawString(210, top - 15, "세부 내용")
    items = [("1.", "부서별 관리카드를 작성하여 기획부서에 제출한다."), ("", "제출 기한은 분기 종료 후 10일까지로 한다."),
             ("2.", "기획부서는 제출된 카드를 검토하여 보완을 요청한다."), ("", "보완된 카드는 누리집에 공개한다.")]  # fmt: skip
    for n, (mark, text) in enumerate(items):
        if mark:
            c.drawString(64, top - 40 - 16 * n, mark)
        c.drawString(84, top - 40 - 16 * n, text)
    c.save()


def ruled_prose() -> None:
    """What stands between horizontal rules and is no table: a justified paragraph, a list with
    hanging indents, and a page set in two columns, each under a heading between rules."""
    c = _canvas("ruled-prose.pdf")
    x0, x1 = 56.0, 540.0
    paragraph = [
        "지방자치단체는 주민의 복리를 증진하기 위하여 공약사항을 체계적으로 관리하고 그 추진",
        "상황을 정기적으로 공개하여야 하며 이를 위하여 부서별 관리카드를 작성하고 분기마다",
        "갱신한다 이 경우 예산 확보 현황과 집행 실적을 함께 적어 주민이 쉽게 확인할 수 있도록",
        "하여야 하고 변경된 사항은 그 사유와 함께 공개한다",
    ]
    top = 790.0
    for heading, body in [("가. 추진 원칙", "justified"), ("나. 세부 절차", "hanging"), ("다. 참고 사항", "columns")]:
        _rule(c, x0, x1, top, 1.0)
        c.drawString(x0 + 4, top - 15, heading)
        _rule(c, x0, x1, top - 22)
        y = top - 38
        if body == "justified":
            for k, line in enumerate(paragraph):
                if k < len(paragraph) - 1:
                    _justified(c, line, x0 + 4, x1 - 4, y)
                else:
                    _glyph_by_glyph(c, line, x0 + 4, y)
                y -= 16
        elif body == "hanging":
            for number, lines in [("1.", ["관리카드는 주관부서가 작성하여 기획예산과에 제출한다", "제출된 카드는 기획예산과가 취합한다"]),
                                  ("2.", ["변경 사항이 있으면 사유를 적는다", "사유가 없는 변경은 반려한다"])]:  # fmt: skip
                c.drawString(x0 + 4, y, number)
                for line in lines:
                    c.drawString(x0 + 22, y, line)
                    y -= 16
        else:
            left = ["왼쪽 단의 첫째 줄입니다", "왼쪽 단의 둘째 줄입니다", "왼쪽 단의 셋째 줄입니다"]
            right = ["오른쪽 단의 첫째 줄입니다", "오른쪽 단의 둘째 줄입니다", "오른쪽 단의 셋째 줄입니다"]
            for a, b in zip(left, right):
                c.drawString(x0 + 4, y, a)
                c.drawString(310, y, b)
                y -= 16
        _rule(c, x0, x1, y + 6, 1.0)
        top = y - 30
    c.save()


MAKERS = [
    half_ruled,
    ruled_prose,
    boxed_head,
    overprinted,
    ink,
    dotted,
    thin_boxes,
    open_sides,
    shaded,
    framed,
    nested,
    wrapped,
    typed_apart,
    stacked,
    split_header,
    ended_early,
    off_page,
    banded,
    gradient,
    title_bar,
    char_wrap,
    underlined,
    cut_sentence,
    offset_frames,
    slanted,
    first_line_indent,
    syllable_wrap,
    mark_gap,
    clipped,
    clipped_not_cells,
    running_boxes,
]


def read_back(path: Path) -> dict:
    """What pdfplumber sees: the text and the count of strokes and boxes."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        return {"text": page.extract_text(), "lines": len(page.lines), "rects": len(page.rects)}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for make in MAKERS:
        make()
    seen = {p.name: read_back(p) for p in sorted(OUT.glob("*.pdf"))}

    def has(name: str, words: str) -> bool:  # glyphs placed one by one: pdfplumber may read no space
        return "".join(words.split()) in "".join(seen[name]["text"].split())

    assert seen["dotted.pdf"]["lines"] > 500, seen["dotted.pdf"]
    assert seen["thin-boxes.pdf"]["lines"] == 0 and seen["thin-boxes.pdf"]["rects"] == 7
    assert seen["shaded.pdf"]["rects"] == 3
    assert seen["gradient.pdf"]["rects"] > 100
    assert seen["clipped.pdf"]["lines"] == 0 and seen["clipped.pdf"]["rects"] == 1  # only the ruled box
    assert has("clipped.pdf", "보도시점") and has("clipped.pdf", "규제영역")
    assert seen["clipped-not-cells.pdf"]["lines"] == seen["clipped-not-cells.pdf"]["rects"] == 0
    assert has("running-boxes.pdf", "수학 영역") and has("running-boxes.pdf", "주간 업무 보고")
    assert seen["half-ruled.pdf"]["lines"] == 8 and has("half-ruled.pdf", "스마트 버스정류장 설치")
    assert seen["ruled-prose.pdf"]["lines"] == 9 and has("ruled-prose.pdf", "오른쪽 단의 셋째 줄입니다")
    assert seen["boxed-head.pdf"]["lines"] == 9 and has("boxed-head.pdf", "및 노선 안내 개선")
    assert seen["off-page.pdf"]["lines"] > 20 and has("off-page.pdf", "2024 500 확정")
    assert has("ink.pdf", "12")
    for name, found in seen.items():
        assert found["text"].strip(), name
        print(f"{name}: {found['lines']} strokes, {found['rects']} boxes; text: {found['text'].splitlines()[0]!r}")


if __name__ == "__main__":
    main()
