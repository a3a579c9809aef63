"""Importing several patients' records: never filed silently under one person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recordorg.core.catalogue import records
from recordorg.core.catalogue.patient_identity import set_identity, stored_identity
from recordorg.core.catalogue.people import person_id
from recordorg.jobs.patients import SeveralPatients
from recordorg.samples.dicom import make_series
from recordorg.samples.documents import make_text_pdf
from tests.jobs.conftest import run_import

PATIENTS = [
    ("EXAMPLE^MARIA", "RG-0001", "19610412", "F"),
    ("DOE^JOHN", "RG-0002", "19550101", "M"),
    ("ROE^JANE", "RG-0003", "19700707", "F"),
]


def _mixed_folder(root: Path) -> Path:
    for n, (name, pid, born, sex) in enumerate(PATIENTS):
        make_series(
            root / f"S{n}",
            slices=2,
            patient_name=name,
            patient_id=pid,
            birth_date=born,
            sex=sex,
            study_date=f"2025030{n + 1}",
        )
    return root


def _people_of_studies(conn) -> dict[str, str | None]:
    rows = conn.execute(
        "SELECT r.meta, p.name FROM records r LEFT JOIN people p ON p.id = r.person_id "
        "WHERE r.kind = 'dicom'"
    )
    return {json.loads(meta)["patient_id"]: name for meta, name in rows}


def test_a_folder_of_several_patients_is_split_by_patient(library, tmp_path: Path) -> None:
    report = run_import(library, [_mixed_folder(tmp_path / "disc")])
    conn = library.connection()
    owners = _people_of_studies(conn)
    assert owners == {"RG-0001": "Maria Example", "RG-0002": "John Doe", "RG-0003": "Jane Roe"}
    assert len(report.patients) == 3
    assert all("a person of their own" in line for line in report.patients)
    learned = stored_identity(conn, person_id(conn, "John Doe"))
    assert learned.patient.birth_date == "1955-01-01" and learned.identifiers == ["RG-0002"]


def test_a_known_patient_goes_to_their_person(library, tmp_path: Path) -> None:
    conn = library.connection()
    from recordorg.core.catalogue.people import add_person

    add_person(conn, "Mum")
    set_identity(conn, "Mum", name="María Example", birth_date="1961-04-12")
    run_import(library, [_mixed_folder(tmp_path / "disc")])
    owners = _people_of_studies(conn)
    assert owners["RG-0001"] == "Mum"
    assert owners["RG-0002"] == "John Doe"


def test_one_persons_import_of_several_patients_stops(library, tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path / "disc")
    with pytest.raises(SeveralPatients) as stopped:
        run_import(library, [folder], person="Maria Example")
    assert len(stopped.value.patients) == 3
    assert "John Doe (born 1955-01-01)" in str(stopped.value)
    assert library.connection().execute("SELECT count(*) FROM records").fetchone()[0] == 0


def test_a_pdf_naming_someone_else_is_flagged(library, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_series(folder / "ct", slices=2)  # EXAMPLE^MARIA, born 1961-04-12
    make_text_pdf(
        folder / "letter.pdf",
        "Clinic letter",
        ["Patient: John Smith   DOB: 02/03/1950", "He was seen in clinic today."],
    )
    make_text_pdf(
        folder / "own.pdf",
        "Clinic letter",
        ["Patient: Mrs Maria Example   Date of birth: 1961-04-12", "Seen today."],
    )
    report = run_import(library, [folder], person="Maria Example")
    conn = library.connection()
    by_name = {r.original_name: r for r in records.list_records(conn)}
    flag = by_name["letter.pdf"].meta.get("other_patient", "")
    assert flag.startswith("This record names another patient: John Smith")
    assert "other_patient" not in by_name["own.pdf"].meta
    assert any("John Smith" in line for line in report.patients)
    identity = stored_identity(conn, person_id(conn, "Maria Example"))
    assert identity.patient.birth_date == "1961-04-12"


def test_setting_the_identity_flags_and_unflags(library, tmp_path: Path) -> None:
    make_text_pdf(tmp_path / "a.pdf", "Letter", ["Name: Anna Berg", "Geb.-Datum: 03.05.1950"])
    run_import(library, [tmp_path / "a.pdf"], person="Mum")
    conn = library.connection()
    record = records.list_records(conn)[0]
    assert "other_patient" not in record.meta  # learned from the letter: nothing to compare
    set_identity(conn, "Mum", name="Berg, Anna", birth_date="1950-05-04")
    assert "1950-05-03" in records.get_record(conn, record.id).meta["other_patient"]
    set_identity(conn, "Mum", birth_date="1950-05-03")
    assert "other_patient" not in records.get_record(conn, record.id).meta


def test_a_photographed_letter_naming_someone_else_is_flagged_once_read(
    library, tmp_path: Path
) -> None:
    from recordorg.core.progress import run_to_end
    from recordorg.formats.ocr import tesseract_command
    from recordorg.jobs.ocr import read_scans
    from recordorg.samples.photos import make_letter_photo

    if tesseract_command() is None:
        pytest.skip("Tesseract is not installed here")
    lines = ["Riverside General Hospital", "", "Patient: John Smith", "DOB: 02/03/1950", ""]
    make_letter_photo(tmp_path / "letter.jpg", [*lines, "He was seen in clinic today."])
    run_import(library, [tmp_path / "letter.jpg"], person="Maria Example")
    conn = library.connection()
    record = records.list_records(conn)[0]
    assert "other_patient" not in record.meta  # nothing read yet
    run_to_end(read_scans(library, workers=1))
    flag = records.get_record(conn, record.id).meta.get("other_patient", "")
    assert flag.startswith("This record names another patient: John Smith")


def test_two_patients_of_one_name_are_two_people(library, tmp_path: Path) -> None:
    for n, born in enumerate(("19550101", "19800202")):
        make_series(
            tmp_path / f"s{n}",
            slices=1,
            patient_name="DOE^JOHN",
            patient_id=f"J{n}",
            birth_date=born,
            sex="M",
        )
    make_series(tmp_path / "s3", slices=1, patient_name="", patient_id="Q7")
    run_import(library, [tmp_path])
    owners = _people_of_studies(library.connection())
    assert len(set(owners.values())) == 3 and None not in owners.values()
    assert owners["Q7"] == "Patient Q7"
    names = {owners["J0"], owners["J1"]}  # which comes first depends on the readers
    assert "John Doe" in names and len(names) == 2
    assert names - {"John Doe"} <= {"John Doe (born 1955-01-01)", "John Doe (born 1980-02-02)"}


def test_a_new_librarys_first_records_are_filed_under_their_patient(
    library, tmp_path: Path
) -> None:
    """A library with no people yet: the one patient its first import names (a study's
    images) becomes its person, named as the records name them; once it has people, a study
    of someone unknown is left for the user to file."""
    (name, pid, born, sex) = PATIENTS[0]
    make_series(tmp_path / "ct", slices=2, patient_name=name, patient_id=pid, birth_date=born)
    report = run_import(library, [tmp_path / "ct"])
    conn = library.connection()
    assert _people_of_studies(conn) == {"RG-0001": "Maria Example"}
    assert report.patients == [
        "1 study of Maria Example (born 1961-04-12): filed under a new person "
        "named as their records name them, Maria Example."
    ]
    (name, pid, born, sex) = PATIENTS[1]
    make_series(tmp_path / "mr", slices=2, patient_name=name, patient_id=pid, birth_date=born)
    run_import(library, [tmp_path / "mr"])
    assert _people_of_studies(conn) == {"RG-0001": "Maria Example", "RG-0002": None}
