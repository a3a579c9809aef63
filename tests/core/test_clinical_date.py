"""Choosing the record's date: the right kind wins, a date of birth never does, reasons shown."""

from __future__ import annotations

from datetime import date

from recordorg.core.understanding.clinical_date import FileDate, choose_clinical_date
from recordorg.core.understanding.dates import read_record_dates

TODAY = date(2026, 1, 15)


def choose(text: str, file_dates: list[FileDate] = (), category: str = ""):
    mentions, order = read_record_dates([(1, text)], today=TODAY)
    return choose_clinical_date(mentions, list(file_dates), order, TODAY, category)


def test_examination_date_beats_signature_comparison_and_birth() -> None:
    choice = choose(
        "Name: EXAMPLE, Maria   DOB: 12-Apr-1961\nExam date: 20-Apr-2024\n"
        "COMPARISON: CT of 24-Oct-2023.\nReport signed 2024-04-22 16:05."
    )
    assert (choice.value, choice.kind, choice.source) == ("2024-04-20", "procedure", "text")
    assert '"20-Apr-2024"' in choice.reason and "exam date" in choice.reason
    assert "date of birth is never used" in choice.reason
    others = {c.value: c.kind for c in choice.alternatives}
    assert others == {"2024-04-20": "procedure", "2024-04-22": "report", "2023-10-24": "history"}


def test_a_date_of_birth_is_never_chosen_even_when_it_is_the_only_date() -> None:
    assert choose("Patient born 12 April 1961.").value is None
    only_birth_twice = choose("DOB: 1961-04-12\nsome text 1961-04-12")
    assert only_birth_twice.value is None
    # nor from the file: a DICOM birth date is kept out too
    choice = choose("letter of 1961-04-12", [FileDate("1961-04-12", "dicom", "birth")])
    assert choice.value is None


def test_text_beats_photo_time_and_file_time() -> None:
    choice = choose(
        "2 March 2023\nDear Dr Example,",
        [
            FileDate("2023-03-09", "exif", detail="DateTimeOriginal"),
            FileDate("2026-01-01", "file-time"),
        ],
    )
    assert choice.value == "2023-03-02" and choice.kind == "document"
    no_text = choose(
        "no date here",
        [
            FileDate("2023-03-09", "exif", detail="DateTimeOriginal"),
            FileDate("2026-01-01", "file-time"),
        ],
    )
    assert (no_text.value, no_text.source) == ("2023-03-09", "exif")
    assert "photo was taken" in no_text.reason


def test_discharge_summary_takes_the_discharge_date() -> None:
    choice = choose(
        "Admitted: 03/08/2024   Discharged: 07/08/2024\nFollow-up: clinic on 14/08/2024"
    )
    assert choice.value == "2024-08-07"
    assert "day-first" in (choice.order.explain() if choice.order else "")


def test_a_genomic_test_is_dated_by_its_report() -> None:
    text = "Specimen collected: 2021-04-30   Report date: 2024-05-14"
    assert choose(text, category="genomics").value == "2024-05-14"
    assert choose(text, category="pathology").value == "2021-04-30"


def test_dates_after_today_are_not_the_record_date() -> None:
    assert choose("Letter 2025-11-02. Next appointment 2026-06-01.").value == "2025-11-02"


def test_no_date_at_all() -> None:
    choice = choose("nothing to go by")
    assert choice.value is None and choice.confidence == 0 and "No date" in choice.reason
