"""Cards into the typed output tables: `schema` (the columns, importing nothing else), `rows`
(a file's rows as plain dicts), `validate` (rows checked against the schema where the file is
read), `frames` (the pandas frames the API and the outputs use)."""
