"""The bundle's DICOM media keep to the general-purpose CD profile (STD-GEN-CD): every image in
Explicit VR Little Endian, compressed ones decoded, as `dcmmkdir -Pgp` checks."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.uid import ExplicitVRLittleEndian

from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.catalogue.library import Library
from recordorg.formats.dicom_jpeg import decode_forgiving
from recordorg.jobs.export import run_export
from recordorg.jobs.importer import import_paths
from tests.bundle.conftest import run

TEST_FILES = Path(pydicom.__file__).parent / "data" / "test_files"
# JPEG 2000, JPEG baseline (lossy, colour), JPEG extended (12-bit lossy, one with a scan
# header other viewers forgive), RLE, JPEG-LS lossless and Implicit VR Little Endian: none of
# them may go on a STD-GEN-CD disc as stored.
STORED = [
    "JPEG2000.dcm",
    "SC_rgb_jpeg_dcmtk.dcm",
    "JPGExtended.dcm",
    "JPEG-lossy.dcm",
    "MR_small_RLE.dcm",
    "MR_small_jpeg_ls_lossless.dcm",
    "MR_small_implicit.dcm",
]


def uid_of(name: str) -> str:
    """Each sample its own image (three of them are one MR image stored three ways)."""
    return f"1.2.826.0.1.3680043.8.498.78.{STORED.index(name) + 1}"


@pytest.fixture(scope="module")
def compressed_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("compressed")
    for n, name in enumerate(STORED):
        ds = pydicom.dcmread(TEST_FILES / name)
        ds.PatientName, ds.PatientID = "EXAMPLE^MARIA", "RG-0001"
        ds.PatientBirthDate, ds.PatientSex = "19610412", "F"
        ds.StudyInstanceUID = f"1.2.826.0.1.3680043.8.498.77.{n}"  # a study each
        ds.SeriesInstanceUID = f"{ds.StudyInstanceUID}.1"
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = uid_of(name)
        ds.StudyDate, ds.StudyTime, ds.StudyID = "20250303", "101500", str(n + 1)
        ds.save_as(folder / f"file{n}.dcm")
    root = tmp_path_factory.mktemp("compressed-lib") / "library"
    library = Library.open(root)
    try:
        report = run(import_paths(library, [folder], person="Maria Example"))
        assert not report.failed, report.failed
    finally:
        library.close()
    return root


def _export(root: Path, target: Path, **options) -> Path:
    library = Library.open(root)
    try:
        plan = plan_bundle(library, person="Maria Example", options=BundleOptions(**options))
        assert not run_export(library, plan, target).cancelled
    finally:
        library.close()
    return target


def _dcmmkdir_general_purpose(bundle: Path, work: Path) -> subprocess.CompletedProcess:
    """dcmmkdir with the general-purpose CD profile over every DICOM file of the bundle."""
    files = sorted(str(p.relative_to(bundle)) for p in (bundle / "DICOM").rglob("IM*"))
    return subprocess.run(
        ["dcmmkdir", "-Pgp", "+id", str(bundle), "+D", str(work / "DICOMDIR"), *files],
        capture_output=True,
        text=True,
        cwd=bundle,
    )


@pytest.mark.skipif(not shutil.which("dcmmkdir"), reason="dcmmkdir (Debian dcmtk) missing")
@pytest.mark.parametrize("deidentify", [False, True])
def test_dcmmkdir_accepts_the_media_as_general_purpose_cd(
    compressed_library: Path, tmp_path: Path, deidentify: bool
) -> None:
    bundle = _export(compressed_library, tmp_path / "OUT", deidentify=deidentify)
    images = sorted((bundle / "DICOM").rglob("IM*"))
    assert len(images) == len(STORED)
    checked = _dcmmkdir_general_purpose(bundle, tmp_path)
    assert checked.returncode == 0, checked.stderr + checked.stdout
    for path in images:
        ds = pydicom.dcmread(path)
        assert ds.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
        assert ds.pixel_array.size
    directory = pydicom.dcmread(bundle / "DICOMDIR")
    syntaxes = {
        r.ReferencedTransferSyntaxUIDInFile
        for r in directory.DirectoryRecordSequence
        if r.DirectoryRecordType == "IMAGE"
    }
    assert syntaxes == {ExplicitVRLittleEndian}


def test_decoded_images_show_what_the_stored_ones_showed(
    compressed_library: Path, tmp_path: Path
) -> None:
    """Decoding changes no pixel, and a lossy image still says it was compressed lossily."""
    bundle = _export(compressed_library, tmp_path / "OUT")
    by_uid = {}
    for path in (bundle / "DICOM").rglob("IM*"):
        ds = pydicom.dcmread(path)
        by_uid[ds.SOPInstanceUID] = ds
    for name in STORED:
        original = pydicom.dcmread(TEST_FILES / name)
        written = by_uid[uid_of(name)]  # the same image: its UID is kept
        shown = decode_forgiving(original, 0) if name == "JPEG-lossy.dcm" else None
        expected = original.pixel_array if shown is None else shown
        assert np.array_equal(written.pixel_array, expected), name
        if original.get("LossyImageCompression") == "01":
            assert written.LossyImageCompression == "01", name
    assert "STD-GEN-CD" in (bundle / "README.TXT").read_text()  # the profile, declared
