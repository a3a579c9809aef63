"""A bundle writes the reports a study carries as PDFs of their own only when they keep to
the limits of a PDF file (a browser or viewer reads them with PDFium); one over them stays
inside its study, as it came."""

from __future__ import annotations

import re
from pathlib import Path

import pydicom

from recordorg.bundle.plan import plan_bundle
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.studies import ENCAPSULATED_PDF
from recordorg.core.progress import run_to_end
from recordorg.jobs.export import export_bundle
from recordorg.jobs.importer import import_paths
from recordorg.samples.dicom import make_series, sample_uid
from tests.samplemakers.hostile import bomb_report


def test_a_bundle_does_not_write_out_a_report_over_the_limits(tmp_path: Path) -> None:
    study_uid = sample_uid("study-with-bomb-report")
    make_series(tmp_path / "in" / "ct", slices=2, study_uid=study_uid, study_date="20250303")
    bomb_report(tmp_path / "in" / "doc", study_uid)
    library = Library.open(tmp_path / "library")
    try:
        run_to_end(import_paths(library, [tmp_path / "in"], workers=1))
        report = run_to_end(export_bundle(library, plan_bundle(library), tmp_path / "BUNDLE"))
        assert not report.cancelled
    finally:
        library.close()
    bundle = tmp_path / "BUNDLE"
    assert not [p.name for p in bundle.rglob("*") if re.fullmatch(r"R\d{7}\.PDF", p.name)]
    carried = [p for p in bundle.rglob("*") if p.is_file() and _sop_class(p) == ENCAPSULATED_PDF]
    assert len(carried) == 1  # still inside its study, as it came


def _sop_class(path: Path) -> str:
    try:
        return str(pydicom.dcmread(path, stop_before_pixels=True).get("SOPClassUID", ""))
    except pydicom.errors.InvalidDicomError:
        return ""
