"""Reports written as data inside a study (structured reports, wrapped clinical documents):
their words are read as pages and drawn as a PDF for viewing."""

from __future__ import annotations

from pathlib import Path

import pypdfium2

from recordorg.formats.dicom import read_dicom
from recordorg.formats.dicom_document import is_document_class, write_document
from tests.samplemakers.ccda import clinical_document
from tests.samplemakers.dicom_sr import make_text_report, make_wrapped_clinical_document

STUDY = "1.2.826.0.1.3680043.8.498.77"


def test_a_structured_report_reads_as_sections_of_words(tmp_path: Path) -> None:
    path = make_text_report(tmp_path / "SR", study_uid=STUDY, findings="New liver lesion.")
    instance = read_dicom(path)
    assert is_document_class(instance.sop_class_uid)
    assert instance.meta["document_title"] == "CT chest report"
    texts = [page.text for page in instance.document_pages]
    assert texts[0] == "CT chest report\nFindings: New liver lesion.\nLargest lesion: 23 mm"
    assert texts[1] == "Impression\nImpression: Progressive disease."


def test_a_structured_report_is_drawn_as_a_pdf(tmp_path: Path) -> None:
    path = make_text_report(tmp_path / "SR", study_uid=STUDY, findings="New liver lesion.")
    target = write_document(path, tmp_path / "cache" / "sr.pdf")
    document = pypdfium2.PdfDocument(str(target))
    text = document[0].get_textpage().get_text_range()
    assert "New liver lesion." in text and "Progressive disease." in text


def test_a_wrapped_clinical_document_reads_its_narrative(tmp_path: Path) -> None:
    path = make_wrapped_clinical_document(
        tmp_path / "CDA", study_uid=STUDY, cda=clinical_document(title="Radiology report")
    )
    instance = read_dicom(path)
    assert instance.meta["document_title"] == "Radiology report"
    assert any("Paclitaxel" in page.text for page in instance.document_pages)
    target = write_document(path, tmp_path / "cda.pdf")
    text = pypdfium2.PdfDocument(str(target))[0].get_textpage().get_text_range()
    assert "Problems" in text and "Ada Testa" not in text  # the study names the patient


def test_a_damaged_wrapped_document_leaves_the_instance_readable(tmp_path: Path) -> None:
    path = make_wrapped_clinical_document(
        tmp_path / "CDA", study_uid=STUDY, cda=clinical_document()[:300]
    )
    instance = read_dicom(path)
    assert instance.document_pages == []
    assert "could not be read" in instance.meta["document_warning"]
