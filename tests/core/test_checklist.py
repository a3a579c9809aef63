"""The review-readiness checklist: what satisfies each need, and what to look for."""

from __future__ import annotations

from datetime import date

from recordorg.core.case import review as cases
from recordorg.core.case.checklist import review_checklist
from recordorg.core.case.suggest import suggest
from tests.core.case_helpers import sample_case
from tests.core.helpers import add_record


def by_key(checklist):
    return {item.key: item for item in checklist.items}


def test_an_empty_library_misses_everything_and_says_what_to_look_for(library) -> None:
    checklist = review_checklist(library.connection(), today=date(2024, 9, 1))
    assert not checklist.ready
    assert {i.status for i in checklist.items} == {"missing"}
    assert all(i.look_for for i in checklist.items)


def test_the_sample_case_step_by_step(library) -> None:
    conn = library.connection()
    ids = sample_case(conn)
    suggest(conn)
    today = date(2024, 6, 1)
    items = by_key(review_checklist(conn, today=today))
    assert items["pathology"].status == "partial"  # no diagnosis yet to tie it to
    assert items["biomarkers"].status == "partial"  # suggested only: never "done"
    assert "none confirmed" in items["biomarkers"].detail
    assert items["imaging"].status == "done"
    assert ids["CT Chest, Abdomen and Pelvis with Contrast"] in items["imaging"].record_ids
    assert items["treatment_lines"].status == "partial"
    assert items["letter"].status == "done"
    assert items["letter"].record_ids == [ids["Oncology Clinic Letter"]]
    assert items["question"].status == "missing"

    case = cases.load_case(conn)
    cases.confirm(conn, [e.id for e in case.biomarkers])
    for line in case.treatment_lines:
        cases.edit_entry(
            conn,
            line.id,
            {"start_date": "2023-03-06", "end_date": "2024-04-30", "best_response": "PD"},
            confirm=True,
        )
    cases.add_entry(conn, "diagnosis", {"histology": "IDC", "diagnosed_on": "2023-02-14"})
    cases.set_question(conn, "Which trial next?")
    items = by_key(review_checklist(conn, today=today))
    assert items["pathology"].status == "done"
    assert items["pathology"].record_ids == [ids["Surgical Pathology Report"]]
    assert items["biomarkers"].status == "done"
    assert items["treatment_lines"].status == "done"
    assert items["question"].status == "done"


def test_old_imaging_and_old_letters_are_flagged(library) -> None:
    conn = library.connection()
    sample_case(conn)
    items = by_key(review_checklist(conn, today=date(2025, 6, 1)))
    assert items["imaging"].status == "partial" and "days ago" in items["imaging"].detail
    assert items["letter"].status == "partial"
    assert items["medications"].status == "partial"


def test_images_without_their_report(library) -> None:
    from tests.core.case_helpers import add_study

    conn = library.connection()
    add_study(conn, "PET-CT", "2024-08-20", "PT", "WHOLEBODY")
    add_record(
        conn,
        "Medication list",
        ["Current medications: none"],
        category="medication",
        date="2024-08-01",
    )
    items = by_key(review_checklist(conn, today=date(2024, 9, 1)))
    assert items["imaging"].status == "partial" and "no report" in items["imaging"].detail
    assert items["medications"].status == "done"


def test_a_study_that_carries_its_report_has_its_report(library) -> None:
    from recordorg.core.catalogue.database import transaction
    from recordorg.core.catalogue.studies import ENCAPSULATED_PDF
    from tests.core.case_helpers import add_study

    conn = library.connection()
    study = add_study(conn, "CT CHEST", "2024-08-20")
    with transaction(conn):
        series = conn.execute(
            "INSERT INTO dicom_series(record_id, series_instance_uid, modality) "
            "VALUES (?, '1.2.3.900', 'DOC')",
            (study,),
        ).lastrowid
        conn.execute(
            "INSERT INTO dicom_instances(series_id, record_id, sop_instance_uid, "
            "sop_class_uid, sha256, size) VALUES (?, ?, '1.2.3.900.1', ?, 'x', 1)",
            (series, study, ENCAPSULATED_PDF),
        )
    item = by_key(review_checklist(conn, today=date(2024, 9, 1)))["imaging"]
    assert item.status == "done"
    assert f"record {study} (2024-08-20, inside the study)" in item.detail
