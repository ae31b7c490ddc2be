"""The table writer: its CSV and Parquet hold, byte for byte, what pandas makes of the typed frame."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq

from extract.outputs.writer import OutputFolder, escaped_for_csv
from extract.tables.frames import frame
from extract.tables.schema import SCHEMAS

AWKWARD_TEXT = [
    "=SUM(A1:A9)", "-15000", "-", "+82 10 1234", "@보고", "'이미 따옴표", "\t탭으로 시작", "\n줄바꿈",
    '따옴표 "안"', "쉼표, 들어감", "두 줄\n값", "", None, "정상추진", "1,844",
]  # fmt: skip
PROGRESS = [50, 12.5, 0.1 + 0.2, 1e16, None, 0, -0.0, 99.99, 2**53, 1.0 / 3, 7, None, 100, 33.3, 5e-324]


def _cards() -> list[dict]:
    rows = []
    for i, (text, progress) in enumerate(zip(AWKWARD_TEXT, PROGRESS, strict=True)):
        row = dict.fromkeys(SCHEMAS["cards"])
        row.update(
            source_file=f"부산/금정구/card-{i}.txt", card_index=i, title=text, status=text, goal=text,
            progress_pct=progress, within_term=[True, False, None][i % 3], as_of=dt.date(2024, 6, 30) if i % 2 else None,
            budget_total_krw=[9_223_372_036_854_775_807, -5, None][i % 3], page=i or None,
        )  # fmt: skip
        rows.append(row)
    return rows


def test_csv_and_parquet_are_what_pandas_writes_of_the_typed_frame(tmp_path):
    rows = _cards()
    writer = OutputFolder(tmp_path / "out")
    writer.add({"cards": [dict(row) for row in rows]})
    writer.commit()

    expected = frame("cards", rows, storage=True)
    csv_text = escaped_for_csv(expected, SCHEMAS["cards"]).to_csv(index=False, lineterminator="\n")
    assert (tmp_path / "out" / "cards.csv").read_bytes() == ("\ufeff" + csv_text).encode("utf-8")

    stored = pq.read_table(tmp_path / "out" / "cards.parquet")
    assert stored.equals(pa.Table.from_pandas(expected, schema=stored.schema, preserve_index=False))
    assert stored.column("title").to_pylist() == AWKWARD_TEXT  # Parquet keeps every value as it is
    written = (tmp_path / "out" / "cards.csv").read_text(encoding="utf-8-sig")
    assert "'=SUM(A1:A9)" in written and ",-15000," in written  # a formula is escaped, a number is not
    assert ",50.0," in written  # a whole number in a number column, as pandas' Float64 writes it
