"""Running cardex over files: `inputs` lists them, `pipeline` reads one file into its rows,
`batch` runs many through an executor (`executors`: in this process, or isolated worker
processes) with the `cache` of earlier runs."""
