"""Hangul's own formats: HWP 5.0 (`hwp`, an OLE compound file of compressed records, opened by
`cfb`) and HWPX (`hwpx`, a zip of XML opened by `safezip`). Both walk the same document
(`body`), write automatic numbers as Hangul shows them (`numbering`) and leave a form's
untouched blanks out (`clickhere`)."""
