"""The OCR job after an import: pages read and searchable, suggestions made, progress shown."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from recordorg.core.catalogue import records, search
from recordorg.core.progress import CancelToken, Progress
from recordorg.formats.ocr import tesseract_command
from recordorg.jobs.ocr import pages_to_read, read_scans
from recordorg.samples.documents import make_scanned_pdf, make_text_pdf
from recordorg.samples.photos import make_letter_photo
from tests.jobs.conftest import run_import

needs_tesseract = pytest.mark.skipif(
    tesseract_command() is None and not os.environ.get("CI"),
    reason="Tesseract is not installed here (.ci/run installs it, so CI runs these)",
)
SCAN = [
    "Radiology Report",
    "Patient: Jane Example   DOB: 12/04/1961",
    "Exam date: 14/02/2025",
    "EXAM: CT CHEST ABDOMEN PELVIS WITH CONTRAST",
    "FINDINGS: several liver metastases. IMPRESSION: progressive disease.",
]
LETTER = [
    "Cancer Centre",
    "3 March 2025",
    "Dear Dr Fictitious,",
    "Thank you for referring Mrs Example to the oncology clinic.",
    "Yours sincerely,",
]


def drive(job):
    steps = []
    try:
        while True:
            steps.append(next(job))
    except StopIteration as stop:
        return stop.value, steps


@pytest.fixture
def imported(library, tmp_path: Path) -> dict[str, int]:
    folder = tmp_path / "in"
    make_scanned_pdf(folder / "scan.pdf", SCAN, dpi=150)
    make_letter_photo(
        folder / "letter.jpg",
        LETTER,
        size=(1200, 1600),
        skew_degrees=3,
        orientation=6,
        taken=datetime(2025, 3, 9, 18, 0),
    )
    make_text_pdf(folder / "typed.pdf", "Clinic letter", ["Seen today, 2 March 2025."])
    run_import(library, [folder])
    conn = library.connection()
    return {r.original_name: r.id for r in records.list_records(conn)}


def test_import_leaves_scans_waiting_and_typed_text_read(library, imported) -> None:
    waiting = pages_to_read(library.connection())
    assert {p.record_id for p in waiting} == {imported["scan.pdf"], imported["letter.jpg"]}
    typed = records.get_record(library.connection(), imported["typed.pdf"])
    assert typed.clinical_date == "2025-03-02" and typed.category == "clinic-letter"


@needs_tesseract
def test_ocr_reads_pages_makes_them_searchable_and_suggests(library, imported) -> None:
    report, steps = drive(read_scans(library, workers=2))
    assert not report.unavailable and not report.failed
    assert report.pages == 2 and sorted(report.records) == sorted(
        [imported["scan.pdf"], imported["letter.jpg"]]
    )
    assert steps[-1].done == steps[-1].total == 2 and all(isinstance(s, Progress) for s in steps)
    conn = library.connection()
    scan = records.get_record(conn, imported["scan.pdf"])
    pages = records.record_pages(conn, scan.id)
    assert pages[0]["source"] == "ocr" and "metastases" in pages[0]["text"]
    assert scan.id in [h.record_id for h in search.search(conn, "metastases")]
    assert (scan.clinical_date, scan.category) == ("2025-02-14", "imaging-report")
    assert scan.title == "CT chest/abdomen/pelvis — 14 Feb 2025"
    letter = records.get_record(conn, imported["letter.jpg"])
    assert letter.clinical_date == "2025-03-03"  # the letter's own date, not the photo's
    assert letter.category == "clinic-letter"
    assert pages_to_read(conn) == []
    again, _ = drive(read_scans(library, [scan.id], again=True, workers=1))
    assert again.pages == 1


def test_without_tesseract_nothing_changes_and_the_reason_is_given(
    library, imported, monkeypatch
) -> None:
    monkeypatch.setenv("RECORDORG_TESSERACT", "none")
    report, steps = drive(read_scans(library))
    assert "Tesseract" in report.unavailable and "install" in report.unavailable.lower()
    assert steps == [] and report.pages == 0
    assert len(pages_to_read(library.connection())) == 2


@needs_tesseract
def test_cancel_stops_before_the_next_page(library, imported) -> None:
    cancel = CancelToken()
    cancel.cancel()
    report, _ = drive(read_scans(library, cancel=cancel, workers=1))
    assert report.cancelled and report.pages == 0
    assert len(pages_to_read(library.connection())) == 2
