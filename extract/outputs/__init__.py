"""What a run leaves for the analyst, all made from the typed tables (never from card objects):

- writer:   the tables as CSV and Parquet, streamed and swapped in atomically;
- workbook: `tables.xlsx`, one typed sheet per table;
- report:   `report.html`, one self-contained page;
- compare:  the `changes` table between two deadlines;
- load:     tables back from an earlier run's folder, so all of the above also
            work on old runs.
"""
