"""Broken, lying and dangerous files an importer must survive (all synthetic).

A note for tests: they run as root here, and root reads a file with mode 000 anyway, so
"unreadable" only proves a point for ordinary users; the FIFO "named_pipe" must never be
opened for reading (an importer should skip anything that is not a regular file).
"""

from __future__ import annotations

import io
import os
import random
import struct
import tempfile
import zlib
from pathlib import Path

import pydicom
from PIL import Image

from recordorg.samples.dicom import make_series
from recordorg.samples.documents import make_text_pdf
from recordorg.samples.texts import discharge_summary, mri_brain_report, pathology_report

PIXEL_DATA_TAG = b"\xe0\x7f\x10\x00"  # (7FE0,0010) in little endian


def _pdf_from_objects(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF with a correct cross-reference table over `objects` (numbered from 1)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    extra = trailer_extra.replace(b"{xref}", b"%d" % xref)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, extra)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _content(text: bytes) -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    return b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"


def looping_pdf() -> bytes:
    """A PDF whose page tree has a Kids entry pointing back at its own parent, and whose
    trailer's /Prev points at the same cross-reference table (two endless loops)."""
    return _pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 2 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 4 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>",
            _content(b"Loop"),
        ],
        trailer_extra=b"/Prev {xref} ",
    )


def deep_pdf(depth: int = 50_000) -> bytes:
    """A PDF whose catalogue holds arrays nested `depth` deep (recursive parsers overflow)."""
    return _pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Deep " + b"[" * depth + b"]" * depth + b" >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            _content(b"Deep"),
        ]
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def zeros_deflated(total: int) -> bytes:
    """`total` zero bytes as a zlib stream, made without compressing them all: after a full
    flush deflate restarts, so every 1 MiB block of zeros compresses to the same bytes,
    repeated here (about 1 KB a MiB)."""
    block_size = 1 << 20
    compressor = zlib.compressobj(9)
    first = compressor.compress(bytes(block_size)) + compressor.flush(zlib.Z_FULL_FLUSH)
    full_blocks, rest = divmod(total, block_size)
    tail = compressor.compress(bytes(rest)) + compressor.flush(zlib.Z_FINISH)
    adler = ((total % 65521) << 16) | 1  # Adler-32 of `total` zero bytes
    return first + first[2:] * (full_blocks - 1) + tail[:-4] + struct.pack(">I", adler)


def bomb_png(width: int = 30_000, height: int = 30_000) -> bytes:
    """A valid greyscale PNG of width×height zeros: under 1 MB on disk, 900 MB decoded."""
    stream = zeros_deflated(height * (width + 1))  # one filter byte per row
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = b"".join(
        _png_chunk(b"IDAT", stream[i : i + 65536]) for i in range(0, len(stream), 65536)
    )
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + idat + _png_chunk(b"IEND", b"")


def bomb_pdf(unpacked: int = 1 << 30) -> bytes:
    """A one-page PDF whose content stream is `unpacked` zero bytes (white space to a PDF
    reader) compressed with Flate: 1 MB on disk for 1 GiB unpacked."""
    stream = zeros_deflated(unpacked)
    return _pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream",
        ]
    )


def encrypted_bomb_pdf(unpacked: int = 1 << 30) -> bytes:
    """`bomb_pdf` encrypted (AES-128, opened with the empty password, as PDFium does)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bomb_pdf(unpacked))))
    writer.encrypt("", "owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def bomb_report(folder: Path, study_uid: str) -> Path:
    """An Encapsulated PDF (a report inside a DICOM file) whose one page unpacks to 1 GiB
    (about 1 MB in the file), in its own series of the study."""
    from recordorg.samples.dicom_document import make_encapsulated_report

    return make_encapsulated_report(folder / "REPORT", [], study_uid=study_uid, pdf=bomb_pdf())


def picture_bomb_pdf(width: int = 20_000, height: int = 20_000) -> bytes:
    """A one-page PDF drawing a greyscale picture of width×height zeros (400 MB decoded)."""
    stream = zeros_deflated(width * height)
    draw = b"q 612 0 0 792 0 0 cm /Im1 Do Q"
    return _pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /XObject << /Im1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream",
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
            b" /BitsPerComponent 8 /Length %d /Filter /FlateDecode >>\nstream\n"
            % (width, height, len(stream))
            + stream
            + b"\nendstream",
        ]
    )


def bomb_dicom(target: Path, compressed: int = 512 << 20) -> Path:
    """A one-frame JPEG DICOM image (100×100 pixels) whose compressed frame is padded with
    zeros to `compressed` bytes; written sparse, so it takes almost no disk."""
    from pydicom.encaps import encapsulate, generate_frames

    with tempfile.TemporaryDirectory(prefix="recordorg-hostile-") as stage:
        source = make_series(stage, slices=1, series_description="HOSTILE BOMB")[0]
        ds = pydicom.dcmread(source)
    jpeg = io.BytesIO()
    Image.new("L", (ds.Columns, ds.Rows), 80).save(jpeg, "JPEG")
    ds.file_meta.TransferSyntaxUID = pydicom.uid.JPEGBaseline8Bit
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    ds.PixelData = encapsulate([jpeg.getvalue()])
    ds["PixelData"].VR = "OB"
    ds.save_as(target, enforce_file_format=True)
    data = target.read_bytes()
    frame = next(generate_frames(ds.PixelData, number_of_frames=1))
    item = data.rindex(frame) - 4  # the fragment's 4-byte length, then the frame
    padded = len(frame) + (compressed - len(frame)) // 2 * 2
    with target.open("r+b") as f:
        f.seek(item)
        f.write(struct.pack("<I", padded) + frame)
        f.seek(item + 4 + padded)  # the gap stays a hole of zeros
        f.write(b"\xfe\xff\xdd\xe0\x00\x00\x00\x00")  # end of the fragments
        f.truncate()
    return target


def _small_pdf(path: Path, password: str | None = None) -> Path:
    text = pathology_report()
    return make_text_pdf(path, text.title, text.lines, encrypt_password=password)


def _long_name() -> str:
    """Over 200 characters with umlauts and Japanese, under 255 bytes in UTF-8."""
    head, tail, filler = "Entlassungsbrief_Müller_", "_日本語.pdf", "Onkologie_Nachsorge_2024_"
    name = head + filler * 10
    while len((name + tail).encode("utf-8")) > 250:
        name = name[:-1]
    return name + tail


def _dicom_files(folder: Path, out: dict[str, Path]) -> None:
    with tempfile.TemporaryDirectory(prefix="recordorg-hostile-") as stage:
        original = make_series(stage, slices=1, series_description="HOSTILE SOURCE")[0]
        data = original.read_bytes()
        out["dicom_cut_header"] = folder / "cut_header.dcm"
        out["dicom_cut_header"].write_bytes(data[:300])
        start = data.rindex(PIXEL_DATA_TAG) + 12  # tag, VR, 2 reserved, 4-byte length
        out["dicom_cut_pixels"] = folder / "cut_pixels.dcm"
        out["dicom_cut_pixels"].write_bytes(data[: start + (len(data) - start) // 2])
        ds = pydicom.dcmread(original)
        ds.PixelData = ds.PixelData[: len(ds.PixelData) // 2]
        out["dicom_short_pixels"] = folder / "short_pixels.dcm"
        ds.save_as(out["dicom_short_pixels"], enforce_file_format=True)
        ds = pydicom.dcmread(original)
        del ds.Rows, ds.Columns
        out["dicom_no_rows"] = folder / "no_rows.dcm"
        ds.save_as(out["dicom_no_rows"], enforce_file_format=True)


def damaged_jpeg_dicom(source: Path, target: Path, instance_number: int = 2) -> Path:
    """A copy of a one-frame JPEG DICOM file (another instance of its series) whose
    compressed frame is replaced by noise of the same length: no decoder can read it."""
    from pydicom.encaps import encapsulate, generate_frames

    ds = pydicom.dcmread(source)
    frame = next(generate_frames(ds.PixelData, number_of_frames=1))
    ds.PixelData = encapsulate([random.Random(8).randbytes(len(frame))])
    ds.SOPInstanceUID = pydicom.uid.generate_uid(entropy_srcs=[str(target)])
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.InstanceNumber = instance_number
    ds.save_as(target, enforce_file_format=True)
    return target


def _remove(path: Path) -> None:
    """Remove what an earlier run left, so the makers can run twice on one folder."""
    if os.path.lexists(path):
        if not path.is_symlink():
            path.chmod(0o600)
        path.unlink()


def make_hostile_files(folder: str | Path) -> dict[str, Path]:
    """Write every hostile sample into `folder`; return them by kind (see the module note).

    Keys: zero_byte, truncated_pdf, garbage_pdf, looping_pdf, deep_pdf, encrypted_pdf,
    truncated_jpeg, bomb_png, bomb_pdf (1 GiB unpacked), picture_bomb_pdf, bomb_dicom
    (160 MiB of compressed pixels, sparse), dicom_cut_header, dicom_cut_pixels, dicom_short_pixels,
    dicom_no_rows, pdf_named_dcm, long_name, non_ascii, symlink_loop (a folder holding a
    symlink to its parent; left out where symlinks cannot be made), unreadable (mode 000)
    and named_pipe (left out where os.mkfifo does not exist).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(4)
    out: dict[str, Path] = {}

    def put(key: str, name: str, data: bytes) -> None:
        out[key] = folder / name
        out[key].write_bytes(data)

    put("zero_byte", "empty.pdf", b"")
    real_pdf = _small_pdf(folder / "report.dcm")
    out["pdf_named_dcm"] = real_pdf
    pdf_bytes = real_pdf.read_bytes()
    put("truncated_pdf", "truncated.pdf", pdf_bytes[: len(pdf_bytes) // 2])
    put("garbage_pdf", "garbage.pdf", b"%PDF-1.4\n" + rng.randbytes(20_000))
    put("looping_pdf", "looping.pdf", looping_pdf())
    put("deep_pdf", "deep_nesting.pdf", deep_pdf())
    out["encrypted_pdf"] = _small_pdf(folder / "encrypted.pdf", password="secret")
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 180, 160)).save(buffer, "JPEG", quality=90)
    jpeg = buffer.getvalue()
    put("truncated_jpeg", "truncated.jpg", jpeg[: len(jpeg) * 2 // 3])
    put("bomb_png", "bomb.png", bomb_png())
    put("bomb_pdf", "bomb.pdf", bomb_pdf())
    put("picture_bomb_pdf", "picture_bomb.pdf", picture_bomb_pdf())
    _remove(folder / "bomb.dcm")
    out["bomb_dicom"] = bomb_dicom(folder / "bomb.dcm", compressed=160 << 20)
    _dicom_files(folder, out)
    mri, letter = mri_brain_report(), discharge_summary()
    out["long_name"] = make_text_pdf(folder / _long_name(), letter.title, letter.lines)
    out["non_ascii"] = make_text_pdf(folder / "Befund_Schädel-MRT_é.pdf", mri.title, mri.lines)
    loop = folder / "symlink_loop"
    loop.mkdir(exist_ok=True)
    _small_pdf(loop / "inside.pdf")
    _remove(loop / "parent_again")
    try:
        os.symlink("..", loop / "parent_again", target_is_directory=True)
        out["symlink_loop"] = loop
    except (OSError, NotImplementedError):
        pass
    _remove(folder / "unreadable.pdf")
    out["unreadable"] = _small_pdf(folder / "unreadable.pdf")
    out["unreadable"].chmod(0)
    if hasattr(os, "mkfifo"):
        out["named_pipe"] = folder / "named_pipe.pdf"
        _remove(out["named_pipe"])
        os.mkfifo(out["named_pipe"])
    return out
