"""One file in, its rows out: read, split into cards, built, checked against the schema.

`process_file` never raises: whatever happens to a file ends as exactly one
`files` row (with a stable error code when it failed) plus the rows of the
cards it held. A batch (`run.batch`) is the same call per file, so one bad
file can never stop the batch or take another file's rows with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extract.cards import checks as checklist
from extract.cards import ocr_text
from extract.cards.card import Card, build_card
from extract.cards.split import split_cards
from extract.run.inputs import MAX_FILE_BYTES, InputPath, file_sha256, is_litter, local_copy
from extract.tables.rows import card_rows, checks_note, files_row
from extract.tables.schema import TABLE_NAMES
from extract.tables.validate import InvalidRows, validate
from parsers import CardexError, detect_format, read_document
from parsers.model import Document

KNOWN_FORMATS = {"tsv", "pdf", "hwp", "hwpx", "image"}
SKIPPED_CODES = {"no_card_found", "not_a_document"}  # read or recognised, and not a card: nothing went wrong


@dataclass
class FileResult:
    source_file: str
    file_row: dict
    cards: list[Card] = field(default_factory=list)
    cacheable: bool = True  # False when the outcome may differ on another run (memory exhaustion)
    table_rows: dict[str, list[dict]] | None = None  # set by process_file: validated against the schema

    def rows(self) -> dict[str, list[dict]]:
        if self.table_rows is not None:
            return self.table_rows
        return {name: [self.file_row] if name == "files" else [] for name in TABLE_NAMES}


def _card_table_rows(result: FileResult) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
    out["files"].append(result.file_row)
    for index, card in enumerate(result.cards):
        for name, rows in card_rows(result.source_file, index, card).items():
            out[name].extend(rows)
    return out


def cards_of(doc: Document) -> list[Card]:
    return [build_card(blocks) for blocks in split_cards(doc)]


def process_file(path: InputPath, source_file: str, sha256: str | None = None) -> FileResult:
    """Read one file into its rows, checked against the schema; never raises.

    `path` is local, or a URL fetched to a temporary copy first (`inputs.local_copy`). `sha256`
    may be passed when the caller has hashed it already."""
    try:
        with local_copy(path) as local:
            result = _read(local, source_file, sha256)
    except OverflowError as exc:  # a remote file over the limit: refused before it is fetched
        size = exc.args[0]
        row = files_row(source_file, size_bytes=size, error_code="too_large", message=_too_large(size))
        result = FileResult(source_file, row)
    except Exception as exc:  # a remote file that could not be fetched (`_read` itself never raises)
        message = (f"The file could not be fetched from {path} ({exc}); check that it exists and that this "
                   "machine may read it.")  # fmt: skip
        result = FileResult(source_file, files_row(source_file, error_code="corrupt", message=message))
    _finish(result)
    return result


def _too_large(size: int) -> str:
    return f"The file is {size:,} bytes, over cardex's limit of {MAX_FILE_BYTES:,}; split it into smaller documents."


def _read(path: Path, source_file: str, sha256: str | None) -> FileResult:
    row = files_row(source_file)
    result = FileResult(source_file, row)
    doc: Document | None = None
    try:
        row["size_bytes"] = path.stat().st_size
        row["sha256"] = sha256 or file_sha256(path)
        if is_litter(source_file):
            raise CardexError(
                "not_a_document",
                "The file is left behind by office software or the operating system (a lock file, a "
                "thumbnail cache, folder settings), not a submission; nothing to do.",
            )
        if row["size_bytes"] > MAX_FILE_BYTES:
            raise CardexError("too_large", _too_large(row["size_bytes"]))
        fmt = detect_format(path)
        row["format"] = fmt if fmt in KNOWN_FORMATS else "unknown"
        doc = read_document(path, fmt, ocr_text.hints())
        row["encoding"] = doc.encoding
        result.cards = cards_of(doc)
        if not result.cards:
            raise CardexError(
                "no_card_found",
                "The document was read but holds no pledge card title such as '구청장 공약사항 관리카드'; "
                "if it is a card, check that its title line is present.",
            )
    except CardexError as exc:
        row["error_code"], row["message"] = exc.code, exc.message
        row["status"] = "skipped" if exc.code in SKIPPED_CODES else "error"
        if exc.code == "no_card_found" and doc is not None:
            row["message"] = " ".join([exc.message, *_reader_notes(doc.warnings)])
        return result
    except MemoryError:
        result.cards = []
        result.cacheable = False
        row["error_code"] = "too_large"
        row["message"] = "Reading the file needed more memory than allowed; split it or check it is not damaged."
        return result
    except RecursionError:
        result.cards = []
        row["error_code"] = "corrupt"
        row["message"] = "The file's structure nests or loops without end; it is damaged or hostile."
        return result
    except OSError as exc:
        row["error_code"] = "corrupt"
        row["message"] = f"The file could not be read ({exc.strerror or exc}); check that it is readable and complete."
        return result
    except Exception as exc:
        row["error_code"] = "crashed"
        row["message"] = (
            f"cardex failed on this file ({type(exc).__name__}: {str(exc)[:200]}); "
            "please report it with the file attached."
        )
        return result
    row["n_cards"] = len(result.cards)
    for card in result.cards:  # what the reader says of the whole file, said on each card it holds
        card.checks += checklist.reading_checks(
            doc.scanned_pages, doc.warnings, card.row.get("ocr_confidence"), doc.incomplete_pages
        )
    failed = sum(1 for card in result.cards for check in card.checks if check.severity != "info")
    # one sentence per cause: the checks to look at, what the reader repaired, pages read from pixels
    notes = [checks_note(failed)] if failed else []
    notes += _reader_notes(doc.warnings)
    if doc.scanned_pages:
        notes.append(f"{len(doc.scanned_pages)} page(s) were read by OCR from a scan.")
    notes += [note[:1].upper() + note[1:] + "." for note in doc.notes]
    row["status"] = "warning" if failed else "ok"
    row["message"] = " ".join(notes) or None
    return result


def _finish(result: FileResult) -> None:
    """Build the file's rows and check them against the schema, here where the file was read."""
    row = result.file_row
    try:
        rows, cleaned = validate(_card_table_rows(result) if result.cards else {"files": [row]})
    except InvalidRows as exc:
        rows, cleaned = _only_files_row(result, exc.code, exc.message)
    except MemoryError:
        result.cacheable = False
        message = "The file's rows needed more memory than allowed; split it or check it is not damaged."
        rows, cleaned = _only_files_row(result, "too_large", message)
    except Exception as exc:  # a bug in building rows: this file only, never the batch
        message = f"cardex failed on this file ({type(exc).__name__}); please report it with the file attached."
        rows, cleaned = _only_files_row(result, "crashed", message)
    if cleaned and result.cards:
        row["status"] = "warning"
        note = f"{cleaned} value(s) did not fit the tables and were cleaned; see the checks table."
        row["message"] = f"{row['message']} {note}" if row["message"] else note
    result.table_rows = {name: rows.get(name, []) for name in TABLE_NAMES}


def _only_files_row(result: FileResult, code: str, message: str) -> tuple[dict[str, list[dict]], int]:
    result.cards = []
    result.file_row.update(status="error", n_cards=0, error_code=code, message=message)
    return validate({"files": [result.file_row]})


def _reader_notes(warnings: list[str]) -> list[str]:
    """What the reader had to leave out or repair, in one sentence (each card of the file also
    carries it as a `reader_repaired` check)."""
    return [checklist.repairs_sentence(warnings)] if warnings else []
