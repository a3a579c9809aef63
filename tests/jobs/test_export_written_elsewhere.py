"""Exporting DICOM files written by other tools, as pydicom ships them for its own tests: each
goes on the bundle's media as a PS3.10 file in Explicit VR Little Endian."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.uid import ExplicitVRLittleEndian

from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.catalogue.library import Library
from recordorg.formats.sniff import has_dicom_prefix
from recordorg.jobs.export import ExportReport, run_export
from tests.jobs.conftest import run_import

PYDICOM_FILES = Path(pydicom.__file__).parent / "data" / "test_files"


def pydicom_file(name: str) -> Path:
    path = PYDICOM_FILES / name
    if not path.is_file():
        pytest.skip(f"pydicom test file {name} is not installed")
    return path


def export_one(name: str, tmp_path: Path) -> Path:
    """Import one of pydicom's files and export it; returns the bundle."""
    export_report(name, tmp_path)
    return tmp_path / "BUNDLE"


def export_report(name: str, tmp_path: Path) -> ExportReport:
    """Import one of pydicom's files and export it to BUNDLE; returns the export's report."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(pydicom_file(name), folder / name)
    library = Library.open(tmp_path / "library")
    try:
        report = run_import(library, [folder])
        assert not report.failed, report.failed
        plan = plan_bundle(library, ids=report.records, options=BundleOptions())
        return run_export(library, plan, tmp_path / "BUNDLE")
    finally:
        library.close()


def exported(name: str, tmp_path: Path) -> pydicom.Dataset:
    """The DICOM file the bundle holds, once one of pydicom's files is imported and exported."""
    bundle = export_one(name, tmp_path)
    (path,) = [p for p in (bundle / "DICOM").rglob("*") if p.is_file()]
    assert has_dicom_prefix(path.read_bytes()[:132])
    return pydicom.dcmread(path)


def test_a_jpeg_whose_elements_are_implicit_under_an_explicit_syntax_is_exported(
    tmp_path: Path,
) -> None:
    """SC_rgb_jpeg.dcm says JPEG Baseline (explicit VR) but its elements are written with
    implicit VR; pydicom reads them without a VR, and the export once failed writing them."""
    ds = exported("SC_rgb_jpeg.dcm", tmp_path)
    assert ds.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
    assert ds["ImageType"].VR == "CS" and list(ds.ImageType) == ["DERIVED", "SECONDARY", "OTHER"]
    original = pydicom.dcmread(pydicom_file("SC_rgb_jpeg.dcm"))
    assert ds.pixel_array.shape == original.pixel_array.shape == (256, 256, 3)
    assert np.array_equal(ds.pixel_array, original.pixel_array)


@pytest.mark.parametrize("name", ["ExplVR_LitEndNoMeta.dcm", "ExplVR_BigEndNoMeta.dcm"])
def test_a_data_set_without_a_file_meta_group_is_exported_with_one(
    name: str, tmp_path: Path
) -> None:
    """A bare data set (no preamble, no file meta group: nothing says its transfer syntax)
    goes on the media with the header, read in the encoding it was found in and written in
    Explicit VR Little Endian (a big endian one has its byte order rewritten)."""
    ds = exported(name, tmp_path)
    original = pydicom.dcmread(pydicom_file(name), force=True)
    assert ds.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
    assert ds.file_meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID == original.SOPInstanceUID
    assert ds.StudyInstanceUID == original.StudyInstanceUID


def test_a_study_dated_the_old_way_is_listed_with_its_date_in_the_dicomdir(
    tmp_path: Path,
) -> None:
    """ExplVR_BigEnd.dcm has the ACR-NEMA style Study Date 1997.04.24 and Study Time
    14:04:38: the DICOMDIR lists the study as 19970424 140438, not the cut "1997.04."."""
    dicomdir = pydicom.dcmread(export_one("ExplVR_BigEnd.dcm", tmp_path) / "DICOMDIR")
    (study,) = [r for r in dicomdir.DirectoryRecordSequence if r.DirectoryRecordType == "STUDY"]
    assert (study.StudyDate, study.StudyTime) == ("19970424", "140438")


def sr_record(name: str, tmp_path: Path) -> pydicom.Dataset:
    dicomdir = pydicom.dcmread(export_one(name, tmp_path) / "DICOMDIR")
    (record,) = [
        r for r in dicomdir.DirectoryRecordSequence if r.DirectoryRecordType == "SR DOCUMENT"
    ]
    return record


def test_a_verified_report_says_when_in_the_dicomdir(tmp_path: Path) -> None:
    """test-SR.dcm is VERIFIED by two observers: its SR DOCUMENT record carries the latest
    Verification DateTime (Type 1C, PS3.3 F.5.24), which the report keeps per observer."""
    record = sr_record("test-SR.dcm", tmp_path)
    assert record.VerificationFlag == "VERIFIED"
    assert record.VerificationDateTime == "20010213184746"


@pytest.mark.parametrize("name", ["test-SR.dcm", "reportsi.dcm"])
def test_the_dicomdir_holds_a_report_title_not_the_whole_report(name: str, tmp_path: Path) -> None:
    """A DICOMDIR's SR record holds only what modifies the report's title (the root's HAS
    CONCEPT MOD items, PS3.3 F.5.24), not its whole tree of findings and references."""
    record = sr_record(name, tmp_path)
    items = record.get("ContentSequence") or []
    assert all(item.RelationshipType == "HAS CONCEPT MOD" for item in items)
    assert record.ConceptNameCodeSequence[0].CodeMeaning


@pytest.mark.parametrize(
    "name",
    ["MR_small_bigendian.dcm", "rtdose_expb.dcm", "SC_rgb_small_odd_big_endian.dcm"],
)
def test_a_big_endian_image_goes_on_the_media_in_the_usual_byte_order(
    name: str, tmp_path: Path
) -> None:
    """Explicit VR Big Endian (16-bit, 32-bit multi-frame, 8-bit colour stored as words) is
    written in Explicit VR Little Endian, as the general-purpose media promise, with the
    pixels pydicom shows from the file as stored, and the DICOMDIR says so."""
    report = export_report(name, tmp_path)
    assert not [w for w in report.warnings if "kept as it was stored" in w]
    (path,) = [p for p in (tmp_path / "BUNDLE" / "DICOM").rglob("*") if p.is_file()]
    ds = pydicom.dcmread(path)
    assert ds.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
    assert np.array_equal(ds.pixel_array, pydicom.dcmread(pydicom_file(name)).pixel_array)
    dicomdir = pydicom.dcmread(tmp_path / "BUNDLE" / "DICOMDIR")
    (image,) = [r for r in dicomdir.DirectoryRecordSequence if r.DirectoryRecordType == "IMAGE"]
    assert image.ReferencedTransferSyntaxUIDInFile == ExplicitVRLittleEndian
