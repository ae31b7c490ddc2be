"""HWP 5.0 binary documents (Hancom Hangul).

The format, as Hancom publishes it: an OLE compound file holding a
FileHeader (signature, version, flags), DocInfo (shared styles) and
BodyText/Section0…N streams, each a sequence of records (tag, level, size)
that are raw-deflated when the compressed flag is set. Distribution
documents (배포용) keep their sections in ViewText/, AES-encrypted with a key
carried in the stream's first record. Records form a tree by level:
a paragraph's controls (tables, text boxes, headers, notes) hang beneath it,
and a table's cells are list headers followed by their paragraphs.

Only text and table structure are read; embedded objects (pictures, OLE,
scripts) are never decoded or run.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from parsers.errors import CardexError
from parsers.hangul.body import MAX_DEPTH, BodyReader
from parsers.hangul.cfb import Container
from parsers.hangul.clickhere import is_blank, untouched_guide
from parsers.hangul.numbering import HWP_STYLES, Heads, Level, Numbering
from parsers.inflate import Budget, inflate
from parsers.model import Block, Cell, Document, Provenance, Table, check_extent, check_size, iter_paragraphs
from parsers.numbers import numeric_order
from parsers.symbols import from_private_use

TAG_BEGIN = 0x10
TAG_NUMBERING = TAG_BEGIN + 7
TAG_BULLET = TAG_BEGIN + 8
TAG_PARA_SHAPE = TAG_BEGIN + 9
TAG_DISTRIBUTE_DOC_DATA = TAG_BEGIN + 12
TAG_PARA_HEADER = TAG_BEGIN + 50
TAG_PARA_TEXT = TAG_BEGIN + 51
TAG_CTRL_HEADER = TAG_BEGIN + 55
TAG_LIST_HEADER = TAG_BEGIN + 56
TAG_TABLE = TAG_BEGIN + 61

FLAG_COMPRESSED, FLAG_PASSWORD, FLAG_DISTRIBUTION, FLAG_DRM = 0x1, 0x2, 0x4, 0x10

# Controls whose text is not body: headers, footers, foot/endnotes, hidden comments.
FURNITURE_CONTROLS = {"head", "foot", "fn  ", "en  ", "tcmt"}
# Control characters occupying 8 code units (inline and extended controls).
WIDE_CONTROLS = frozenset({1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23})
FIELD_START, FIELD_END = 3, 4
CLICK_HERE = b"klc%"  # the field's control id "%clk" as stored, byte-reversed
FIELD_MODIFIED = 1 << 15
NARROW_CONTROLS = {10: "\n", 13: "", 24: "-", 30: " ", 31: " "}
_CONTROL_UNIT = re.compile(rb"(?=[\x00-\x1f]\x00)")

MIN_INFLATE_BUDGET = 8 * 1024 * 1024
INFLATE_RATIO = 100  # bytes of records allowed per byte of file


def read(path: Path) -> Document:
    with Container(path) as box:
        return _Reader(box).document()


# ---------------------------------------------------------------- records


@dataclass(slots=True)
class Record:
    tag: int
    level: int
    payload: bytes
    children: list[Record] = field(default_factory=list)


_UINT32 = struct.Struct("<I")


def parse_records(data: bytes) -> tuple[list[Record], bool]:
    """Flat records of a stream, and whether it ended inside a record."""
    records: list[Record] = []
    pos, end = 0, len(data)
    unpack = _UINT32.unpack_from
    while pos + 4 <= end:
        (head,) = unpack(data, pos)
        pos += 4
        tag, level, size = head & 0x3FF, (head >> 10) & 0x3FF, head >> 20
        if size == 0xFFF:
            if pos + 4 > end:
                return records, True
            (size,) = unpack(data, pos)
            pos += 4
        if size > end - pos:
            return records, True
        records.append(Record(tag, level, data[pos : pos + size], []))
        pos += size
    return records, pos != end


def build_tree(records: list[Record]) -> list[Record]:
    """Children are the following records one level deeper (linear time)."""
    roots: list[Record] = []
    stack: list[Record] = []
    for record in records:
        while stack and stack[-1].level >= record.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(record)
        stack.append(record)
    return roots


def decode_text(payload: bytes, guides: Iterator[str | None] | None = None) -> str:
    """PARA_TEXT code units to text, controls dropped or mapped.

    `guides` holds, per click-here field in the paragraph, its guide text if
    nobody has typed in it (else None); such a field's text is dropped when
    it is only that guide (see `fields`).
    """
    guides = guides or iter(())
    out: list[str] = []
    pos = 0
    blank: tuple[int, str | None] | None = None  # where an untouched click-here field's text starts
    for match in _CONTROL_UNIT.finditer(payload):
        at = match.start()
        if at % 2 or at < pos:
            continue
        if at > pos:
            out.append(payload[pos:at].decode("utf-16-le", errors="replace"))
        code = payload[at]
        if code in WIDE_CONTROLS:
            if code == 9:
                out.append("\t")
            elif code == FIELD_START and payload[at + 2 : at + 6] == CLICK_HERE:
                blank = (len(out), next(guides, None))
            elif code == FIELD_END and blank is not None:
                if is_blank("".join(out[blank[0] :]), blank[1]):
                    del out[blank[0] :]
                blank = None
            pos = at + 16
        else:
            out.append(NARROW_CONTROLS.get(code, ""))
            pos = at + 2
    if pos < len(payload) - 1:
        out.append(payload[pos : len(payload) - len(payload) % 2].decode("utf-16-le", errors="replace"))
    return from_private_use("".join(out))


# ---------------------------------------------------------------- streams


_HEAD_KINDS = {1: "outline", 2: "number", 3: "bullet"}


def _numbering(payload: bytes) -> Numbering:
    """A NUMBERING record: seven levels of (head attributes, format string), then start numbers."""
    levels: dict[int, Level] = {}
    offset = 0
    for level in range(1, 8):
        if offset + 14 > len(payload):
            break
        flags = struct.unpack_from("<I", payload, offset)[0]
        length = struct.unpack_from("<H", payload, offset + 12)[0]
        offset += 14
        template = payload[offset : offset + 2 * length].decode("utf-16-le", "replace")
        offset += 2 * length
        levels[level] = Level(template, HWP_STYLES.get((flags >> 5) & 0xF, "DIGIT"))
    offset += 2  # the numbering's own starting number (5.0.3.0 and later: one per level follows)
    for level in range(1, 8):
        if offset + 4 <= len(payload) and level in levels:
            start = struct.unpack_from("<I", payload, offset)[0]
            levels[level].start = start if 0 <= start < 100_000 else 1
        offset += 4
    return Numbering(levels)


def _untouched_guide(payload: bytes) -> str | None:
    """A click-here field's guide text while nobody has typed in it (bit 15 of its properties)."""
    if len(payload) < 11:
        return None
    properties, length = struct.unpack_from("<I", payload, 4)[0], struct.unpack_from("<H", payload, 9)[0]
    command = payload[11 : 11 + 2 * length].decode("utf-16-le", errors="replace")
    return untouched_guide(bool(properties & FIELD_MODIFIED), command)


def _outline_ref(records: list[Record]) -> int:
    """The numbering a section's outline paragraphs use, from its section definition (`secd`)."""
    for record in records:
        if record.tag == TAG_CTRL_HEADER and record.payload[:4] == b"dces" and len(record.payload) >= 20:
            return struct.unpack_from("<H", record.payload, 18)[0] or 1
    return 1


def _distribution_key(payload: bytes) -> bytes:
    """The AES key hidden in HWPTAG_DISTRIBUTE_DOC_DATA (MSVC rand() XOR mask)."""
    data = bytearray(payload)
    (seed,) = struct.unpack_from("<I", data, 0)
    key = count = 0
    for i in range(256):
        if count == 0:
            seed = (seed * 214013 + 2531011) & 0xFFFFFFFF
            key = (seed >> 16) & 0xFF
            seed = (seed * 214013 + 2531011) & 0xFFFFFFFF
            count = ((seed >> 16) & 0x0F) + 1
        if i >= 4:
            data[i] ^= key
        count -= 1
    offset = 4 + (data[0] & 0x0F)
    return bytes(data[offset : offset + 16])


def decrypt_distribution(stream: bytes, name: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    if len(stream) < 4 + 256:
        raise CardexError("corrupt", f"The distribution stream {name} is too short; the file is damaged.")
    (head,) = struct.unpack_from("<I", stream, 0)
    if head & 0x3FF != TAG_DISTRIBUTE_DOC_DATA or head >> 20 != 256:
        raise CardexError("corrupt", f"The distribution stream {name} lacks its key record; the file is damaged.")
    key = _distribution_key(stream[4:260])
    body = stream[260:]
    body = body[: len(body) - len(body) % 16]
    decryptor = Cipher(algorithms.AES(key), modes.ECB()).decryptor()
    return decryptor.update(body) + decryptor.finalize()


# ---------------------------------------------------------------- reader


class _Reader(BodyReader):
    def __init__(self, box: Container) -> None:
        super().__init__()
        self.box = box
        self.budget = Budget(
            box.file_size,
            ratio=INFLATE_RATIO,
            minimum=MIN_INFLATE_BUDGET,
            refusal=f"The stream {{name}} inflates past {INFLATE_RATIO} times the file's size; "
            "the file is damaged or hostile and was not read.",
        )
        self.shape_indent: dict[int, float] = {}
        self.shape_head: dict[int, tuple[str, int, int]] = {}  # para shape -> (kind, numbering/bullet id, level)

    def document(self) -> Document:
        compressed, distribution = self._file_header()
        if self.box.exists("DocInfo"):
            self._doc_info(self._stream("DocInfo", compressed, False))
        folder = "ViewText" if distribution else "BodyText"
        sections = sorted(
            (n for n in self.box.names() if re.fullmatch(folder + r"/Section\d+", n)),
            key=lambda n: numeric_order(n.rsplit("Section", 1)[1]),
        )
        if not sections:
            raise CardexError("corrupt", f"The HWP document has no {folder} sections; the file is damaged.")
        blocks: list[Block] = []
        for number, name in enumerate(sections, start=1):
            records, truncated = parse_records(self._stream(name, compressed, distribution))
            self.outline = _outline_ref(records)
            if truncated:
                self.warnings.append(f"{name} ends inside a record; the text after it is lost")
            blocks.extend(self._paragraph_list(build_tree(records), Provenance(page=number), depth=0))
        return Document(
            blocks=blocks, format="hwp", pages=len(sections), warnings=self.warnings, furniture=self.furniture
        )

    def _file_header(self) -> tuple[bool, bool]:
        names = self.box.names()
        if not self.box.exists("FileHeader"):
            lowered = " ".join(names).lower()
            if any(w in lowered for w in ("drm", "fasoo", "markany", "softcamp", "scdsa", "secure")):
                raise CardexError(
                    "drm",
                    "The file is wrapped in a document-security (DRM) envelope; "
                    "ask the department to export it without DRM and resubmit.",
                )
            if any(n in names for n in ("WordDocument", "Workbook", "PowerPoint Document")):
                raise CardexError(
                    "unsupported_format", "The file is a Microsoft Office document, not HWP; save it as PDF or HWPX."
                )
            raise CardexError(
                "corrupt", "The file is an OLE container without an HWP FileHeader; it is not a valid HWP document."
            )
        header = self.box.read_stream("FileHeader")
        if not header.startswith(b"HWP Document File") or len(header) < 40:
            raise CardexError("corrupt", "The FileHeader has no HWP signature; the file is not a valid HWP document.")
        version, flags = struct.unpack_from("<II", header, 32)
        if version >> 24 != 5:
            raise CardexError(
                "unsupported_format",
                f"The file is HWP version {version >> 24}; open it in Hangul and save it as HWP 5.0 or HWPX.",
            )
        if flags & FLAG_PASSWORD:
            raise CardexError(
                "encrypted",
                "The HWP document is protected by a password; open it in Hangul, remove the password "
                "and save a copy without one.",
            )
        if flags & FLAG_DRM:
            raise CardexError(
                "drm",
                "The HWP document is protected by document security (DRM); "
                "ask the department to export it without DRM and resubmit.",
            )
        return bool(flags & FLAG_COMPRESSED), bool(flags & FLAG_DISTRIBUTION)

    def _stream(self, name: str, compressed: bool, distribution: bool) -> bytes:
        data = self.box.read_stream(name)
        if distribution:
            data = decrypt_distribution(data, name)
        return inflate(data, self.budget, name, raw=True) if compressed else data

    def _doc_info(self, data: bytes) -> None:
        records, _ = parse_records(data)
        shape_id = 0
        numberings: dict[int, Numbering] = {}
        bullets: dict[int, str] = {}
        for record in records:
            if record.tag == TAG_PARA_SHAPE:
                if len(record.payload) >= 16:
                    left, _right, indent = struct.unpack_from("<iii", record.payload, 4)
                    # margins are stored in half-HWPUNITs; 100 HWPUNIT = 1 pt
                    self.shape_indent[shape_id] = (left + indent) / 200  # where the first line (its marker) starts
                    flags = struct.unpack_from("<I", record.payload)[0]
                    kind = _HEAD_KINDS.get((flags >> 23) & 3)
                    if kind is not None:
                        ref = struct.unpack_from("<H", record.payload, 30)[0] if len(record.payload) >= 32 else 0
                        self.shape_head[shape_id] = (kind, ref, (flags >> 25) & 7)
                shape_id += 1
            elif record.tag == TAG_NUMBERING:
                numberings[len(numberings) + 1] = _numbering(record.payload)
            elif record.tag == TAG_BULLET:
                char = record.payload[12:14].decode("utf-16-le", "replace") if len(record.payload) >= 14 else ""
                bullets[len(bullets) + 1] = char
        self.heads = Heads(numberings, bullets)

    # -- paragraphs and controls

    def _paragraph_list(self, nodes: list[Record], where: Provenance, depth: int) -> list[Block]:
        blocks: list[Block] = []
        for node in nodes:
            if node.tag == TAG_PARA_HEADER:
                blocks.extend(self._paragraph(node, where, depth))
        return blocks

    def _paragraph(self, node: Record, where: Provenance, depth: int) -> list[Block]:
        shape = struct.unpack_from("<H", node.payload, 8)[0] if len(node.payload) >= 10 else 0
        base = self.shape_indent.get(shape, 0.0)
        guides = (
            _untouched_guide(c.payload)
            for c in node.children
            if c.tag == TAG_CTRL_HEADER and c.payload[:4] == CLICK_HERE
        )
        text = "".join(decode_text(c.payload, guides) for c in node.children if c.tag == TAG_PARA_TEXT)
        text = self.heads.headed(text, self.shape_head.get(shape), self.outline)
        blocks: list[Block] = [*self.paragraphs(text, base, where)]
        for child in node.children:
            if child.tag == TAG_CTRL_HEADER:
                blocks.extend(self._control(child, where, depth))
        return blocks

    def _control(self, node: Record, where: Provenance, depth: int) -> list[Block]:
        if depth >= MAX_DEPTH:
            self.warnings.append(f"controls nested deeper than {MAX_DEPTH} levels were not read")
            return []
        ctrl = node.payload[:4][::-1].decode("latin-1") if len(node.payload) >= 4 else ""
        if ctrl == "tbl ":
            return self._table(node, where, depth + 1)
        inner = self._lists_in(node, where, depth + 1)
        if ctrl in FURNITURE_CONTROLS:
            self.furniture.extend(iter_paragraphs(inner))
            return []
        return inner  # text boxes and shapes holding text

    def _lists_in(self, node: Record, where: Provenance, depth: int) -> list[Block]:
        """Paragraph lists anywhere under a control (text boxes, grouped shapes)."""
        blocks: list[Block] = []
        for child in node.children:
            if child.tag == TAG_PARA_HEADER:
                blocks.extend(self._paragraph(child, where, depth))
            elif child.tag != TAG_LIST_HEADER and child.children and depth < MAX_DEPTH:
                blocks.extend(self._lists_in(child, where, depth + 1))
        return blocks

    def _table(self, node: Record, where: Provenance, depth: int) -> list[Block]:
        index = self.n_tables
        self.n_tables += 1
        n_rows = n_cols = 0
        cells: list[Cell] = []
        caption: list[Block] = []
        current: Cell | None = None
        seen_body = False
        for child in node.children:
            if child.tag == TAG_TABLE and len(child.payload) >= 8:
                n_rows, n_cols = struct.unpack_from("<HH", child.payload, 4)
                seen_body = True
            elif child.tag == TAG_LIST_HEADER:
                if seen_body and len(child.payload) >= 16:
                    col, row, col_span, row_span = struct.unpack_from("<HHHH", child.payload, 8)
                    prov = Provenance(page=where.page, table=index, row=row, col=col)
                    current = Cell(row=row, col=col, row_span=max(row_span, 1), col_span=max(col_span, 1), prov=prov)
                    cells.append(current)
                else:
                    current = None  # a caption's list
            elif child.tag == TAG_PARA_HEADER:
                if current is not None:
                    current.blocks.extend(self._paragraph(child, current.prov, depth))
                else:
                    caption.extend(self._paragraph(child, where, depth))
        n_rows = max([n_rows] + [c.row + c.row_span for c in cells])
        n_cols = max([n_cols] + [c.col + c.col_span for c in cells])
        table = check_extent(
            Table(cells=cells, n_rows=n_rows, n_cols=n_cols, prov=Provenance(page=where.page, table=index))
        )
        self.n_cells += len(cells)
        check_size(caption, self.n_cells)
        return [*caption, table]
