"""A bundle and several patients: the plan warns, de-identification keeps them apart."""

from __future__ import annotations

from pathlib import Path

import pydicom

from recordorg.bundle.deidentify import Deidentifier
from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.catalogue.database import transaction
from recordorg.core.catalogue.editing import RecordChange, apply_change
from recordorg.core.catalogue.patient_identity import set_identity
from recordorg.core.catalogue.patient_match import Patient
from recordorg.jobs.importer import import_paths
from recordorg.samples.dicom import make_series
from tests.bundle.conftest import run

OPTIONS = BundleOptions(deidentify=True, date_shift_days=-10, case_code="CASE-ABC123")


def _codes(deid: Deidentifier, files: list[Path]) -> list[str]:
    codes = []
    for path in files:
        ds = pydicom.dcmread(path)
        deid.dataset(ds, study_id="1")
        assert str(ds.PatientName) == ds.PatientID  # no stray "^"
        codes.append(str(ds.PatientID))
    return codes


def test_different_patients_get_different_codes(tmp_path: Path) -> None:
    maria = make_series(tmp_path / "a", slices=2)  # EXAMPLE^MARIA, F, born 1961-04-12
    john = make_series(
        tmp_path / "b", slices=2, patient_name="DOE^JOHN", patient_id="X9", birth_date="19550101"
    )
    jane = make_series(tmp_path / "c", slices=1, patient_name="DOE^JANE", patient_id="X9", sex="F")
    codes = _codes(Deidentifier(OPTIONS, ["Maria Example"]), john + maria + jane)
    assert codes == ["CASE-ABC123"] * 2 + ["CASE-ABC123-2"] * 2 + ["CASE-ABC123-3"]


def test_the_person_keeps_the_case_code(tmp_path: Path) -> None:
    maria = make_series(tmp_path / "a", slices=1)
    john = make_series(tmp_path / "b", slices=1, patient_name="DOE^JOHN", birth_date="19550101")
    person = Patient("Maria Example", "1961-04-12")
    codes = _codes(Deidentifier(OPTIONS, [], person=person), john + maria)
    assert codes == ["CASE-ABC123-2", "CASE-ABC123"]


def test_the_plan_warns_of_records_of_another_patient(library, tmp_path: Path) -> None:
    make_series(tmp_path / "disc" / "a", slices=1)
    make_series(
        tmp_path / "disc" / "b", slices=1, patient_name="DOE^JOHN", patient_id="RG-0002", sex="M"
    )
    run(import_paths(library, [tmp_path / "disc"]))  # split: two people
    conn = library.connection()
    ids = [row[0] for row in conn.execute("SELECT id FROM records ORDER BY id")]
    john = conn.execute("SELECT record_id FROM record_patients WHERE patient_id = 'RG-0002'")
    assert not plan_bundle(library, person="Maria Example").other_patients
    apply_change(conn, ids, RecordChange(person="Maria Example"))  # both under one person
    plan = plan_bundle(library, person="Maria Example")
    assert plan.other_patients == [f"John Doe (born 1961-04-12): record {john.fetchone()[0]}"]
    assert any("more than one patient" in w for w in plan.warnings)
    assert plan.to_json()["other_patients"] == plan.other_patients


def test_the_plan_compares_with_the_persons_identity(library, tmp_path: Path) -> None:
    make_series(tmp_path / "a", slices=1, patient_name="DOE^JOHN", patient_id="RG-0002")
    run(import_paths(library, [tmp_path / "a"], person="Mum"))
    conn = library.connection()
    assert not plan_bundle(library, person="Mum").other_patients  # Mum's identity learned
    with transaction(conn):
        conn.execute("DELETE FROM person_identity")
    set_identity(conn, "Mum", name="Maria Example")
    assert plan_bundle(library, person="Mum").other_patients[0].startswith("John Doe")


def test_a_deidentified_bundle_keeps_each_patient_apart(library, tmp_path: Path) -> None:
    from recordorg.jobs.export import run_export

    make_series(
        tmp_path / "in" / "b",
        slices=2,
        patient_name="DOE^JOHN",
        patient_id="X2",
        sex="M",
        birth_date="19550101",
        study_date="20240101",  # first in the bundle's order
    )
    make_series(tmp_path / "in" / "a", slices=2, study_date="20250303")
    run(import_paths(library, [tmp_path / "in"]))
    conn = library.connection()
    ids = [row[0] for row in conn.execute("SELECT id FROM records")]
    apply_change(conn, ids, RecordChange(person="Maria Example"))
    options = BundleOptions(deidentify=True, case_code="CASE-ABC123")
    plan = plan_bundle(library, person="Maria Example", options=options)
    assert plan.person_identity.birth_date == "1961-04-12"
    run_export(library, plan, tmp_path / "out")
    seen = {}
    for path in (tmp_path / "out" / "DICOM").rglob("IM*"):
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        seen.setdefault(str(ds.PatientID), set()).add(str(ds.PatientSex))
    assert seen == {"CASE-ABC123": {"F"}, "CASE-ABC123-2": {"M"}}  # Maria keeps the case code
    readme = " ".join((tmp_path / "out" / "README.TXT").read_text().split())
    assert "1 other patient(s)" in readme and "1955" not in readme and "Doe" not in readme


def test_text_names_another_patient_by_their_own_code(tmp_path: Path) -> None:
    maria = make_series(tmp_path / "a", slices=1)
    john = make_series(
        tmp_path / "b",
        slices=1,
        patient_name="DOE^JOHN",
        patient_id="X9",
        sex="M",
        birth_date="19550101",
    )
    person = Patient("Maria Example", "1961-04-12")
    john_named = Patient("DOE^JOHN", "1955-01-01", "X9", "M")
    deid = Deidentifier(OPTIONS, ["Mum"], person=person, patients=[john_named])
    text = "Maria Example's scan compared with John Doe's (DOE^JOHN, ID X9); Mum agreed."
    assert deid.scrub(text) == (
        "CASE-ABC123's scan compared with CASE-ABC123-2's (CASE-ABC123-2, ID CASE-ABC123-2); "
        "CASE-ABC123 agreed."
    )
    assert _codes(deid, john + maria) == ["CASE-ABC123-2", "CASE-ABC123"]  # as the text says


def test_a_family_name_two_patients_share_stays_the_persons() -> None:
    person = Patient("Jane Doe", "1961-04-12")
    deid = Deidentifier(OPTIONS, [], person=person, patients=[Patient("John Doe", "1955-01-01")])
    assert deid.scrub("Mrs Doe; John Doe; Jane") == "Mrs CASE-ABC123; CASE-ABC123-2; CASE-ABC123"


def test_a_deidentified_bundles_text_and_images_code_each_patient_alike(
    library, tmp_path: Path
) -> None:
    from recordorg.jobs.export import run_export

    make_series(tmp_path / "in" / "a", slices=1, study_date="20240101")  # Maria first
    make_series(
        tmp_path / "in" / "b",
        slices=1,
        patient_name="DOE^JOHN",
        patient_id="X2",
        sex="M",
        birth_date="19550101",
        study_date="20250303",
    )
    run(import_paths(library, [tmp_path / "in"]))
    conn = library.connection()
    ids = [row[0] for row in conn.execute("SELECT id FROM records ORDER BY id")]
    apply_change(conn, ids, RecordChange(person="Maria Example"))
    apply_change(conn, ids[:1], RecordChange(notes="Compare with John Doe's scan (ID X2)."))
    options = BundleOptions(deidentify=True, case_code="CASE-ABC123")
    run_export(
        library, plan_bundle(library, person="Maria Example", options=options), tmp_path / "o"
    )
    images = {
        str(pydicom.dcmread(p, stop_before_pixels=True).PatientID)
        for p in (tmp_path / "o" / "DICOM").rglob("IM*")
    }
    assert images == {"CASE-ABC123", "CASE-ABC123-2"}
    index = (tmp_path / "o" / "INDEX.HTM").read_text()
    assert "Compare with CASE-ABC123-2&#39;s scan (ID CASE-ABC123-2)." in index
    assert "John" not in index and "X2" not in index
