"""Tests for recordorg.formats.sniff: kinds are found by content, not by name."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pillow_heif
import pytest
from PIL import Image

from recordorg.formats.sniff import Sniffed, sniff


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _image(path: Path, fmt: str, **options: object) -> Path:
    Image.new("RGB", (16, 8), (10, 200, 30)).save(path, fmt, **options)
    return path


def test_empty_file(tmp_path: Path) -> None:
    assert sniff(_write(tmp_path / "x.pdf", b"")) == Sniffed(
        "empty", "application/x-empty", "empty file"
    )


def test_pdf_found_by_content_even_when_named_dcm(tmp_path: Path, make_pdf) -> None:
    pdf = make_pdf(tmp_path / "scan.dcm", ["hello"])
    result = sniff(pdf)
    assert (result.kind, result.mime) == ("pdf", "application/pdf")


def test_pdf_header_after_junk_within_1024_bytes(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.bin", b"\0" * 500 + b"%PDF-1.7\n...")
    assert sniff(path).kind == "pdf"
    late = _write(tmp_path / "b.bin", b"x" * 1100 + b"%PDF-1.7\n")
    assert sniff(late).kind == "other"


@pytest.mark.parametrize(
    ("fmt", "suffix", "mime"),
    [
        ("JPEG", "jpg", "image/jpeg"),
        ("PNG", "png", "image/png"),
        ("TIFF", "tif", "image/tiff"),
        ("WEBP", "webp", "image/webp"),
        ("BMP", "bmp", "image/bmp"),
        ("GIF", "gif", "image/gif"),
    ],
)
def test_pictures(tmp_path: Path, fmt: str, suffix: str, mime: str) -> None:
    path = _image(tmp_path / f"photo.{suffix}", fmt)
    renamed = path.rename(tmp_path / "letter.txt")  # the name must not matter
    result = sniff(renamed)
    assert (result.kind, result.mime) == ("image", mime)


def test_big_endian_tiff(tmp_path: Path) -> None:
    path = _write(tmp_path / "x", b"MM\x00*\x00\x00\x00\x08" + b"\0" * 32)
    assert sniff(path).mime == "image/tiff"


def test_heic_and_avif(tmp_path: Path) -> None:
    pillow_heif.register_heif_opener()
    heic = _image(tmp_path / "phone.heic", "HEIF")
    assert (sniff(heic).kind, sniff(heic).mime) == ("image", "image/heic")
    avif_box = struct.pack(">I", 28) + b"ftypavif" + b"\0\0\0\0" + b"avifmif1miaf"
    avif = _write(tmp_path / "x.avif", avif_box + b"\0" * 16)
    assert sniff(avif).mime == "image/avif"
    video = _write(tmp_path / "clip", struct.pack(">I", 20) + b"ftypisom\0\0\0\0isom")
    assert sniff(video) == Sniffed("other", "video/mp4", "video")


def test_bmp_needs_a_real_header(tmp_path: Path) -> None:
    assert sniff(_write(tmp_path / "x", b"BM is how this text starts")).kind == "other"


def test_dicom_with_preamble(ct_file: Path) -> None:
    assert sniff(ct_file) == Sniffed("dicom", "application/dicom", "DICOM file")


@pytest.mark.parametrize(
    ("meta", "implicit"), [(True, False), (True, True), (False, False), (False, True)]
)
def test_dicom_without_preamble(tmp_path: Path, write_dicom, meta: bool, implicit: bool) -> None:
    path = tmp_path / "IM0001"
    write_dicom(path, preamble=False, meta=meta, implicit=implicit)
    assert path.read_bytes()[:2] == (b"\x02\x00" if meta else b"\x08\x00")
    result = sniff(path)
    assert (result.kind, result.detail) == ("dicom", "DICOM file without preamble")


def test_dicom_whose_preamble_is_a_tiff_header(testfile) -> None:
    path = testfile("CT_small.dcm")  # a dual-personality file: TIFF header in the preamble
    assert path.read_bytes()[:4] == b"II*\x00"
    assert sniff(path).kind == "dicom"


def test_shipped_preambleless_explicit_file(testfile) -> None:
    assert sniff(testfile("ExplVR_LitEndNoMeta.dcm")).kind == "dicom"


def test_dicomdir(testfile) -> None:
    result = sniff(testfile("dicomdirtests/DICOMDIR"))
    assert (result.kind, result.mime) == ("dicomdir", "application/dicom")


def test_binary_starting_with_08_00_is_not_dicom(tmp_path: Path) -> None:
    assert sniff(_write(tmp_path / "x", b"\x08\x00\x05\x00" + bytes(range(200)))).kind == "other"


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (b"MZ\x90\x00" + b"\0" * 60, "application/vnd.microsoft.portable-executable"),
        (b"\x7fELF\x02\x01\x01" + b"\0" * 20, "application/x-executable"),
        (b"\xcf\xfa\xed\xfe" + b"\0" * 20, "application/x-mach-binary"),
        (b"\xca\xfe\xba\xbe\x00\x00\x00\x02" + b"\0" * 20, "application/x-mach-binary"),
        (b"\xca\xfe\xba\xbe\x00\x00\x00\x34" + b"\0" * 20, "application/java-vm"),
        (b"#!/bin/sh\nrm -rf ~\n", "text/x-shellscript"),
        (b"L\x00\x00\x00\x01\x14\x02\x00" + b"\0" * 60, "application/x-ms-shortcut"),
    ],
)
def test_programs(tmp_path: Path, data: bytes, mime: str) -> None:
    result = sniff(_write(tmp_path / "viewer.dat", data))
    assert (result.kind, result.mime) == ("software", mime)


def test_autorun_inf_by_name(tmp_path: Path) -> None:
    path = _write(tmp_path / "AUTORUN.INF", b"[autorun]\r\nopen=viewer.exe\r\n")
    assert sniff(path).kind == "software"
    assert sniff(_write(tmp_path / "notes.inf", b"[autorun]\r\n")).kind == "other"


def test_dicom_whose_preamble_is_a_program(tmp_path: Path, ct_file: Path) -> None:
    data = bytearray(ct_file.read_bytes())
    data[:2] = b"MZ"
    result = sniff(_write(tmp_path / "poly.dcm", bytes(data)))
    assert result.kind == "software"
    assert "DICOM" in result.detail


def _zip(path: Path, names: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name in names:
            zf.writestr(name, "x")
    return path


def test_java_archives_are_software(tmp_path: Path) -> None:
    jar = _zip(tmp_path / "viewer.zip", ["META-INF/MANIFEST.MF", "a.txt"])
    assert sniff(jar) == Sniffed("software", "application/java-archive", "Java program")
    classes = _zip(tmp_path / "b.zip", ["org/viewer/Main.class"])
    assert sniff(classes).kind == "software"


def test_office_and_plain_zip_are_other(tmp_path: Path) -> None:
    docx = _zip(tmp_path / "letter.bin", ["[Content_Types].xml", "word/document.xml"])
    assert sniff(docx).mime.endswith("wordprocessingml.document")
    xlsx = _zip(tmp_path / "sheet.bin", ["[Content_Types].xml", "xl/workbook.xml"])
    assert sniff(xlsx).mime.endswith("spreadsheetml.sheet")
    plain = _zip(tmp_path / "photos.zip", ["a.jpg"])
    assert sniff(plain) == Sniffed("other", "application/zip", "zip archive")
    broken = _write(tmp_path / "broken.zip", b"PK\x03\x04" + b"\0" * 20)
    assert sniff(broken).kind == "other"


def test_text_and_unknown_bytes(tmp_path: Path) -> None:
    assert sniff(_write(tmp_path / "a", b"Blood test: normal\n")).mime == "text/plain"
    assert sniff(_write(tmp_path / "b", b"<!DOCTYPE html><html>")).mime == "text/html"
    assert sniff(_write(tmp_path / "c", b"{\\rtf1 hello}")).mime == "application/rtf"
    unknown = sniff(_write(tmp_path / "d", bytes(range(256)) * 4))
    assert unknown == Sniffed("other", "application/octet-stream", "unknown file")


def test_old_office_file_versus_windows_installer(tmp_path: Path) -> None:
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<H", header, 0x1E, 9)  # 512-byte sectors
    struct.pack_into("<I", header, 0x30, 0)  # directory in sector 0 (file offset 512)
    root_entry = bytearray(128)
    # {000C1084-0000-0000-C000-000000000046}, the MSI root storage class, as stored on disk
    root_entry[0x50:0x60] = bytes.fromhex("84100c0000000000c000000000000046")
    msi = _write(tmp_path / "setup.bin", bytes(header) + bytes(root_entry))
    assert sniff(msi) == Sniffed("software", "application/x-msi", "Windows installer")
    doc = _write(tmp_path / "old.doc", bytes(header) + bytes(128))
    assert sniff(doc).mime == "application/x-ole-storage"


def test_the_name_claim_is_checked_against_the_content() -> None:
    from recordorg.formats.name_claims import name_claim_note, other_file_words

    assert name_claim_note("scan.DCM", "dicom", "application/dicom") == ""
    assert name_claim_note("notes.txt", "other", "text/plain") == ""
    assert "not a PDF: it is a text file" in name_claim_note("a.pdf", "other", "text/plain")
    note = name_claim_note("x.dcm", "other", "application/octet-stream")
    assert note.startswith("Named .dcm but it is not a DICOM file")
    assert "it is a PDF" in name_claim_note("report.dcm", "pdf", "application/pdf")
    assert other_file_words("text/plain") == ("Text", "Text file")
    assert other_file_words("application/octet-stream")[0] == "File"
    cda = name_claim_note("summary.pdf", "other", "application/hl7-cda+xml")
    assert "it is a clinical document" in cda
