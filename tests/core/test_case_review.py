"""The case review model: its migration, adding, editing, confirming, rejecting and sources."""

from __future__ import annotations

import pytest

from recordorg.core.case import review as cases
from recordorg.core.catalogue import database as catalogue
from recordorg.core.catalogue import editing
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.migrations import latest_version
from recordorg.core.catalogue.people import add_person
from recordorg.core.errors import NotFound, UserError
from tests.core.helpers import add_record


def test_migration_adds_the_tables_to_an_older_library(tmp_path) -> None:
    root = tmp_path / "old"
    root.mkdir()
    conn = catalogue.connect(root / catalogue.CATALOGUE_NAME)
    before = 3  # the case review came with migration 4
    catalogue.migrate(conn, upto=before)  # a library from before the case review
    conn.execute("INSERT INTO people(name, created_at) VALUES ('Maria Example', 't')")
    conn.close()

    library = Library.open(root)
    conn = library.connection()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "case_entries",
        "case_biomarkers",
        "case_treatment_lines",
        "case_treatment_drugs",
        "case_citations",
        "case_imaging",
        "case_questions",
    } <= tables
    entry = cases.add_entry(conn, "biomarker", {"marker": "HER2", "result": "negative"})
    assert cases.load_case(conn).entries[0].id == entry
    library.close()


def test_add_edit_confirm_reject_and_load(library) -> None:
    conn = library.connection()
    add_person(conn, "Maria Example")
    letter = add_record(conn, "Clinic letter", ["Plan: letrozole plus palbociclib."])
    line = cases.add_entry(
        conn,
        "treatment line",
        {"line_number": "1", "start_date": "2023-03-06", "best_response": "partial response"},
        drugs=["Femara", "palbociclib"],
        citations=[(letter, 1, "Plan: letrozole ...")],
    )
    marker = cases.add_entry(
        conn, "biomarker", {"marker": "ER", "result": "positive"}, status="suggested"
    )
    case = cases.load_case(conn)
    assert case.person == "Maria Example"
    first = case.entry(line)
    assert first.confirmed and first.fields["best_response"] == "PR"
    assert first.fields["regimen"] == "letrozole + palbociclib"  # brand name understood
    assert [d.name for d in first.drugs] == ["letrozole", "palbociclib"]
    assert first.drugs[1].drug_class.endswith("CDK4/6 inhibitor")
    assert first.citations[0].record_id == letter and first.citations[0].page == 1
    assert not case.entry(marker).confirmed
    assert case.entry(marker).marked_summary.endswith("[UNCONFIRMED]")
    assert [e.id for e in case.unconfirmed] == [marker]

    cases.edit_entry(conn, marker, {"result": "positive (95%)"}, confirm=True)
    assert cases.get_entry(conn, marker).confirmed
    assert cases.get_entry(conn, marker).fields["result"] == "positive (95%)"
    cases.reject(conn, [marker])
    assert [e.id for e in cases.load_case(conn).entries] == [line]
    assert {e.id for e in cases.load_case(conn, include_rejected=True).entries} == {line, marker}
    cases.delete_entries(conn, [marker])
    with pytest.raises(NotFound):
        cases.get_entry(conn, marker)


def test_values_are_checked_in_plain_words(library) -> None:
    conn = library.connection()
    with pytest.raises(UserError, match="not a date"):
        cases.add_entry(conn, "diagnosis", {"diagnosed_on": "14/02/2023"})
    with pytest.raises(UserError, match="whole number"):
        cases.add_entry(conn, "treatment_line", {"line_number": "first"})
    with pytest.raises(UserError, match="Best response must be one of"):
        cases.add_entry(conn, "treatment_line", {"best_response": "better"})
    with pytest.raises(UserError, match="has no field"):
        cases.add_entry(conn, "biomarker", {"dose_gy": 2})
    with pytest.raises(UserError, match="not a kind"):
        cases.add_entry(conn, "horoscope", {})
    with pytest.raises(NotFound):
        cases.add_entry(conn, "imaging", {"study_record_id": 999})
    assert conn.execute("SELECT count(*) FROM case_entries").fetchone()[0] == 0


def test_citations_are_not_doubled_and_pages_checked(library) -> None:
    conn = library.connection()
    record = add_record(conn, "Pathology", ["page one", "HER2 negative"])
    entry = cases.add_entry(conn, "biomarker", {"marker": "HER2", "result": "negative"})
    first = cases.add_citation(conn, entry, record, 2, "HER2  negative")
    assert cases.add_citation(conn, entry, record, 2, "HER2 negative") == first
    with pytest.raises(UserError, match="has no page 3"):
        cases.add_citation(conn, entry, record, 3, "")
    assert len(cases.get_entry(conn, entry).citations) == 1
    cases.remove_citation(conn, first)
    assert cases.get_entry(conn, entry).citations == []


def test_deleting_a_record_drops_its_citations_and_study_link(library) -> None:
    conn = library.connection()
    report = add_record(conn, "CT report", ["Progressive disease."])
    entry = cases.add_entry(
        conn,
        "imaging",
        {"modality": "CT", "study_date": "2024-04-22", "report_record_id": report},
        citations=[(report, 1, "Progressive disease.")],
    )
    editing.delete_records(conn, [report])
    kept = cases.get_entry(conn, entry)
    assert kept.citations == [] and kept.fields["report_record_id"] is None


def test_question_is_one_per_person_and_people_are_told_apart(library) -> None:
    conn = library.connection()
    add_person(conn, "Maria Example")
    first = cases.set_question(conn, "Is there a  trial?")
    assert cases.set_question(conn, "Is there a trial nearby?") == first
    assert cases.load_case(conn).question == "Is there a trial nearby?"
    add_person(conn, "Another Person")
    with pytest.raises(UserError, match="several people"):
        cases.load_case(conn)
    assert cases.load_case(conn, "another person").question == ""
    assert cases.load_case(conn, "Maria Example").question == "Is there a trial nearby?"


def test_json_marks_every_unconfirmed_entry(library) -> None:
    conn = library.connection()
    cases.add_entry(conn, "biomarker", {"marker": "ER", "result": "positive"}, status="suggested")
    cases.add_entry(conn, "biomarker", {"marker": "PR", "result": "positive"})
    data = cases.load_case(conn).to_json()
    assert data["unconfirmed_count"] == 1
    shown = {e["fields"]["marker"]: e["confirmed"] for e in data["sections"]["biomarker"]}
    assert shown == {"ER": False, "PR": True}


def test_merging_people_moves_their_case_review(library) -> None:
    from recordorg.core.catalogue.people import merge_people

    conn = library.connection()
    add_person(conn, "M. Example")
    add_person(conn, "Maria Example")
    entry = cases.add_entry(
        conn, "biomarker", {"marker": "ER", "result": "positive"}, person="M. Example"
    )
    merge_people(conn, "M. Example", "Maria Example")
    assert [e.id for e in cases.load_case(conn, "Maria Example").entries] == [entry]
