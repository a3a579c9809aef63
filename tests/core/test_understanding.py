"""Applying suggestions to records: what a person set is never overwritten; choices are learned."""

from __future__ import annotations

from recordorg.core.catalogue import editing, records
from recordorg.core.catalogue.settings import get_setting, set_setting
from recordorg.core.errors import UserError
from recordorg.core.understanding.record_understanding import analyse_record
from recordorg.core.understanding.stored import (
    chosen_categories,
    library_order_votes,
    stored_suggestion,
)
from tests.core.helpers import add_record

PATHOLOGY = (
    "SURGICAL PATHOLOGY REPORT\nPatient: Jane Example   DOB: 04/12/1961\n"
    "Collected: 02/14/2023   Reported: 02/17/2023\n"
    "SPECIMEN: Left breast, core needle biopsy.\nFinal diagnosis: invasive carcinoma. "
    "Immunohistochemistry: ER positive."
)


def test_suggestions_are_applied_and_stored_with_reasons(library) -> None:
    conn = library.connection()
    record_id = add_record(conn, "scan0001", [PATHOLOGY])
    u = analyse_record(conn, record_id)
    assert u.applied == {"date": True, "category": True, "title": True}
    record = records.get_record(conn, record_id)
    assert (record.clinical_date, record.date_source) == ("2023-02-14", "text")
    assert record.category == "pathology"
    assert record.title == "Surgical pathology — left breast core biopsy"
    stored = stored_suggestion(conn, record_id)
    assert stored["category"] == "pathology" and "surgical pathology" in stored["category_words"]
    assert stored["date_value"] == "2023-02-14" and "collection" in stored["date_reason"]
    found = conn.execute(
        "SELECT value, kind, confidence, reason FROM found_dates WHERE "
        "record_id = ? AND source = 'text' ORDER BY value",
        (record_id,),
    )
    kinds = {row["value"]: (row["kind"], row["reason"]) for row in found}
    assert kinds["1961-04-12"] == ("birth", "dob")
    assert kinds["2023-02-17"][0] == "report"
    assert library_order_votes(conn) == (0, 2)  # 02/14 and 02/17 can only be month-first


def test_a_confirmed_date_a_chosen_category_and_a_written_title_are_kept(library) -> None:
    conn = library.connection()
    record_id = add_record(conn, "scan", [PATHOLOGY])
    analyse_record(conn, record_id)
    editing.apply_change(
        conn,
        [record_id],
        editing.RecordChange(clinical_date="2023-02-20", category="surgery", title="Biopsy result"),
    )
    u = analyse_record(conn, record_id)
    assert u.applied == {"date": False, "category": False, "title": False}
    assert u.date_confirmed and u.category_chosen
    assert u.date.value == "2023-02-14"  # still suggested, only not applied
    record = records.get_record(conn, record_id)
    assert (record.clinical_date, record.category, record.title) == (
        "2023-02-20",
        "surgery",
        "Biopsy result",
    )
    assert chosen_categories(conn)[0][1:] == ("surgery", record_id)


def test_below_the_confidence_setting_a_category_is_only_suggested(library) -> None:
    conn = library.connection()
    assert get_setting(conn, "category_auto_apply") == "0.5"
    set_setting(conn, "category_auto_apply", "100%")  # never apply, only suggest
    record_id = add_record(conn, "scan", [PATHOLOGY])
    u = analyse_record(conn, record_id)
    assert u.category.category == "pathology" and not u.applied["category"]
    assert records.get_record(conn, record_id).category == "other"
    assert stored_suggestion(conn, record_id)["category_applied"] == 0
    assert not chosen_categories(conn)  # applying suggestions is not a person's choice


def test_without_apply_nothing_changes(library) -> None:
    conn = library.connection()
    record_id = add_record(conn, "scan", [PATHOLOGY])
    u = analyse_record(conn, record_id, apply=False)
    assert u.date.value == "2023-02-14"
    assert records.get_record(conn, record_id).clinical_date is None
    assert stored_suggestion(conn, record_id) is None


def test_library_day_month_setting(library) -> None:
    conn = library.connection()
    record_id = add_record(conn, "letter", ["Letter dated 03/04/2025. Dear Dr Example,"])
    assert analyse_record(conn, record_id).date.value == "2025-04-03"  # day-first by default
    set_setting(conn, "date_order", "month-first")
    assert analyse_record(conn, record_id).date.value == "2025-03-04"
    for bad in (("date_order", "sideways"), ("category_auto_apply", "2"), ("nothing", "1")):
        try:
            set_setting(conn, *bad)
        except UserError as error:
            assert str(error)
        else:
            raise AssertionError(f"{bad} was accepted")


def test_a_period_and_a_precision_are_stored_on_the_record(library) -> None:
    conn = library.connection()
    course = add_record(conn, "rt", ["Treatment dates: 04/01/2025 - 04/14/2025\nT10-L2 spine"])
    analyse_record(conn, course)
    record = records.get_record(conn, course)
    assert (record.clinical_date, record.date_precision) == ("2025-04-01", "day")
    assert record.period == ("2025-04-01", "2025-04-14")
    assert record.date_shown == "1 Apr 2025 – 14 Apr 2025"
    letter = add_record(conn, "letter", ["Clinic letter, March 2023\nDear Dr Example,"])
    analyse_record(conn, letter)
    record = records.get_record(conn, letter)
    assert (record.clinical_date, record.date_precision) == ("2023-03-01", "month")
    assert (record.date_shown, record.date_as_written) == ("Mar 2023", "2023-03")
    assert record.period == ("2023-03-01", "2023-03-01") and record.clinical_date_end is None
    stored = stored_suggestion(conn, letter)
    assert (stored["date_value"], stored["date_precision"]) == ("2023-03-01", "month")
    precisions = conn.execute(
        "SELECT precision FROM found_dates WHERE record_id = ? AND source = 'text'", (letter,)
    ).fetchall()
    assert [p[0] for p in precisions] == ["month"]


def test_a_record_without_a_date_says_so_rather_than_borrowing_one(library) -> None:
    conn = library.connection()
    record_id = add_record(conn, "download", ["Dear Dr Example, thank you."])
    imported = records.get_record(conn, record_id).imported_at[:10]
    conn.execute(  # a portal's PDF is made the day it is downloaded and imported
        "INSERT INTO found_dates(record_id, value, source, kind, detail) "
        "VALUES (?, ?, 'pdf-metadata', 'document', 'created')",
        (record_id, imported),
    )
    u = analyse_record(conn, record_id)
    record = records.get_record(conn, record_id)
    assert u.date.value is None and record.clinical_date is None
    assert record.date_shown == "" and "No date found" in u.date.reason


def test_a_person_may_set_a_month_or_a_year(library) -> None:
    conn = library.connection()
    record_id = add_record(conn, "old letter", ["Dear Dr Example"])
    editing.apply_change(conn, [record_id], editing.RecordChange(clinical_date="Mar 2023"))
    record = records.get_record(conn, record_id)
    assert (record.clinical_date, record.date_precision, record.date_source) == (
        "2023-03-01",
        "month",
        "user",
    )
    assert record.date_shown == "Mar 2023"
    analyse_record(conn, record_id)  # reading again keeps what a person set
    assert records.get_record(conn, record_id).date_precision == "month"
    editing.apply_change(conn, [record_id], editing.RecordChange(clinical_date="2021"))
    assert records.get_record(conn, record_id).date_shown == "2021"


def test_undoing_a_date_edit_puts_back_the_period_and_precision(library) -> None:
    from recordorg.core.catalogue import snapshots

    conn = library.connection()
    course = add_record(conn, "rt", ["Treatment dates: 04/01/2025 - 04/14/2025\nT10-L2 spine"])
    analyse_record(conn, course)
    before = snapshots.snapshot(conn, [course])
    editing.apply_change(conn, [course], editing.RecordChange(clinical_date="Mar 2023"))
    assert records.get_record(conn, course).period == ("2023-03-01", "2023-03-01")
    snapshots.restore(conn, before)
    record = records.get_record(conn, course)
    assert (record.period, record.date_precision) == (("2025-04-01", "2025-04-14"), "day")


def test_the_persons_own_birthday_never_dates_their_record(library) -> None:
    """A lab report laid out as a form prints the date of birth far from its label; the
    person the record is filed under was born that day, so it is no date of the record."""
    from recordorg.core.catalogue.patient_identity import set_identity
    from recordorg.core.catalogue.people import add_person

    conn = library.connection()
    person_id = add_person(conn, "Jane Example")
    set_identity(conn, "Jane Example", birth_date="1990-01-23")
    form = "LabCorp\nAge (Y/M/D) Date of Birth Sex\nNORMAL REPORT\n01/23/90 F\nANA negative"
    record_id = add_record(conn, "lab report", [form])
    conn.execute("UPDATE records SET person_id = ? WHERE id = ?", (person_id, record_id))
    u = analyse_record(conn, record_id)
    assert u.date.value is None, u.date.reason


def test_a_record_moved_to_a_person_born_on_its_date_is_read_again(library) -> None:
    """Read before anyone knew whose it was, the form took the birthday as its date; moved to
    the person born that day (or their birthday set later), it is read again and loses it.
    A date a person set stays."""
    from recordorg.core.catalogue.editing import RecordChange, apply_change
    from recordorg.core.catalogue.patient_identity import set_identity
    from recordorg.core.catalogue.people import add_person
    from recordorg.core.understanding.record_understanding import reread_birthday_dated

    conn = library.connection()
    add_person(conn, "Jane Example")
    form = "LabCorp\nAge (Y/M/D) Date of Birth Sex\nNORMAL REPORT\n01/23/90 F\nANA negative"
    moved, confirmed = add_record(conn, "lab report", [form]), add_record(conn, "copy", [form])
    for record_id in (moved, confirmed):
        assert analyse_record(conn, record_id).date.value == "1990-01-23"
    apply_change(conn, [confirmed], RecordChange(clinical_date="1990-01-23"))
    apply_change(conn, [moved, confirmed], RecordChange(person="Jane Example"))
    assert reread_birthday_dated(conn, [moved, confirmed]) == []  # her birthday is not known
    set_identity(conn, "Jane Example", birth_date="1990-01-23")
    assert reread_birthday_dated(conn, [moved, confirmed]) == [moved]
    assert records.get_record(conn, moved).clinical_date is None
    assert records.get_record(conn, confirmed).clinical_date == "1990-01-23"
