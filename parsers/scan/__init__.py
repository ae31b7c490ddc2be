"""Scans, read by OCR: `image` is the entry point for image files (an image-only PDF page comes
through `pdf.reader`); `pixels` prepares a page, `grid` finds its tables from ruling lines,
`recognise` reads text lines through the engine behind `ocr` (Tesseract first) with the marks
its model cannot write (`marks`), `page` makes the page's blocks. The caller's `hints` carry
what it knows of the text; the reader itself knows formats, not cards."""
