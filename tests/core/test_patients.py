"""Telling patients apart: name forms, dates of birth in text, identities and flags."""

from __future__ import annotations

import pytest

from recordorg.core.catalogue.patient_match import (
    Patient,
    display_name,
    group_patients,
    names_match,
    same_patient,
)
from recordorg.core.understanding.patient_text import find_patient


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("DOE^JOHN", "John Doe"),
        ("DOE^JOHN^Q", "john doe"),
        ("Doe, John", "JOHN DOE"),
        ("MULLER^JURGEN", "Jürgen Müller"),
        ("MUELLER^JUERGEN", "Jürgen Müller"),
        ("García López, José", "JOSE GARCIA LOPEZ"),
        ("Mr J. Doe", "DOE^JOHN"),
        ("Frau Anna Berg", "BERG^ANNA"),
        ("Smith", "Jane Smith"),
        ("Anne-Marie O'Neil", "ONEIL^ANNE MARIE"),
    ],
)
def test_names_written_differently_are_one_person(a: str, b: str) -> None:
    assert names_match(a, b) is True
    assert names_match(b, a) is True


@pytest.mark.parametrize(
    ("a", "b"),
    [("DOE^JOHN", "Jane Doe"), ("DOE^JOHN", "John Roe"), ("Maria Example", "EXAMPLE^MARTA")],
)
def test_different_names_are_two_people(a: str, b: str) -> None:
    assert names_match(a, b) is False


def test_a_name_missing_or_initials_alone_tell_nothing() -> None:
    assert names_match("", "John Doe") is None
    assert names_match("J.", "John Doe") is None


def test_same_patient_weighs_birth_date_sex_and_identifiers() -> None:
    maria = Patient("EXAMPLE^MARIA", "1961-04-12", "RG-1", "F")
    assert same_patient(maria, Patient("Maria Example")) is True
    assert same_patient(maria, Patient("Maria Example", "1961-04-13")) is False
    assert same_patient(maria, Patient("Maria Example", sex="M")) is False
    assert same_patient(maria, Patient("", "", "rg-1")) is True
    assert same_patient(maria, Patient("", "", "RG-2")) is None  # hospitals number apart
    assert same_patient(maria, Patient("", "1961-04-12")) is True
    either = Patient("Maria Example", "1961-04-12|1961-12-04")  # a text's 12/04/1961
    assert same_patient(maria, either) is True and "born 1961-04-12 or" in either.words()
    assert same_patient(Patient("", "1961-12-04"), either) is True
    assert same_patient(Patient("", "1961-04-13"), either) is False


def test_patients_group_by_person() -> None:
    patients = [
        Patient("EXAMPLE^MARIA", "1961-04-12"),
        Patient("DOE^JOHN", "1955-01-01"),
        Patient("Maria Example"),
        Patient(""),  # names nobody: no group
        Patient("DOE^JOHN", "1955-01-02"),  # another John Doe
    ]
    assert group_patients(patients) == [[0, 2], [1], [4]]


def test_display_name() -> None:
    assert display_name("DOE^JOHN^Q^DR") == "John Q Doe"
    assert display_name("GARCÍA LÓPEZ JOSÉ") == "García López José"
    assert display_name("Maria Example") == "Maria Example"
    assert display_name("DOE, John") == "John Doe"


@pytest.mark.parametrize(
    ("text", "name", "born"),
    [
        ("Patient: Maria Example   DOB: 12/04/1961", "Maria Example", "1961-04-12|1961-12-04"),
        ("Patient: Maria Example\nDOB: 04/12/1961\nSeen 03/14/2025", "Maria Example", "1961-04-12"),
        ("Patient: Maria Example   DOB: 25/04/1961", "Maria Example", "1961-04-25"),
        ("Name: DOE, John\nGeb.-Datum: 03.05.1950", "DOE, John", "1950-05-03"),
        ("Patientin: Frau Anna Müller, geb. 03.05.1950", "Anna Müller", "1950-05-03"),
        (
            "Nom : DUPONT Jeanne   Date de naissance : 12/03/1955\n"
            "Madame Dupont a été vue en consultation ce jour avec son mari. Le traitement "
            "par chimiothérapie est poursuivi et les examens sont normaux.",
            "DUPONT Jeanne",
            "1955-03-12",  # French: day first
        ),
        ("Paziente: Rossi Mario  Data di nascita: 01/01/1960", "Rossi Mario", "1960-01-01"),
        ("Patient Name: SMITH^JANE\nPatient ID: 12345", "SMITH^JANE", ""),
        ("Re: John Smith, DOB 1970-02-01\nDear colleague", "John Smith", "1970-02-01"),
        ("Date of birth: 1961-04-12\nSeen in clinic.", "", "1961-04-12"),
    ],
)
def test_a_documents_patient_is_found_after_its_label(text: str, name: str, born: str) -> None:
    assert find_patient([text]) == Patient(name=name, birth_date=born)


@pytest.mark.parametrize(
    "text",
    [
        "Re: Follow-up appointment on 12/04/2025",
        "Patient: unknown",
        "Patient: the patient is well",
        "Patient: 45 year old woman",
        "Referring physician name: Dr Alex Sample",
        "Name of the drug: Tamoxifen 20 mg",
        "Name: Maria Example\nName: John Doe",  # two names: which one is the patient?
        "The patient was seen on 12/04/2025.",
        "Patient: Smith",  # one word, no title: a name or a word?
    ],
)
def test_nothing_is_invented(text: str) -> None:
    assert find_patient([text]) is None


def _filed(conn, title: str, person: str, patient: Patient) -> int:
    from recordorg.core.catalogue.database import transaction
    from recordorg.core.catalogue.editing import RecordChange, apply_change
    from recordorg.core.catalogue.patient_identity import remember_patient
    from tests.core.helpers import add_record

    record_id = add_record(conn, title, ["text"])
    apply_change(conn, [record_id], RecordChange(person=person))
    with transaction(conn):
        remember_patient(conn, record_id, "text", patient)
    return record_id


def test_the_checklist_names_records_of_another_patient(library) -> None:
    from recordorg.core.case.checklist import review_checklist
    from recordorg.core.catalogue.patient_identity import set_identity

    conn = library.connection()
    own = _filed(conn, "Letter", "Mum", Patient("EXAMPLE^MARIA", "1961-04-12"))
    other = _filed(conn, "Other letter", "Mum", Patient("Doe, John", "1955-01-01"))
    checklist = review_checklist(conn, "Mum")
    assert "right_person" not in {i.key for i in checklist.items}  # who is Mum? not known
    set_identity(conn, "Mum", name="Maria Example", birth_date="1961-04-12")
    item = review_checklist(conn, "Mum").items[0]
    assert item.key == "right_person" and item.status == "partial"
    assert item.record_ids == [other] and own not in item.record_ids
    assert "John Doe (born 1955-01-01)" in item.detail


def test_moving_a_record_checks_it_against_its_new_person(library) -> None:
    from recordorg.core.catalogue.editing import RecordChange, apply_change
    from recordorg.core.catalogue.patient_identity import set_identity
    from recordorg.core.catalogue.people import add_person
    from recordorg.core.catalogue.records import get_record

    conn = library.connection()
    add_person(conn, "Dad")
    set_identity(conn, "Dad", name="DOE^JOHN", birth_date="1955-01-01")
    record_id = _filed(conn, "Letter", "Mum", Patient("Doe, John", "1955-01-01"))
    set_identity(conn, "Mum", name="Maria Example")
    assert "John Doe" in get_record(conn, record_id).meta["other_patient"]
    apply_change(conn, [record_id], RecordChange(person="Dad"))
    assert "other_patient" not in get_record(conn, record_id).meta
    apply_change(conn, [record_id], RecordChange(person="Mum"))
    assert "other_patient" in get_record(conn, record_id).meta


def test_an_older_librarys_studies_keep_the_patient_they_name(tmp_path) -> None:
    import json

    from recordorg.core.catalogue import database as catalogue
    from recordorg.core.catalogue.library import Library
    from recordorg.core.catalogue.migrations import MIGRATIONS
    from recordorg.core.catalogue.patient_identity import record_patients

    root = tmp_path / "old"
    root.mkdir()
    conn = catalogue.connect(root / catalogue.CATALOGUE_NAME)
    before = [n for n, m in enumerate(MIGRATIONS, 1) if m.__name__ == "_v7_patients"][0] - 1
    catalogue.migrate(conn, upto=before)
    meta = {"patient_name": "DOE JOHN", "patient_id": "X2", "patient_birth_date": "1955-01-01"}
    conn.execute(
        "INSERT INTO records(category_id, kind, title, study_instance_uid, meta, imported_at, "
        "updated_at) VALUES (1, 'dicom', 'CT', '1.2.3', ?, 't', 't')",
        (json.dumps(meta),),
    )
    conn.commit()
    conn.close()
    library = Library.open(root)
    named = record_patients(library.connection(), [1])
    assert named == {1: Patient("DOE JOHN", "1955-01-01", "X2", "")}
    library.close()


def test_a_birthday_set_alone_keeps_the_persons_full_name(library) -> None:
    """Only a date of birth was set for "Jane Example": her records naming Jane Example are
    hers (an export takes them without asking), and one naming John Doe is flagged."""
    from recordorg.bundle.plan import other_patients as bundle_patients
    from recordorg.core.catalogue.patient_identity import refresh_flags, set_identity
    from recordorg.core.catalogue.people import person_id
    from recordorg.core.catalogue.records import get_record

    conn = library.connection()
    hers = _filed(conn, "Letter", "Jane Example", Patient("Jane Example"))
    his = _filed(conn, "Other letter", "Jane Example", Patient("Doe, John"))
    set_identity(conn, "Jane Example", birth_date="1990-01-23")
    refresh_flags(conn, [hers, his])
    assert "other_patient" not in get_record(conn, hers).meta
    assert "John Doe" in get_record(conn, his).meta["other_patient"]
    pid = person_id(conn, "Jane Example")
    assert bundle_patients(conn, [get_record(conn, hers)], pid) == []
