"""The card logic: the document model into cards, driven by `extract/vocabulary.toml`, no I/O.

`split` finds where cards start and their sections; `card.build_card` reads one card:
`header` (label/value `pairs`, `status_grid`), `values`, `dates`, `years`, `people`,
`money` and `budget` (the matrix), `bullets` and `items`, `checks`, and for scans
`ocr_repair` (figures the card's own sums prove) and `ocr_text` (the hints handed to OCR)."""
