"""REVIEW.PDF's study page notes an image of a series that cannot be drawn, beside the one
that can (a series of two images never shows one without a word about the other)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pydicom

from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.catalogue.library import Library
from recordorg.jobs.export import run_export
from recordorg.jobs.importer import import_paths
from tests.samplemakers.hostile import damaged_jpeg_dicom

from .conftest import pdf_texts, run

PERSON = "Nora Example"
TWELVE_BIT_JPEG = Path(pydicom.__file__).parent / "data" / "test_files" / "JPEG-lossy.dcm"


def test_a_series_with_an_undecodable_image_says_so(tmp_path: Path) -> None:
    disc = tmp_path / "disc"
    disc.mkdir()
    shutil.copy(TWELVE_BIT_JPEG, disc / "IM000001")
    damaged_jpeg_dicom(TWELVE_BIT_JPEG, disc / "IM000002", instance_number=9)
    library = Library.open(tmp_path / "library")
    try:
        report = run(import_paths(library, [disc], person=PERSON))
        assert not report.failed, report.to_json()
        plan = plan_bundle(library, person=PERSON, options=BundleOptions(made_by="Ana"))
        run_export(library, plan, tmp_path / "BUNDLE", today=date(2024, 9, 1))
    finally:
        library.close()
    texts = [
        t.replace("\r\n", " ").replace("\n", " ")
        for t in pdf_texts(tmp_path / "BUNDLE" / "REVIEW.PDF")
    ]
    (study,) = [t for t in texts if "2 images in 1 series" in t]
    assert "Another image of this series cannot be shown" in study, study
    assert "damaged" in study
