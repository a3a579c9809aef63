"""A PDF carried inside a DICOM file (Encapsulated PDF) is held to the limits of a PDF file
before PDFium reads it: when it is written out for a viewer, as when it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from recordorg.formats.dicom import read_dicom
from recordorg.formats.dicom_document import write_document
from recordorg.formats.extracted import UnreadableFile
from recordorg.formats.pdf_budget import check_unpacked_pdf
from recordorg.samples.dicom import sample_uid
from recordorg.samples.dicom_document import make_encapsulated_report
from tests.samplemakers.hostile import (
    bomb_pdf,
    bomb_report,
    encrypted_bomb_pdf,
    picture_bomb_pdf,
)

TOO_MUCH = r"would need about 2\.0 GB of memory to read"


def test_a_pdf_bomb_inside_a_dicom_file_is_not_written_for_a_viewer(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "report.pdf"
    with pytest.raises(UnreadableFile, match=TOO_MUCH):
        write_document(bomb_report(tmp_path, sample_uid("bomb-report")), target)
    assert not target.exists() and not target.with_name("report.pdf.part").exists()


def test_a_report_that_fits_is_written_as_it_is(tmp_path: Path) -> None:
    made = make_encapsulated_report(
        tmp_path / "REPORT", ["Impression: stable."], study_uid=sample_uid("fits")
    )
    written = write_document(made, tmp_path / "report.pdf")
    assert written.read_bytes().startswith(b"%PDF-")


def test_a_pdf_held_in_memory_is_checked_as_a_pdf_file_is() -> None:
    with pytest.raises(UnreadableFile, match=TOO_MUCH):
        check_unpacked_pdf(bomb_pdf(1 << 30))
    with pytest.raises(UnreadableFile, match=r"too large to open safely \(400 megapixels\)"):
        check_unpacked_pdf(picture_bomb_pdf())
    with pytest.raises(UnreadableFile, match=r"would need more than 143\.1 MB of memory"):
        check_unpacked_pdf(encrypted_bomb_pdf())
    check_unpacked_pdf(bomb_pdf(8 << 20))  # 8 MiB of white space fits
    check_unpacked_pdf(b"")


def test_reading_the_study_keeps_the_file_and_says_its_report_was_not_read(
    tmp_path: Path,
) -> None:
    instance = read_dicom(bomb_report(tmp_path, sample_uid("bomb-report")))
    assert instance.document_pages == []
    assert "would need about 2.0 GB" in instance.meta["document_warning"]
