"""Hostile samples really are broken, lying or dangerous, in the way each one claims."""

import os
import stat
import struct
import zlib
from pathlib import Path

import pydicom
import pypdfium2 as pdfium
import pytest
from PIL import Image
from pydicom.errors import InvalidDicomError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from recordorg.samples.dicom import make_series
from tests.samplemakers.hostile import make_hostile_files

KEYS = {
    "zero_byte",
    "truncated_pdf",
    "garbage_pdf",
    "looping_pdf",
    "deep_pdf",
    "encrypted_pdf",
    "truncated_jpeg",
    "bomb_png",
    "dicom_cut_header",
    "dicom_cut_pixels",
    "dicom_short_pixels",
    "dicom_no_rows",
    "pdf_named_dcm",
    "long_name",
    "non_ascii",
    "unreadable",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_hostile_files(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def original_ct_size(tmp_path_factory: pytest.TempPathFactory) -> int:
    folder = tmp_path_factory.mktemp("original")
    return make_series(folder, slices=1, series_description="HOSTILE SOURCE")[0].stat().st_size


def test_all_kinds_are_made(hostile: dict[str, Path]) -> None:
    assert KEYS <= set(hostile)
    if os.name == "posix":
        assert {"symlink_loop", "named_pipe"} <= set(hostile)
    for path in hostile.values():
        assert os.path.lexists(path)


def test_broken_pdfs_fail_to_open(hostile: dict[str, Path]) -> None:
    assert hostile["zero_byte"].stat().st_size == 0
    full = hostile["pdf_named_dcm"].stat().st_size
    assert hostile["truncated_pdf"].stat().st_size < full
    assert b"%%EOF" not in hostile["truncated_pdf"].read_bytes()
    assert hostile["garbage_pdf"].read_bytes().startswith(b"%PDF")
    for key in ("zero_byte", "truncated_pdf", "garbage_pdf"):
        with pytest.raises(pdfium.PdfiumError):
            pdfium.PdfDocument(str(hostile[key]))


def test_looping_pdf_has_cycles(hostile: dict[str, Path]) -> None:
    data = hostile["looping_pdf"].read_bytes()
    xref = int(data.rsplit(b"startxref", 1)[1].split()[0])
    assert b"/Prev %d" % xref in data  # the xref chain points at itself
    assert b"/Parent 2 0 R /Kids [2 0 R" in data  # a Kids entry names its own parent
    with pytest.raises(PdfReadError, match="cyclic"):
        len(PdfReader(hostile["looping_pdf"]).pages)
    document = pdfium.PdfDocument(str(hostile["looping_pdf"]))
    with pytest.raises(pdfium.PdfiumError):
        document[0]
    document.close()


def test_deep_pdf_breaks_recursive_parsers(hostile: dict[str, Path]) -> None:
    assert b"[" * 10_000 in hostile["deep_pdf"].read_bytes()
    with pytest.raises(PdfReadError):
        PdfReader(hostile["deep_pdf"]).trailer["/Root"].get_object()


def test_encrypted_pdf_needs_secret(hostile: dict[str, Path]) -> None:
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(str(hostile["encrypted_pdf"]))
    document = pdfium.PdfDocument(str(hostile["encrypted_pdf"]), password="secret")
    assert len(document) == 1
    document.close()


def test_truncated_jpeg_fails_on_load(hostile: dict[str, Path]) -> None:
    with Image.open(hostile["truncated_jpeg"]) as image:
        assert image.size == (640, 480)
        with pytest.raises(OSError):
            image.load()


def test_bomb_png_is_small_but_huge(hostile: dict[str, Path]) -> None:
    data = hostile["bomb_png"].read_bytes()
    assert len(data) < 1_000_000
    assert data[12:16] == b"IHDR" and struct.unpack(">II", data[16:24]) == (30_000, 30_000)
    with pytest.raises(Image.DecompressionBombError):
        Image.open(hostile["bomb_png"])
    first_idat = data.index(b"IDAT")
    (length,) = struct.unpack(">I", data[first_idat - 4 : first_idat])
    inflater = zlib.decompressobj()
    start = inflater.decompress(data[first_idat + 4 : first_idat + 4 + length], 1 << 24)
    assert len(start) > 1_000_000 and start.count(0) == len(start)


def test_cut_dicom_files(hostile: dict[str, Path], original_ct_size: int) -> None:
    header = hostile["dicom_cut_header"]
    assert header.stat().st_size == 300 < original_ct_size
    assert "PixelData" not in pydicom.dcmread(header)  # read "fine", silently partial
    pixels = hostile["dicom_cut_pixels"]
    assert original_ct_size // 2 < pixels.stat().st_size < original_ct_size
    ds = pydicom.dcmread(pixels)
    assert len(ds.PixelData) < ds.Rows * ds.Columns * 2
    with pytest.raises(ValueError):
        ds.pixel_array  # noqa: B018  (reading the property is the test)


def test_dicom_with_wrong_pixel_tags(hostile: dict[str, Path]) -> None:
    short = pydicom.dcmread(hostile["dicom_short_pixels"])
    assert len(short.PixelData) == short.Rows * short.Columns  # half of 16-bit pixels
    with pytest.raises(ValueError):
        short.pixel_array  # noqa: B018  (reading the property is the test)
    no_rows = pydicom.dcmread(hostile["dicom_no_rows"])
    assert "Rows" not in no_rows and "PixelData" in no_rows


def test_names_that_lie_or_challenge(hostile: dict[str, Path]) -> None:
    fake = hostile["pdf_named_dcm"]
    assert fake.suffix == ".dcm" and fake.read_bytes().startswith(b"%PDF")
    with pytest.raises(InvalidDicomError):
        pydicom.dcmread(fake)
    long = hostile["long_name"]
    assert len(long.name) >= 200 and len(long.name.encode("utf-8")) <= 255
    assert "Müller" in long.name and long.name.endswith("_日本語.pdf")
    assert hostile["non_ascii"].name == "Befund_Schädel-MRT_é.pdf"
    for key in ("long_name", "non_ascii"):
        document = pdfium.PdfDocument(str(hostile[key]))
        assert len(document) == 1
        document.close()


@pytest.mark.skipif(os.name != "posix", reason="symlinks, FIFOs and modes are POSIX")
def test_special_files(hostile: dict[str, Path]) -> None:
    loop = hostile["symlink_loop"]
    link = loop / "parent_again"
    assert loop.is_dir() and link.is_symlink()
    assert link.resolve() == loop.parent.resolve()
    assert (link / loop.name / "inside.pdf").is_file()  # the loop goes round
    assert stat.S_IMODE(hostile["unreadable"].stat().st_mode) == 0
    if os.geteuid() != 0:
        with pytest.raises(PermissionError):
            hostile["unreadable"].read_bytes()
    assert stat.S_ISFIFO(hostile["named_pipe"].lstat().st_mode)  # never opened here


def test_running_twice_on_one_folder(tmp_path: Path) -> None:
    first = make_hostile_files(tmp_path)
    second = make_hostile_files(tmp_path)
    assert first == second
