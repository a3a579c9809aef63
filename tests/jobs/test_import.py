"""Importing documents, photos and hospital discs: records, studies, dates, duplicates."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from recordorg.core.catalogue import records, search
from recordorg.core.catalogue.check import check_library
from recordorg.samples.documents import make_text_pdf
from recordorg.samples.photos import make_letter_photo, make_multipage_tiff
from tests.jobs.conftest import run_import


def test_documents_and_photos_become_records(library, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_text_pdf(
        folder / "path.pdf",
        "Surgical Pathology Report",
        ["Invasive ductal carcinoma of the left breast."],
        pages=3,
        creation_date=datetime(2025, 2, 17),
    )
    make_letter_photo(
        folder / "letter.jpg",
        ["Dear colleague,", "follow-up in clinic"],
        taken=datetime(2024, 5, 16, 19, 30),
        orientation=6,
    )
    make_letter_photo(
        folder / "phone.heic", ["Appointment letter"], fmt="HEIC", taken=datetime(2024, 6, 1, 9, 0)
    )
    make_multipage_tiff(folder / "fax.tif", [["page one"], ["page two"]])
    (folder / "notes.txt").write_text("Questions for the oncologist: trial eligibility")
    report = run_import(library, [folder], person="Maria Example")
    assert report.counts()["imported"] == 5 and not report.failed, report.to_json()

    conn = library.connection()
    by_name = {r.original_name: r for r in records.list_records(conn)}
    pdf = by_name["path.pdf"]
    assert (pdf.kind, pdf.page_count, pdf.person) == ("pdf", 3, "Maria Example")
    assert pdf.clinical_date == "2025-02-17" and pdf.date_source in ("pdf-metadata", "text")
    assert "carcinoma" in records.record_pages(conn, pdf.id)[0]["text"].lower()
    photo = by_name["letter.jpg"]
    assert (photo.kind, photo.clinical_date, photo.date_source) == ("image", "2024-05-16", "exif")
    assert library.thumbnail_path(photo.id).exists()
    assert by_name["phone.heic"].clinical_date == "2024-06-01"
    assert by_name["fax.tif"].page_count == 2
    other = by_name["notes.txt"]
    assert other.kind == "other"
    assert [h.record_id for h in search.search(conn, "notes")] == [other.id]
    assert check_library(library).ok


def test_same_bytes_again_are_duplicates(library, tmp_path: Path) -> None:
    pdf = make_text_pdf(tmp_path / "a.pdf", "Clinic letter", ["Seen today."])
    copy = tmp_path / "copy" / "renamed.pdf"
    copy.parent.mkdir()
    copy.write_bytes(pdf.read_bytes())
    first = run_import(library, [pdf])
    second = run_import(library, [copy])
    record_id = first.imported[0].record_id
    assert second.imported == []
    assert second.duplicates[0].record_id == record_id
    assert f"record {record_id}" in second.duplicates[0].reason
    assert len(list(library.stored_originals())) == 1


def test_hospital_disc_is_read_through_dicomdir(library, hospital_disc: dict) -> None:
    report = run_import(library, [hospital_disc["root"]])
    conn = library.connection()
    studies = records.list_records(conn, records.RecordFilter(kind="dicom"))
    assert len(studies) == 1  # one study is one record
    study = studies[0]
    assert (study.series_count, study.instance_count) == (2, 10)
    assert study.category == "imaging-study" and study.clinical_date == "2025-03-03"
    assert study.date_source == "dicom-study-date"
    assert study.meta["modalities"] == ["CT"]
    assert library.thumbnail_path(study.id).exists()
    skipped = {Path(i.path).name: i.reason for i in report.skipped}
    for junk in hospital_disc["junk_files"]:
        assert junk.name in skipped, junk
    assert "DICOMDIR" in skipped
    assert not any("viewer" in Path(i.path).parts for i in report.imported)
    # the disc's PDF report is a record of its own
    assert records.list_records(conn, records.RecordFilter(kind="pdf"))
    again = run_import(library, [hospital_disc["root"]])
    assert again.imported == [] and len(again.duplicates) == 11
    assert check_library(library).ok


def test_missing_file_listed_in_dicomdir_is_reported(tmp_path, library) -> None:
    from recordorg.samples.dicom import make_medium

    disc = make_medium(
        tmp_path / "CD", studies=[{"slices": 3}], with_viewer_junk=False, with_report=False
    )
    disc["dicom_files"][0].unlink()
    report = run_import(library, [disc["root"]])
    assert len(report.imported) == 2
    assert any("missing from the disc" in i.reason for i in report.failed)


def test_compressed_and_preambleless_dicom(library, tmp_path: Path) -> None:
    from pydicom.uid import JPEG2000Lossless, RLELossless

    from recordorg.samples.dicom import make_series

    make_series(
        tmp_path / "rle",
        slices=2,
        transfer_syntax=RLELossless,
        series_number=1,
        study_uid="1.2.826.0.1.3680043.8.498.1",
    )
    make_series(
        tmp_path / "j2k",
        slices=2,
        transfer_syntax=JPEG2000Lossless,
        series_number=2,
        study_uid="1.2.826.0.1.3680043.8.498.1",
    )
    make_series(
        tmp_path / "raw",
        slices=2,
        preamble=False,
        series_number=3,
        file_names=None,
        study_uid="1.2.826.0.1.3680043.8.498.1",
    )
    report = run_import(library, [tmp_path])
    assert not report.failed, report.to_json()
    conn = library.connection()
    (study,) = records.list_records(conn)
    assert (study.series_count, study.instance_count) == (3, 6)
    syntaxes = {r[0] for r in conn.execute("SELECT transfer_syntax FROM dicom_instances")}
    assert {str(RLELossless), str(JPEG2000Lossless)} <= syntaxes
    assert library.thumbnail_path(study.id).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_json_shape(library, tmp_path: Path) -> None:
    make_text_pdf(tmp_path / "x.pdf", "Letter", ["text"])
    (tmp_path / "empty.pdf").write_bytes(b"")
    data = run_import(library, [tmp_path]).to_json()
    json.dumps(data)
    assert data["counts"]["imported"] == 1 and data["counts"]["failed"] == 1
    assert data["failed"][0]["reason"] == "The file is empty (0 bytes)."


def test_a_report_inside_the_study_makes_it_searchable(library, tmp_path: Path) -> None:
    from recordorg.samples.dicom import make_series, sample_uid
    from recordorg.samples.dicom_document import make_encapsulated_report

    study_uid = sample_uid("study-with-report")
    make_series(tmp_path / "ct", slices=3, study_uid=study_uid, study_date="20250303")
    make_encapsulated_report(
        tmp_path / "doc" / "REPORT",
        [
            "Findings: a 14 mm lesion in segment VII of the liver, new since 12 January 2025.",
            "Impression: progression of hepatic metastasis.",
        ],
        study_uid=study_uid,
    )
    report = run_import(library, [tmp_path])
    assert not report.failed, report.to_json()
    conn = library.connection()
    (study,) = records.list_records(conn)
    assert (study.kind, study.series_count, study.instance_count) == ("dicom", 2, 4)
    assert study.clinical_date == "2025-03-03"  # the study's own date, not one in the report
    hits = search.search(conn, "hepatic metastasis")
    assert [(hit.record_id, hit.page) for hit in hits] == [(study.id, 1)]
    assert check_library(library).ok


def test_a_pdfs_making_date_is_told_from_its_last_saving(library, tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    made = make_text_pdf(
        tmp_path / "made.pdf",
        "Letter",
        ["Thank you for seeing her."],
        creation_date=datetime(2024, 3, 1, 9, 30),
    )
    writer = PdfWriter(clone_from=PdfReader(made))
    writer.add_metadata({"/ModDate": "D:20240630120000Z"})  # saved again later
    with open(tmp_path / "letter.pdf", "wb") as out:
        writer.write(out)
    made.unlink()
    report = run_import(library, [tmp_path])
    assert not report.failed
    conn = library.connection()
    found = {
        (row[0], row[1])
        for row in conn.execute(
            "SELECT value, detail FROM found_dates WHERE source = 'pdf-metadata'"
        )
    }
    assert found == {("2024-03-01", "created"), ("2024-06-30", "modified")}
    (record,) = records.list_records(conn)
    assert record.clinical_date == "2024-03-01"


def test_a_study_counts_its_images_and_reports_apart(library, tmp_path: Path) -> None:
    from recordorg.samples.dicom import make_series, sample_uid
    from recordorg.samples.dicom_document import make_encapsulated_report

    study_uid = sample_uid("counted-apart")
    make_series(tmp_path / "ct", slices=3, study_uid=study_uid)
    make_encapsulated_report(
        tmp_path / "doc" / "REPORT", ["Impression: stable."], study_uid=study_uid
    )
    run_import(library, [tmp_path])
    (study,) = records.list_records(library.connection())
    assert (study.instance_count, study.image_count, study.report_count) == (4, 3, 1)


def test_a_portal_download_is_dated_by_its_text_never_by_the_download(
    library, tmp_path: Path
) -> None:
    """A PDF downloaded from a patient portal is made on the day it is downloaded (and
    imported); the date its text states is the record's date, and without one it has none."""
    today = datetime.now()
    make_text_pdf(
        tmp_path / "in" / "summary.pdf",
        "Treatment summary",
        ["Cycle 1 Day 1: 2025-03-10", "Paclitaxel weekly, tolerated well."],
        creation_date=today,
    )
    make_text_pdf(
        tmp_path / "in" / "undated.pdf",
        "Patient information",
        ["How to look after your port at home."],
        creation_date=today,
    )
    report = run_import(library, [tmp_path / "in"])
    assert not report.failed
    conn = library.connection()
    by_name = {r.original_name: r for r in records.list_records(conn)}
    summary = by_name["summary.pdf"]
    assert (summary.clinical_date, summary.date_source) == ("2025-03-10", "text")
    undated = by_name["undated.pdf"]
    assert (undated.clinical_date, undated.date_source) == (None, None)
    assert undated.date_shown == ""
