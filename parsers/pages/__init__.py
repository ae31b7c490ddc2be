"""Reading page by page, shared by the PDF and scan readers: `lines` turns positioned glyphs (or
OCR's lines) into spaced lines and paragraphs, `assemble` joins the pages (a table a page break
cut is one table again), `furniture` keeps running headers, footers and page numbers aside."""
