"""The command line and the API as a newcomer meets them: version, help, subcommands, a folder
named like a command, a short repr, and isolation from a plain script."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd

from extract import __version__, read_folder
from extract.cli import main
from tools.paths import ROOT, SAMPLES

CARD = SAMPLES / "tsv" / "gu-single-1.txt"


def test_version_and_help(capsys):
    assert main(["--version"]) == 0 and capsys.readouterr().out.strip() == f"cardex {__version__}"
    assert main(["help"]) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in ("extract", "dump", "compare", "report", "workbook"))
    assert main(["help", "dump"]) == 0 and "usage: cardex dump" in capsys.readouterr().out
    assert main(["help", "nosuch"]) == 2


def test_extract_is_a_command_and_a_folder_named_like_a_command_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("report", "compare", "dump"):
        (tmp_path / name).mkdir()
        shutil.copy(CARD, tmp_path / name / "card.txt")
        assert main([name, "--out", f"out-{name}", "--quiet", "--no-report", "--no-xlsx"]) == 0, name
        assert pd.read_csv(tmp_path / f"out-{name}" / "cards.csv", encoding="utf-8-sig")["card_no"].tolist() == [
            "1-1-1"
        ]
    assert main(["extract", "report", "--out", "explicit", "--quiet", "--no-report", "--no-xlsx"]) == 0
    assert (tmp_path / "explicit" / "cards.csv").read_bytes() == (tmp_path / "out-report" / "cards.csv").read_bytes()


def test_tables_repr_is_short():
    tables = read_folder(SAMPLES / "tsv")
    assert repr(tables) == (
        f"Tables(files={len(tables.files)}, cards={len(tables.cards)}, tasks={len(tables.tasks)}, "
        f"budget={len(tables.budget)}, items={len(tables.items)}, checks={len(tables.checks)}, "
        f"fields={len(tables.fields)})"
    )


def test_isolated_reading_works_from_a_plain_script_without_a_main_guard(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(CARD, tmp_path / "in" / "card.txt")
    script = tmp_path / "plain.py"
    script.write_text(
        "from extract import read_folder\n"
        f"tables = read_folder({str(tmp_path / 'in')!r}, isolate=True, jobs=2)\n"
        "print(tables.files['status'].tolist(), len(tables.cards))\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "['ok'] 1"


def test_as_of_is_a_pandas_datetime_that_compares_with_strings_and_timestamps(tmp_path):
    tables = read_folder(SAMPLES / "tsv")
    as_of = tables.cards["as_of"]
    assert str(as_of.dtype) == "datetime64[ns]"
    assert (as_of >= "2024-12-31").sum() == (as_of >= pd.Timestamp("2024-12-31")).sum() > 0
    assert (as_of == "2024-06-30").sum() == (as_of.dt.strftime("%Y-%m-%d") == "2024-06-30").sum() > 0
    assert set(as_of.dt.year.dropna()) <= {2024, 2025, 2026}
    # stored as dates all the same: the CSV says 2024-06-30, the Parquet holds date32
    out = tmp_path / "out"
    assert main([str(SAMPLES / "tsv"), "--out", str(out), "--quiet", "--no-report", "--no-xlsx"]) == 0
    import pyarrow.parquet as pq

    assert str(pq.read_schema(out / "cards.parquet").field("as_of").type) == "date32[day]"
    assert "2024-06-30," in (out / "cards.csv").read_text(encoding="utf-8-sig")
    assert "00:00:00" not in (out / "cards.csv").read_text(encoding="utf-8-sig")
