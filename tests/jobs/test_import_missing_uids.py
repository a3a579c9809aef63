"""An image that names no study or series (pydicom's JPEG-LS test images name only their SOP
Instance UID) is imported under a study and series made from its own ID: the same at every
import, said on its record, and carried by its copy in a bundle, which the DICOMDIR lists."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pydicom
import pytest

from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.catalogue.library import Library
from recordorg.formats.dicom_missing_uids import made_up_uid
from recordorg.jobs.export import run_export
from tests.jobs.conftest import run_import

PYDICOM_FILES = Path(pydicom.__file__).parent / "data" / "test_files"
NAMELESS = [
    "JPEGLSNearLossless_08.dcm",
    "JPEGLSNearLossless_16.dcm",
    "SC_rgb_jls_lossy_line.dcm",
    "SC_rgb_jls_lossy_sample.dcm",
]


def folder_of(name: str, tmp_path: Path) -> Path:
    source = PYDICOM_FILES / name
    if not source.is_file():
        pytest.skip(f"pydicom test file {name} is not installed")
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    shutil.copyfile(source, folder / name)
    return folder


@pytest.mark.parametrize("name", NAMELESS)
def test_an_image_without_study_or_series_is_imported_under_ones_made_from_its_id(
    name: str, tmp_path: Path
) -> None:
    folder = folder_of(name, tmp_path)
    sop = str(pydicom.dcmread(folder / name).SOPInstanceUID)
    library = Library.open(tmp_path / "library")
    try:
        report = run_import(library, [folder])
        assert not report.failed, report.failed
        (record_id,) = report.records
        row = (
            library.connection()
            .execute("SELECT study_instance_uid, warnings FROM records WHERE id = ?", (record_id,))
            .fetchone()
        )
        assert row["study_instance_uid"] == made_up_uid("study", sop)
        assert row["study_instance_uid"].startswith("2.25.") and len(row[0]) <= 64
        assert "did not say which study and series they belong to" in row["warnings"]
        again = run_import(library, [folder])  # the same study, found again
        assert again.records in ([], [record_id]) and not again.failed
        count = library.connection().execute("SELECT count(*) FROM records").fetchone()[0]
        assert count == 1
    finally:
        library.close()


def test_its_copy_in_a_bundle_carries_the_same_ids_and_the_dicomdir_lists_it(
    tmp_path: Path,
) -> None:
    name = "SC_rgb_jls_lossy_line.dcm"
    folder = folder_of(name, tmp_path)
    original = pydicom.dcmread(folder / name)
    library = Library.open(tmp_path / "library")
    try:
        report = run_import(library, [folder])
        plan = plan_bundle(library, ids=report.records, options=BundleOptions())
        exported = run_export(library, plan, tmp_path / "BUNDLE")
    finally:
        library.close()
    assert any("named no study or series" in w for w in exported.warnings)
    (path,) = [p for p in (tmp_path / "BUNDLE" / "DICOM").rglob("*") if p.is_file()]
    ds = pydicom.dcmread(path)
    sop = str(original.SOPInstanceUID)
    assert ds.SOPInstanceUID == sop
    assert ds.StudyInstanceUID == made_up_uid("study", sop)
    assert ds.SeriesInstanceUID == made_up_uid("series", sop)
    assert np.array_equal(ds.pixel_array, original.pixel_array)
    dicomdir = pydicom.dcmread(tmp_path / "BUNDLE" / "DICOMDIR")
    records = {r.DirectoryRecordType: r for r in dicomdir.DirectoryRecordSequence}
    assert records["STUDY"].StudyInstanceUID == ds.StudyInstanceUID
    assert records["SERIES"].SeriesInstanceUID == ds.SeriesInstanceUID
