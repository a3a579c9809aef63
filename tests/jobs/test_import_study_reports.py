"""A study's reports written as data (a structured report, a wrapped clinical document) are
searchable beside its series and listed as the study's documents."""

from __future__ import annotations

import pydicom

from recordorg.core.catalogue.search import search
from recordorg.core.catalogue.studies import study_documents
from recordorg.samples.dicom import make_series
from tests.jobs.conftest import run_import
from tests.samplemakers.ccda import clinical_document
from tests.samplemakers.dicom_sr import make_text_report, make_wrapped_clinical_document


def test_reports_written_as_data_are_found_beside_the_series(library, tmp_path) -> None:
    disc = tmp_path / "disc"
    images = make_series(disc / "CT", slices=2)
    study = str(pydicom.dcmread(images[0], stop_before_pixels=True).StudyInstanceUID)
    make_text_report(disc / "SR", study_uid=study, findings="New hepatic lesion segment VI.")
    make_wrapped_clinical_document(disc / "CDA", study_uid=study, cda=clinical_document())
    report = run_import(library, [disc], workers=1)
    assert not report.failed
    (record_id,) = report.records
    conn = library.connection()
    assert [hit.record_id for hit in search(conn, "hepatic lesion")] == [record_id]
    assert [hit.record_id for hit in search(conn, "paclitaxel")] == [record_id]
    assert len(study_documents(conn, record_id)) == 2
