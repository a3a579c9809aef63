"""The command line and several patients: import stops or splits, show flags, export refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recordorg.cli.main import main
from recordorg.samples.dicom import make_series
from recordorg.samples.documents import make_text_pdf


@pytest.fixture
def cli(capsys: pytest.CaptureFixture, tmp_path: Path):
    library = tmp_path / "library"

    def run(*args: str | Path) -> tuple[int, str, str]:
        code = main(["--library", str(library), *(str(a) for a in args)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _two_patients(folder: Path) -> Path:
    make_series(folder / "a", slices=1)  # EXAMPLE^MARIA
    make_series(folder / "b", slices=1, patient_name="DOE^JOHN", patient_id="X2", sex="M")
    return folder


def test_import_for_one_person_stops_with_a_question(cli, tmp_path: Path) -> None:
    code, _, err = cli("import", _two_patients(tmp_path / "disc"), "--person", "Mum")
    assert code == 2
    assert "2 different patients" in err and "John Doe" in err and "Nothing was imported" in err
    assert cli("list", "--json")[1].strip() == "[]"


def test_import_splits_and_export_refuses_to_mix(cli, tmp_path: Path) -> None:
    code, out, _ = cli("import", _two_patients(tmp_path / "disc"))
    assert code == 0 and out.count("a person of their own") == 2
    people = {p["name"] for p in json.loads(cli("people", "--json")[1])}
    assert people == {"Maria Example", "John Doe"}
    ids = [r["id"] for r in json.loads(cli("list", "--json")[1])]
    assert cli("edit", *map(str, ids), "--person", "Maria Example")[0] == 0
    code, _, err = cli("export", "--person", "Maria Example", "--out", tmp_path / "b")
    assert code == 2 and "more than one patient" in err and "--allow-other-patients" in err
    assert not (tmp_path / "b").exists()
    code, out, _ = cli("export", "--person", "Maria Example", "--preview")
    assert code == 0 and "note: This bundle carries records of more than one patient" in out
    code, out, _ = cli(
        "export", "--person", "Maria Example", "--out", tmp_path / "b", "--allow-other-patients"
    )
    assert code == 0 and (tmp_path / "b").is_dir()


def test_people_identity_and_show(cli, tmp_path: Path) -> None:
    pdf = make_text_pdf(tmp_path / "l.pdf", "Letter", ["Patient: John Smith   DOB: 1950-03-02"])
    cli("import", pdf, "--person", "Mum")
    record_id = json.loads(cli("list", "--json")[1])[0]["id"]
    code, out, _ = cli("people", "identity", "Mum")
    assert code == 0 and "John Smith (born 1950-03-02)" in out and "learned" in out
    code, out, _ = cli("people", "identity", "Mum", "--patient-name", "Maria Example")
    assert "Maria Example (born 1950-03-02)" in out and "set by you" in out
    out = cli("show", str(record_id))[1]
    assert "Warning:       This record names another patient: John Smith" in out
    shown = json.loads(cli("show", str(record_id), "--json")[1])
    assert shown["other_patient"].startswith("This record names another patient")
    code, _, err = cli("people", "identity", "Mum", "--born", "12/04/1961")
    assert code == 2 and "day first (12 April 1961) or month first" in err  # asked, not guessed
    code, _, err = cli("people", "identity", "Mum", "--born", "April 1961")
    assert code == 2 and "give the day, month and year" in err
    code, out, _ = cli("people", "identity", "Mum", "--born", "12 April 1961")
    assert code == 0 and "Maria Example (born 1961-04-12)" in out
    cli("settings", "date_order", "day-first")
    code, out, _ = cli("people", "identity", "Mum", "--born", "13/04/1961")
    assert code == 0 and "(born 1961-04-13)" in out


def test_people_identity_forgets_a_wrong_id(cli, tmp_path: Path) -> None:
    make_series(tmp_path / "ct", slices=1, patient_name="DOE^JOHN", patient_id="X2", sex="M")
    cli("import", tmp_path / "ct", "--person", "Mum")  # John Doe's ID learned as Mum's
    shown = json.loads(cli("people", "identity", "Mum", "--json")[1])["identity"]
    assert shown["identifiers"] == ["X2"] and shown["learned"]
    code, out, _ = cli(
        "people", "identity", "Mum", "--patient-name", "Maria Example", "--forget-id", "x2"
    )
    assert code == 0 and "Patient IDs" not in out and "set by you" in out
    record_id = json.loads(cli("list", "--json")[1])[0]["id"]
    assert "names another patient: John Doe" in cli("show", str(record_id))[1]
    cli("import", tmp_path / "ct", "--person", "Mum")  # the same disc again: not relearned
    shown = json.loads(cli("people", "identity", "Mum", "--json")[1])["identity"]
    assert shown["identifiers"] == [] and shown["not_theirs"] == ["x2"]
    cli("people", "identity", "Mum", "--id", "X2")  # the user says it is hers after all
    shown = json.loads(cli("people", "identity", "Mum", "--json")[1])["identity"]
    assert shown["identifiers"] == ["X2"] and shown["not_theirs"] == []


def test_a_form_dated_by_its_persons_birthday_loses_that_date(cli, tmp_path: Path) -> None:
    """A lab form prints the date of birth far from its label and no other date: read before
    anyone said whose it was, it took the birthday as its date. Setting the person's birthday,
    or moving the form to the person born that day, reads it again without it."""
    for name in ("negative", "positive"):
        rows = ["Age (Y/M/D) Date of Birth Sex", "NORMAL REPORT", "01/23/90 F", f"ANA {name}"]
        make_text_pdf(tmp_path / "in" / f"{name}.pdf", "LabCorp", rows)
    assert cli("import", tmp_path / "in")[0] == 0
    listed = json.loads(cli("list", "--json")[1])
    assert [r["clinical_date"] for r in listed] == ["1990-01-23", "1990-01-23"]
    first, second = (str(r["id"]) for r in listed)
    assert cli("edit", first, "--person", "Jane")[0] == 0
    assert cli("people", "identity", "Jane", "--born", "1990-01-23")[0] == 0
    assert json.loads(cli("show", first, "--json")[1])["clinical_date"] is None
    assert cli("edit", second, "--person", "Jane")[0] == 0
    assert json.loads(cli("show", second, "--json")[1])["clinical_date"] is None
