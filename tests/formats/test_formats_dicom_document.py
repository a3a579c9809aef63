"""Reports carried inside DICOM files (Encapsulated PDF): their text and their bytes."""

from __future__ import annotations

from pathlib import Path

import pydicom

from recordorg.formats.dicom import read_dicom
from recordorg.formats.dicom_document import write_document
from recordorg.samples.dicom_document import make_encapsulated_report

FINDINGS = ["Findings: a 14 mm lesion in segment VII of the liver.", "Impression: progression."]


def test_the_report_inside_is_read_like_any_pdf(tmp_path: Path) -> None:
    path = make_encapsulated_report(tmp_path / "REPORT", FINDINGS, study_uid="1.2.3.4")
    instance = read_dicom(path)
    assert not instance.has_pixels and instance.rows == 0
    assert instance.meta["document_title"] == "CT REPORT"
    assert len(instance.document_pages) == 1
    assert "segment VII of the liver" in instance.document_pages[0].text


def test_the_pdf_comes_out_byte_for_byte_whatever_its_length(tmp_path: Path) -> None:
    for extra in (b"", b"\n"):  # an even and an odd length (DICOM pads odd values)
        source = make_encapsulated_report(tmp_path / "a" / "R", FINDINGS, study_uid="1.2.3")
        pdf = bytes(pydicom.dcmread(source).EncapsulatedDocument)
        pdf = pdf[: int(pydicom.dcmread(source).EncapsulatedDocumentLength)] + extra
        path = make_encapsulated_report(tmp_path / f"R{len(extra)}", [], study_uid="1.2.3", pdf=pdf)
        assert write_document(path, tmp_path / "out.pdf").read_bytes() == pdf


def test_a_damaged_report_leaves_the_instance_readable_and_says_so(tmp_path: Path) -> None:
    path = make_encapsulated_report(
        tmp_path / "BROKEN", [], study_uid="1.2.3.4", pdf=b"%PDF-1.4\n1 0 obj\n<< garbage"
    )
    instance = read_dicom(path)
    assert instance.document_pages == []
    assert "could not be read" in instance.meta["document_warning"]
