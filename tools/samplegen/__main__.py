"""`make samples`: write every sample card and its ground truth.

Documents (one or several cards) are drawn from a fixed seed, rendered in
each format under samples/<format>/, and their expected rows written to
tests/golden/generated/<document>.json, which also lists the rendering of
each format, so one truth file checks that every format gives the same rows.
"""

from __future__ import annotations

import json
import random
import sys

from tools.paths import GOLDEN, ROOT, SAMPLES
from tools.samplegen import hostile, hwp, hwpx, pdf, tsv, variants
from tools.samplegen.flow import PageBreak, document_flow
from tools.samplegen.readback import check_hwp, check_hwpx, check_pdf
from tools.samplegen.truth import STATUSES, TruthCard, expected, make_card

GENERATED = GOLDEN / "generated"


# (document id, encoding, newline, cards) -- cards as (template, options)
def documents(rng: random.Random) -> list[tuple[str, str, str, list[TruthCard]]]:
    docs = []
    n = 0

    def card(template: str, **options) -> TruthCard:
        nonlocal n
        n += 1
        return make_card(rng, template, n, **options)

    statuses = iter(STATUSES * 3)
    docs.append(("gu-single-1", "utf-8", "\n", [card("gu", status=next(statuses))]))
    docs.append(("si-single-1", "utf-8-sig", "\r\n", [card("si", status=next(statuses))]))
    docs.append(("gun-single-1", "cp949", "\r\n", [card("gun", status=next(statuses))]))
    docs.append(("gu-single-2", "utf-16", "\r\n", [card("gu", status=next(statuses))]))
    docs.append(("si-single-2", "utf-16-le", "\n", [card("si", status=next(statuses))]))
    docs.append(("gun-nonbudget", "utf-8", "\n", [card("gun", status=next(statuses), non_budget=True)]))
    docs.append(("gu-many", "utf-8", "\n", [card("gu", status=next(statuses)) for _ in range(4)]))
    docs.append(("si-many", "cp949", "\r\n", [card("si", status=next(statuses)) for _ in range(3)]))
    rest = list(STATUSES)
    docs.append(("gun-many", "utf-8-sig", "\n", [card("gun", status=rest[i]) for i in range(8, 12)]))
    docs.append(("gu-faults", "utf-8", "\n", [
        card("gu", fault="wrong_row_total"),
        card("gu", fault="header_total"),
        card("gu", fault="completed_low_progress"),
    ]))  # fmt: skip
    docs.append(("si-faults", "cp949", "\r\n", [card("si", fault="wrong_row_total"), card("si", non_budget=True)]))
    docs.append(("gun-fault", "utf-16", "\n", [card("gun", fault="completed_low_progress")]))
    # 도지사 template: Roman section numbers, 억원, a matrix without row groups, circled task numbers
    docs.append(("do-single", "utf-8", "\n", [card("do")]))
    docs.append(("do-many", "cp949", "\r\n", [card("do") for _ in range(3)]))
    docs.append(("do-fault", "utf-8-sig", "\n", [card("do", fault="wrong_row_total")]))
    return docs


# PDF documents whose budget matrix is pushed down (blank lines) until a page break cuts it:
# 시장 template repeats the header row on the new page, 구청장 template does not.
SPLIT_MATRIX = {"si-single-1": 8, "gu-single-2": 16}

ENCODING_NAME = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "cp949": "cp949", "utf-16": "utf-16-le",
                 "utf-16-le": "utf-16-le"}  # fmt: skip


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":  # Python writes the platform order with a BOM; make it explicit
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode(encoding)  # a character CP949 lacks fails here, loudly


def write_variants(pdf_jobs: list, only: set[str] | None = None) -> int:
    """SPEC 1b's templates (variants.py): rendered in every format, truth beside them. With
    `only`, the other documents are drawn (the seed's sequence stays) but not written."""
    rng = random.Random(20251231)
    total = 0
    for doc_id, template, encoding, newline, count, as_of_form in variants.DOCUMENTS:
        built = [variants.BUILDERS[template](rng, total + i + 1, as_of_form) for i in range(count)]
        total += count
        if only is not None and doc_id not in only:
            continue
        flow: list = list(variants.file_heading(template, as_of_form))
        for i, card in enumerate(built):
            flow += ([PageBreak()] if i else []) + card.flow
        titles = [c.expected["card"]["title"] for c in built]
        tsv_path = SAMPLES / "tsv" / f"{doc_id}.txt"
        tsv_path.write_bytes(_encode(variants.flow_to_tsv(flow).replace("\n", newline), encoding))
        hwp_path, hwpx_path = SAMPLES / "hwp" / f"{doc_id}.hwp", SAMPLES / "hwpx" / f"{doc_id}.hwpx"
        hwp.write(flow, hwp_path)
        check_hwp(hwp_path, count, titles)
        hwpx.write(flow, hwpx_path)
        check_hwpx(hwpx_path, count, titles)
        pdf_jobs.append((flow, SAMPLES / "pdf" / f"{doc_id}.pdf", template, False, 0, titles))
        heading = variants.file_heading(template, as_of_form)
        truth = {
            "document": doc_id,
            "template": template,
            # title lines an independent reader finds: the file's one heading, or one per titled card
            "title_lines": 1 if heading else sum(1 for c in built if c.expected["card"]["office"] is not None),
            "renderings": {
                "tsv": {"file": f"tsv/{doc_id}.txt", "encoding": ENCODING_NAME[encoding]},
                "hwp": {"file": f"hwp/{doc_id}.hwp", "encoding": None},
                "hwpx": {"file": f"hwpx/{doc_id}.hwpx", "encoding": None},
                "pdf": {"file": f"pdf/{doc_id}.pdf", "encoding": None},
            },
            "cards": [c.expected for c in built],
        }
        (GENERATED / f"{doc_id}.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return total


def main() -> int:
    if sys.argv[1:2] == ["--only"]:  # e.g. `--only ve-many,ve-many-2`: those variant documents alone
        return _only(set(sys.argv[2].split(",")))
    rng = random.Random(20240630)
    pdf_jobs = []
    for fmt in ("tsv", "hwp", "hwpx", "pdf"):
        (SAMPLES / fmt).mkdir(parents=True, exist_ok=True)
    GENERATED.mkdir(parents=True, exist_ok=True)
    total = 0
    for doc_id, encoding, newline, cards in documents(rng):
        text = "".join(tsv.render(c) for c in cards).replace("\n", newline)
        data = text.encode("utf-16-le") if encoding == "utf-16-le" else text.encode(encoding)
        if encoding == "utf-16":  # Python writes the platform order with a BOM; make it explicit
            data = b"\xff\xfe" + text.encode("utf-16-le")
        tsv_path = SAMPLES / "tsv" / f"{doc_id}.txt"
        tsv_path.write_bytes(data)
        flow = document_flow(cards)
        hwp_path = SAMPLES / "hwp" / f"{doc_id}.hwp"
        hwp.write(flow, hwp_path)
        check_hwp(hwp_path, len(cards))
        hwpx_path = SAMPLES / "hwpx" / f"{doc_id}.hwpx"
        hwpx.write(flow, hwpx_path)
        check_hwpx(hwpx_path, len(cards))
        continuous = doc_id in ("si-many", "gun-many")  # cards and tables run across pages
        spacer = SPLIT_MATRIX.get(doc_id, 0)
        pdf_jobs.append((flow, SAMPLES / "pdf" / f"{doc_id}.pdf", cards[0].template, continuous, spacer, None))
        truth = {
            "document": doc_id,
            "renderings": {
                "tsv": {"file": f"tsv/{doc_id}.txt", "encoding": ENCODING_NAME[encoding]},
                "hwp": {"file": f"hwp/{doc_id}.hwp", "encoding": None},
                "hwpx": {"file": f"hwpx/{doc_id}.hwpx", "encoding": None},
                "pdf": {"file": f"pdf/{doc_id}.pdf", "encoding": None},
            },
            "cards": [expected(c) for c in cards],
        }
        (GENERATED / f"{doc_id}.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        total += len(cards)
    total += write_variants(pdf_jobs)
    pdf.write_all([job[:5] for job in pdf_jobs])
    for _, path, _, _, spacer, titles in pdf_jobs:
        check_pdf(path, table_across_pages=bool(spacer), titles=titles)
    hostile.write_all()
    hostile.write_hwpx()
    hostile.write_pdf(SAMPLES / "pdf" / "gu-single-1.pdf")
    hostile.write_pdf_loop()
    print(f"samplegen: {total} cards written, hostile fixtures in {hostile.FIXTURES.relative_to(ROOT)}")
    return 0


def _only(documents: set[str]) -> int:
    pdf_jobs: list = []
    total = write_variants(pdf_jobs, documents)
    pdf.write_all([job[:5] for job in pdf_jobs])
    for _, path, _, _, spacer, titles in pdf_jobs:
        check_pdf(path, table_across_pages=bool(spacer), titles=titles)
    print(f"samplegen: {', '.join(sorted(documents))} written ({total} cards drawn)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
