"""Hostile HWP inputs for the reader's bounds, written by a minimal CFB writer.

This is a writer of the published Compound File format, not cardex's reader
run backwards: it lays out FAT, directory and stream sectors itself. Every
stream is made at least 4096 bytes so no mini stream is needed. pyhwp's
parser is the independent check that the valid ones are real HWP files.
`make samples` writes them to tests/fixtures/hwp/; tests only read them.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from tools.paths import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "hwp"
SECTOR = 512
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)  # name length, type, colour black
        + struct.pack("<III", left, right, child)
        + b"\0" * 16  # CLSID
        + struct.pack("<I", 0)  # state bits
        + b"\0" * 16  # times
        + struct.pack("<III", start, size, 0)
    )


def build_cfb(file_header: bytes, section0: bytes, *, loop: bool = False, lie_size: int | None = None) -> bytes:
    """Root -> FileHeader, BodyText/Section0, each stream in regular sectors."""
    streams = [file_header.ljust(4096, b"\0"), section0.ljust(4096, b"\0")]
    counts = [(len(s) + SECTOR - 1) // SECTOR for s in streams]
    n_data = sum(counts) + 1  # + one directory sector
    n_fat = 1
    while n_fat * (SECTOR // 4) < n_fat + n_data:
        n_fat += 1
    fat = [FATSECT] * n_fat
    dir_sector = len(fat)
    fat.append(END)
    starts = []
    for count in counts:
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [END]
    if loop:  # Section0's fourth sector points back to its first
        fat[starts[1] + 3] = starts[1]
    fat += [FREE] * (n_fat * (SECTOR // 4) - len(fat))
    sizes = [len(s) for s in streams]
    if lie_size is not None:
        sizes[1] = lie_size
    directory = b"".join([
        _entry("Root Entry", 5, NOSTREAM, NOSTREAM, 1, END, 0),
        _entry("FileHeader", 2, 2, NOSTREAM, NOSTREAM, starts[0], sizes[0]),
        _entry("BodyText", 1, NOSTREAM, NOSTREAM, 3, 0, 0),
        _entry("Section0", 2, NOSTREAM, NOSTREAM, NOSTREAM, starts[1], sizes[1]),
    ])  # fmt: skip
    difat = list(range(n_fat)) + [FREE] * (109 - n_fat)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, n_fat, dir_sector, 0, 4096, END, 0, END, 0)
        + struct.pack("<109I", *difat)
    )
    body = struct.pack(f"<{len(fat)}I", *fat) + directory
    for stream, count in zip(streams, counts):
        body += stream.ljust(count * SECTOR, b"\0")
    return header + body


def file_header(flags: int = 1) -> bytes:
    return (b"HWP Document File".ljust(32, b"\0") + struct.pack("<II", 0x05000300, flags)).ljust(256, b"\0")


def record(tag: int, level: int, payload: bytes) -> bytes:
    if len(payload) < 0xFFF:
        return struct.pack("<I", tag | level << 10 | len(payload) << 20) + payload
    return struct.pack("<I", tag | level << 10 | 0xFFF << 20) + struct.pack("<I", len(payload)) + payload


def paragraph(text: str) -> bytes:
    units = (text + "\r").encode("utf-16-le")
    header = struct.pack("<IIHBB", len(units) // 2, 0, 0, 0, 0) + b"\0" * 10
    return record(66, 0, header) + record(67, 1, units)


def raw_deflate(data: bytes) -> bytes:
    engine = zlib.compressobj(9, zlib.DEFLATED, -15)
    return engine.compress(data) + engine.flush()


def write_all() -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    body = paragraph("구청장 공약사항 관리카드") + paragraph("정상 문서입니다.")
    (FIXTURES / "minimal.hwp").write_bytes(build_cfb(file_header(), raw_deflate(body)))
    # 256 MiB of paragraph records squeezed into ~250 KB: a zlib bomb in BodyText/Section0.
    engine = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = paragraph("가" * 1000) * 64
    chunks = [engine.compress(block) for _ in range((256 << 20) // len(block))] + [engine.flush()]
    (FIXTURES / "zlib-bomb.hwp").write_bytes(build_cfb(file_header(), b"".join(chunks)))
    # A sector chain that loops back on itself (olefile's default mode would read on).
    (FIXTURES / "sector-loop.hwp").write_bytes(build_cfb(file_header(), raw_deflate(body) * 20, loop=True))
    # A stream that declares 2 GB in a small file.
    (FIXTURES / "stream-size-lie.hwp").write_bytes(build_cfb(file_header(), raw_deflate(body), lie_size=0x7FFFFFF0))
    # A record that claims more bytes than its stream holds.
    lying = struct.pack("<I", 66 | 0xFFF << 20) + struct.pack("<I", 0x7FFFFFFF) + b"\0" * 16
    (FIXTURES / "record-overrun.hwp").write_bytes(build_cfb(file_header(), raw_deflate(body + lying)))
    # Password and DRM flags in an otherwise valid file.
    (FIXTURES / "password-flag.hwp").write_bytes(build_cfb(file_header(1 | 2), raw_deflate(body)))
    (FIXTURES / "drm-flag.hwp").write_bytes(build_cfb(file_header(1 | 0x10), raw_deflate(body)))


# ---------------------------------------------------------------- HWPX (zip) hostile packages

HWPX_FIXTURES = ROOT / "tests" / "fixtures" / "hwpx"
SECTION_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
    'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">'
    "<hp:p><hp:run><hp:t>{text}</hp:t></hp:run></hp:p></hs:sec>"
)


def _zip(entries: list[tuple[str, bytes, int]], *, share: bool = False, encrypt_flag: bool = False) -> bytes:
    """A zip written field by field: (name, payload, declared size); `share` points every
    central entry at the first local entry's data (the overlapping-entries bomb)."""
    out = bytearray()
    central = bytearray()
    offsets = []
    for name, payload, declared in entries:
        raw = name.encode()
        method = 8
        data = raw_deflate(payload)
        crc = zlib.crc32(payload)
        flags = 1 if encrypt_flag else 0
        offsets.append(len(out))
        if not share or len(offsets) == 1:
            out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, flags, method, 0, 0x5821, crc, len(data),
                               declared, len(raw), 0) + raw + data  # fmt: skip
        offset = 0 if share else offsets[-1]
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, flags, method, 0, 0x5821, crc,
                               len(data), declared, len(raw), 0, 0, 0, 0, 0, offset) + raw  # fmt: skip
    start = len(out)
    out += central
    out += struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)


def _section(text: str) -> bytes:
    return SECTION_XML.format(text=text).encode()


def write_hwpx() -> None:
    HWPX_FIXTURES.mkdir(parents=True, exist_ok=True)
    ok = _section("구청장 공약사항 관리카드")
    mimetype = b"application/hwp+zip"

    def entry(name: str, data: bytes) -> tuple[str, bytes, int]:
        return name, data, len(data)

    # baseline, and a path-traversal member that must be ignored
    (HWPX_FIXTURES / "minimal.hwpx").write_bytes(
        _zip([entry("mimetype", mimetype), entry("Contents/section0.xml", ok)])
    )
    (HWPX_FIXTURES / "traversal.hwpx").write_bytes(_zip([
        entry("mimetype", mimetype), entry("../../evil.xml", b"<x/>"), entry("/abs/section9.xml", b"<x/>"),
        entry("Contents/section0.xml", ok),
    ]))  # fmt: skip
    # an honest zip bomb: 200 MB of spaces declared in the section
    padding = b" " * (200 << 20)
    (HWPX_FIXTURES / "zip-bomb.hwpx").write_bytes(
        _zip([entry("Contents/section0.xml", ok[:-9] + padding + b"</hs:sec>")])
    )
    # overlapping entries: three names sharing one 8 MB stream (below the size budget, caught by overlap)
    blob = _section("가" * 10) + b" " * (8 << 20)
    shared = [(f"Contents/section{i}.xml", blob, len(blob)) for i in range(3)]
    (HWPX_FIXTURES / "overlap-bomb.hwpx").write_bytes(_zip(shared, share=True))
    # a member that inflates far past the size it declares
    big = _section("나") + b" " * (16 << 20)
    (HWPX_FIXTURES / "size-lie.hwpx").write_bytes(_zip([("Contents/section0.xml", big, 200)]))
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
        )
        + b']><hs:sec xmlns:hs="s" xmlns:hp="p"><hp:p><hp:run><hp:t>&lol9;</hp:t></hp:run></hp:p></hs:sec>'
    )
    (HWPX_FIXTURES / "billion-laughs.hwpx").write_bytes(_zip([entry("Contents/section0.xml", laughs)]))
    external = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<hs:sec xmlns:hs="s" xmlns:hp="p"><hp:p><hp:run><hp:t>&e;</hp:t></hp:run></hp:p></hs:sec>'
    )
    (HWPX_FIXTURES / "external-entity.hwpx").write_bytes(_zip([entry("Contents/section0.xml", external)]))
    (HWPX_FIXTURES / "zip-encrypted.hwpx").write_bytes(_zip([entry("Contents/section0.xml", ok)], encrypt_flag=True))
    manifest = (
        b'<?xml version="1.0"?><odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        b'<odf:file-entry odf:full-path="Contents/section0.xml"><odf:encryption-data odf:checksum="x"/>'
        b"</odf:file-entry></odf:manifest>"
    )
    (HWPX_FIXTURES / "password.hwpx").write_bytes(
        _zip([entry("META-INF/manifest.xml", manifest), entry("Contents/section0.xml", b"\x8f\x01garbage")])
    )
    (HWPX_FIXTURES / "no-section.hwpx").write_bytes(_zip([entry("mimetype", mimetype)]))
    (HWPX_FIXTURES / "bad-xml.hwpx").write_bytes(_zip([entry("Contents/section0.xml", b"<hs:sec><hp:p>")]))
    # manifest order differs from file-name order; without a manifest, numeric order (2 before 10)
    hpf = (
        b'<?xml version="1.0"?><opf:package xmlns:opf="http://www.idpf.org/2007/opf/"><opf:manifest>'
        b'<opf:item id="s0" href="Contents/section0.xml"/><opf:item id="s1" href="Contents/section1.xml"/>'
        b'</opf:manifest><opf:spine><opf:itemref idref="s1"/><opf:itemref idref="s0"/></opf:spine></opf:package>'
    )
    (HWPX_FIXTURES / "manifest-order.hwpx").write_bytes(_zip([
        entry("Contents/content.hpf", hpf), entry("Contents/section0.xml", _section("둘째")),
        entry("Contents/section1.xml", _section("첫째")),
    ]))  # fmt: skip
    (HWPX_FIXTURES / "numeric-order.hwpx").write_bytes(_zip([
        entry("Contents/section10.xml", _section("셋째")), entry("Contents/section2.xml", _section("둘째")),
        entry("Contents/section1.xml", _section("첫째")),
    ]))  # fmt: skip


# ---------------------------------------------------------------- PDF error cases

PDF_FIXTURES = ROOT / "tests" / "fixtures" / "pdf"


def write_pdf(sample: Path) -> None:
    """Encrypted copies by qpdf, and a scan: poppler renders a sample page to an image,
    python-docx places it on a page and LibreOffice exports an image-only PDF."""
    import shutil
    import subprocess
    import tempfile

    PDF_FIXTURES.mkdir(parents=True, exist_ok=True)
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        raise SystemExit("samplegen: qpdf is needed for the encrypted PDF fixtures (apt-get install qpdf)")
    user = PDF_FIXTURES / "user-password.pdf"
    subprocess.run([qpdf, "--encrypt", "secret", "owner", "256", "--", str(sample), str(user)], check=True)
    owner = PDF_FIXTURES / "owner-password-only.pdf"
    subprocess.run([qpdf, "--encrypt", "", "owner", "256", "--print=none", "--", str(sample), str(owner)], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(sample), str(folder / "page")],
                       check=True)  # fmt: skip
        image = next(folder.glob("page*.png"))
        from docx import Document
        from docx.shared import Mm

        doc = Document()
        doc.add_picture(str(image), width=Mm(170))
        doc.save(str(folder / "scan.docx"))
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", "pdf",
             "--outdir", str(folder), str(folder / "scan.docx")],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        shutil.copy(folder / "scan.pdf", PDF_FIXTURES / "scan.pdf")


def write_pdf_loop() -> None:
    """A PDF written object by object whose page tree contains itself and whose
    objects reference themselves: a reader that follows references blindly never ends."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        4: b"<< /Length 4 0 R >>\nstream\nBT /F1 12 Tf 10 10 Td (loop) Tj ET\nendstream",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Self 5 0 R >>",
    }
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for number in objects:
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    PDF_FIXTURES.mkdir(parents=True, exist_ok=True)
    (PDF_FIXTURES / "reference-loop.pdf").write_bytes(bytes(out))
