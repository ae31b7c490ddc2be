"""PDF: `reader` is the entry point; `objects` is what PDFium reads of a page, `grid` the table
finder (its settings in one dataclass, its state in `Finding`), `rows` the rows a band groups
without a border, `safety` what pdfminer is not trusted with, `debug` the `dump --debug` view
drawn from the finder's own state. Lines, paragraphs and page assembly are `parsers.pages`."""
