"""Moving a record to a person in the window: a record dated by that person's birthday is read
again, and Undo puts back the person and the date together."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from recordorg.core.catalogue import records
from recordorg.core.catalogue.editing import RecordChange
from recordorg.core.catalogue.patient_identity import set_identity
from recordorg.core.catalogue.people import add_person
from recordorg.core.understanding.record_understanding import analyse_record
from recordorg.gui.library.undo import edit_records
from tests.core.helpers import add_record


def test_moving_a_form_to_the_person_born_on_its_date_undoes_as_one(qapp, library) -> None:
    conn = library.connection()
    add_person(conn, "Jane Example")
    set_identity(conn, "Jane Example", birth_date="1990-01-23")
    form = "LabCorp\nAge (Y/M/D) Date of Birth Sex\nNORMAL REPORT\n01/23/90 F\nANA negative"
    record_id = add_record(conn, "lab report", [form])
    assert analyse_record(conn, record_id).date.value == "1990-01-23"  # whose, not yet known
    stack, seen = QUndoStack(), []
    edit_records(
        stack, conn, [record_id], RecordChange(person="Jane Example"), "Set person", seen.append
    )
    moved = records.get_record(conn, record_id)
    assert (moved.person, moved.clinical_date) == ("Jane Example", None)
    stack.undo()
    back = records.get_record(conn, record_id)
    assert (back.person, back.clinical_date) == (None, "1990-01-23")
