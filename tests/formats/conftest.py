"""Shared fixtures for the format readers: pydicom's shipped files and synthetic DICOM."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
import pytest
from fpdf import FPDF
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, ImplicitVRLittleEndian

PYDICOM_FILES = Path(pydicom.__file__).parent / "data" / "test_files"


def _pydicom_data_folder() -> Path | None:
    try:
        import data_store  # the pydicom-data package, optional
    except ImportError:
        return None
    return Path(data_store.__file__).parent / "data"


@pytest.fixture
def testfile() -> Callable[[str], Path]:
    """Path of a file shipped with pydicom (or pydicom-data); skips the test if absent.
    Never calls get_testdata_files('*'), which tries to download and hangs offline."""

    def find(name: str) -> Path:
        for folder in (PYDICOM_FILES, _pydicom_data_folder()):
            if folder is not None and (folder / name).is_file():
                return folder / name
        pytest.skip(f"pydicom test file {name} is not installed")

    return find


def _write_dicom(
    path: Path,
    pixels: np.ndarray | None = None,
    *,
    photometric: str = "MONOCHROME2",
    bits_stored: int | None = None,
    preamble: bool = True,
    meta: bool = True,
    implicit: bool = False,
    **attributes: Any,
) -> Dataset:
    """Write a small synthetic CT-like DICOM file (no patient data) and return its dataset."""
    ds = Dataset()
    ds.SOPClassUID = CTImageStorage
    ds.SOPInstanceUID = "1.2.826.0.1.3680043.8.498.1001"
    ds.StudyInstanceUID = "1.2.826.0.1.3680043.8.498.2001"
    ds.SeriesInstanceUID = "1.2.826.0.1.3680043.8.498.3001"
    ds.PatientName = "SYNTHETIC^TEST"
    ds.PatientID = "SYN-001"
    ds.PatientBirthDate = "19600229"
    ds.StudyDate = "20240131"
    ds.StudyTime = "101530.123"
    ds.StudyID = "42"
    ds.StudyDescription = "CT chest"
    ds.SeriesDescription = "Axial 5mm"
    ds.SeriesNumber = 3
    ds.InstanceNumber = 7
    ds.Modality = "CT"
    ds.BodyPartExamined = "CHEST"
    ds.InstitutionName = "Test Hospital"
    ds.AccessionNumber = "ACC42"
    ds.SliceLocation = -12.5
    ds.ImagePositionPatient = [-100.0, -120.5, -12.5]
    if pixels is not None:
        bits = bits_stored or (8 if pixels.dtype.itemsize == 1 else 12)
        ds.set_pixel_data(pixels, photometric, bits, generate_instance_uid=False)
    for keyword, value in attributes.items():
        setattr(ds, keyword, value)
    ds.file_meta = FileMetaDataset()
    if meta:
        ds.file_meta.TransferSyntaxUID = (
            ImplicitVRLittleEndian if implicit else ExplicitVRLittleEndian
        )
        ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.preamble = b"\0" * 128 if preamble else None
    pydicom.dcmwrite(path, ds, implicit_vr=implicit, little_endian=True)
    return ds


@pytest.fixture
def ct_pixels() -> np.ndarray:
    """A 32x32 12-bit ramp."""
    return (np.arange(32 * 32, dtype=np.uint16) * 4 % 4096).reshape(32, 32)


@pytest.fixture
def ct_file(tmp_path: Path, ct_pixels: np.ndarray) -> Path:
    path = tmp_path / "ct.dcm"
    _write_dicom(path, ct_pixels)
    return path


@pytest.fixture
def write_dicom() -> Callable[..., Dataset]:
    """write_dicom(path, pixels=None, *, photometric, bits_stored, preamble, meta, implicit,
    **attributes) writes a synthetic DICOM file and returns its dataset."""
    return _write_dicom


def _make_pdf(path: Path, pages: list[str], title: str = "", landscape: bool = False) -> Path:
    """A PDF with one text page per entry ("" makes a page without text)."""
    pdf = FPDF(orientation="L" if landscape else "P")
    pdf.set_font("Helvetica", size=12)
    if title:
        pdf.set_title(title)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 8, text)
    pdf.output(str(path))
    return path


def _png_size(data: bytes) -> tuple[int, int]:
    """Size of a PNG after checking that it is one."""
    from PIL import Image

    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as im:
        im.verify()
    with Image.open(io.BytesIO(data)) as im:
        return im.size


@pytest.fixture
def make_pdf() -> Callable[..., Path]:
    """make_pdf(path, pages, title="", landscape=False) writes a text PDF with fpdf2."""
    return _make_pdf


@pytest.fixture
def png_size() -> Callable[[bytes], tuple[int, int]]:
    """png_size(data) checks that data is a valid PNG and returns its (width, height)."""
    return _png_size
