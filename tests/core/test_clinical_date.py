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


def test_a_date_the_text_states_outranks_the_pdfs_own_dates() -> None:
    made = [FileDate("2025-03-11", "pdf-metadata", detail="created")]
    choice = choose("Cycle 1 Day 1: 03/10/2025\nPaclitaxel 80 mg/m2", made)
    assert (choice.source, choice.value) == ("text", "2025-10-03")
    assert all(c.source == "text" for c in choice.alternatives)


def test_the_import_day_is_never_a_records_date() -> None:
    downloaded = [FileDate(TODAY.isoformat(), "pdf-metadata", detail="created")]
    assert choose("Dear Dr Example, thank you.", downloaded).value is None
    later = [FileDate("2026-02-01", "file-time")]  # later than the import day too
    assert choose("Dear Dr Example, thank you.", later).value is None
    with_text = choose("Letter 2025-06-02\nDear Dr Example,", downloaded)
    assert (with_text.value, with_text.source) == ("2025-06-02", "text")


def test_a_file_date_later_than_every_text_date_is_never_chosen() -> None:
    # the only text date is a comparison (not the record's own day); the PDF was made later
    earlier = choose(
        "Compared with the CT of 2024-01-02.", [FileDate("2024-05-01", "pdf-metadata")]
    )
    assert (earlier.value, earlier.source) == ("2024-01-02", "text")
    # a file date before the text's dates may date a record whose text gives no day of its own
    before = choose("Next review 2024-06-01.", [FileDate("2024-05-01", "pdf-metadata")])
    assert (before.value, before.source) == ("2024-05-01", "pdf-metadata")


def test_exif_counts_only_as_the_time_the_photo_was_taken() -> None:
    edited = [FileDate("2024-02-02", "exif", detail="DateTime")]  # last saved by an editor
    assert choose("a photographed page without dates", edited).value is None
    taken = [FileDate("2024-02-02", "exif", detail="DateTimeOriginal")]
    assert choose("a photographed page without dates", taken).value == "2024-02-02"


def test_a_period_gives_the_record_a_start_and_an_end() -> None:
    choice = choose("Treatment dates: 04/01/2025 - 04/14/2025\nCompleted as planned.")
    assert (choice.value, choice.start, choice.end) == ("2025-04-01", "2025-04-01", "2025-04-14")
    assert "covers 1 Apr 2025 – 14 Apr 2025" in choice.reason
    assert not any(c.value == "2025-04-14" for c in choice.alternatives)  # the end is not a date


def test_a_discharge_summary_is_dated_by_its_discharge_not_its_dictation() -> None:
    text = (
        "DISCHARGE SUMMARY\nAdmission date: 2024-08-03\nDischarge date: 2024-08-07\n"
        "Dictated: 2024-08-09 by Dr Example\nDiagnoses: febrile neutropenia."
    )
    choice = choose(text, category="discharge-summary")
    assert (choice.value, choice.kind) == ("2024-08-07", "discharge")
    assert (choice.start, choice.end) == ("2024-08-03", "2024-08-07")


def test_a_date_written_without_its_day_is_kept_as_written() -> None:
    choice = choose("Clinic letter, March 2023\nDear Dr Example,")
    assert (choice.value, choice.precision) == ("2023-03-01", "month")
    whole = choose("Clinic letter, March 2023\nSeen on 14 March 2023.")
    assert (whole.value, whole.precision) == ("2023-03-14", "day")


def test_a_stay_given_as_a_period_dates_its_summary_by_the_last_day() -> None:
    text = "Discharge Summary\nEncounter date: September 9, 2014 to September 16, 2014\n"
    choice = choose(text, category="discharge-summary")
    assert (choice.value, choice.start, choice.end) == ("2014-09-16", "2014-09-09", "2014-09-16")
    assert "day the stay ended" in choice.reason


def test_a_period_from_birth_leaves_its_end_as_a_date() -> None:
    text = "Date of birth: May 1, 1975\nService performed: May 1, 1975 to August 15, 2013\n"
    assert choose(text).value == "2013-08-15"


def test_an_encounter_date_is_a_visit() -> None:
    text = "Encounter date: February 27, 2009\nDocument created: September 16, 2012\n"
    choice = choose(text)
    assert (choice.value, choice.kind) == ("2009-02-27", "visit")


def test_a_course_of_care_over_months_yields_to_the_day_of_the_visit() -> None:
    text = (
        "Progress Note\nEncounter date: March 29, 2005\n"
        "Service performed: June 1, 2010 to September 15, 2010\n"
        "Document created: March 29, 2005\n"
    )
    assert choose(text).value == "2005-03-29"
    # a period of days is still the record's own (a course of radiotherapy, a stay)
    short = "Encounter date: March 29, 2005\nService performed: June 1, 2010 to June 12, 2010\n"
    assert (choose(short).value, choose(short).end) == ("2010-06-01", "2010-06-12")


def test_a_date_something_stops_applying_is_never_the_records_day() -> None:
    """A result's sharing restriction 'Effective Until 01/29/2023' (a table's column) or a
    card that 'expires' is no date of the result: alone, the record says no date found."""
    table = (
        "RESULTS\nHIV 1 Ab | Reactive | Abnormal\n"
        "Subject | Information safe to disclose? | Effective Until\n"
        "Patient | No | 01/29/2023 12:00 PM CST\n"
    )
    mentions, _ = read_record_dates([(1, table)], today=TODAY)
    assert [(m.value, m.kind) for m in mentions] == [("2023-01-29", "expiry")]
    assert choose(table).value is None
    assert choose("Insurance card. Valid until 31/12/2025.").value is None
    letter = choose("Seen in clinic on 3 March 2025. This letter expires on 3 June 2025.")
    assert letter.value == "2025-03-03"


def test_a_relatives_illness_or_death_is_never_the_records_day() -> None:
    table = (
        "FAMILY HISTORY\nMember | Relation | Problem | Age of Onset | Comments\n"
        "A Person | Father | Stroke | 72 | Cause of death, January 2003\n"
    )
    mentions, _ = read_record_dates([(1, table)], today=TODAY)
    assert [(m.value, m.precision, m.kind) for m in mentions] == [
        ("2003-01-01", "month", "relative")
    ]
    assert choose(table).value is None
    letter = choose("Seen on 3 March 2025. Familienanamnese: Vater verstorben, Todesursache 1998.")
    assert letter.value == "2025-03-03"


def test_a_date_in_a_table_cell_is_read_by_its_columns_heading() -> None:
    table = (
        "Encounter | Performer | Location | Date | Discharge Disposition\n"
        "Checkup | Dr Name | Urgent Care | September 27, 2012 at 1:00pm | Home\n"
    )
    mentions, _ = read_record_dates([(1, table)], today=TODAY)
    assert [(m.value, m.kind) for m in mentions] == [("2012-09-27", "document")]
    assert choose(table).value == "2012-09-27"
    rows = "Test | Result | Collected\nHb | 11.2 | 02/03/2025\nWBC | 5.1 | 02/03/2025\n"
    mentions, _ = read_record_dates([(1, rows)], today=TODAY)
    assert {m.kind for m in mentions} == {"collection"}
