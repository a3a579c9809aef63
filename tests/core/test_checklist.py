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
    assert f"record {study} (20 Aug 2024, inside the study)" in item.detail


TODAY = date(2024, 9, 1)


def _item(conn, key):
    return by_key(review_checklist(conn, today=TODAY))[key]


def _line(conn, **fields):
    return cases.add_entry(conn, "treatment_line", {"line_number": 1, **fields})


def test_a_line_without_dates_or_response_keeps_the_lines_from_done(library) -> None:
    conn = library.connection()
    _line(conn, start_date="2023-01-10", end_date="2023-09-01", best_response="PR")
    _line(conn, line_number=2, regimen="capecitabine")
    _line(conn, line_number=3, regimen="eribulin", ongoing=True)
    item = _item(conn, "treatment_lines")
    assert item.status == "partial"
    assert "Line 2: capecitabine: no start date, no end date" in item.detail
    assert "Line 3: eribulin: no start date, no response so far" in item.detail


def test_an_ongoing_line_needs_its_response_once_its_first_scan_is_due(library) -> None:
    conn = library.connection()
    _line(conn, start_date="2024-05-20", ongoing=True)
    item = _item(conn, "treatment_lines")
    assert item.status == "partial" and "no response so far" in item.detail


def test_lines_with_dates_and_response_are_done(library) -> None:
    conn = library.connection()
    _line(conn, start_date="2023-01", end_date="2024-04-30", best_response="PD")
    _line(conn, line_number=2, start_date="2024-05-20", ongoing=True, best_response="SD")
    _line(conn, line_number=3, start_date="2024-08-15", ongoing=True)  # too soon to tell
    item = _item(conn, "treatment_lines")
    assert item.status == "done", item.detail


def test_a_suggested_line_is_never_done(library) -> None:
    conn = library.connection()
    cases.add_entry(
        conn,
        "treatment_line",
        {
            "line_number": 1,
            "start_date": "2023-01-10",
            "end_date": "2023-09-01",
            "best_response": "PR",
        },
        status="suggested",
    )
    item = _item(conn, "treatment_lines")
    assert item.status == "partial" and "not confirmed" in item.detail


def test_no_lines_is_missing(library) -> None:
    assert _item(library.connection(), "treatment_lines").status == "missing"


def test_pathology_done_partial_missing(library) -> None:
    conn = library.connection()
    assert _item(conn, "pathology").status == "missing"
    report = add_record(conn, "Histology", ["carcinoma"], category="pathology", date="2023-02-14")
    assert _item(conn, "pathology").status == "partial"
    cases.add_entry(conn, "diagnosis", {"histology": "IDC", "diagnosed_on": "2024-06-01"})
    far = _item(conn, "pathology")
    assert far.status == "partial" and "none is dated near" in far.detail
    cases.add_entry(conn, "diagnosis", {"histology": "IDC", "diagnosed_on": "2023-02-20"})
    near = _item(conn, "pathology")
    assert near.status == "done" and near.record_ids == [report]


def test_biomarkers_done_partial_missing(library) -> None:
    conn = library.connection()
    assert _item(conn, "biomarkers").status == "missing"
    add_record(conn, "NGS panel", ["PIK3CA"], category="genomics", date="2024-04-30")
    assert _item(conn, "biomarkers").status == "partial"
    suggested = cases.add_entry(
        conn, "biomarker", {"marker": "ER", "result": "positive"}, status="suggested"
    )
    item = _item(conn, "biomarkers")
    assert item.status == "partial" and "none confirmed" in item.detail
    cases.confirm(conn, [suggested])
    assert _item(conn, "biomarkers").status == "done"


def test_imaging_done_partial_missing(library) -> None:
    from tests.core.case_helpers import add_study

    conn = library.connection()
    assert _item(conn, "imaging").status == "missing"
    add_record(conn, "CT report", ["stable"], category="imaging-report", date="2024-01-05")
    old = _item(conn, "imaging")
    assert old.status == "partial" and "days ago" in old.detail
    add_study(conn, "CT CHEST", "2024-08-20")
    assert "no report" in _item(conn, "imaging").detail
    add_record(conn, "CT report, August", ["better"], category="imaging-report", date="2024-08-21")
    assert _item(conn, "imaging").status == "done"


def test_medications_done_partial_missing(library) -> None:
    conn = library.connection()
    assert _item(conn, "medications").status == "missing"
    add_record(conn, "Letter", ["Current medication: none"], category="other", date="2024-01-01")
    assert _item(conn, "medications").status == "partial"
    add_record(conn, "Pharmacy list", ["aspirin"], category="medication", date="2024-08-01")
    assert _item(conn, "medications").status == "done"


def test_letter_done_partial_missing(library) -> None:
    conn = library.connection()
    assert _item(conn, "letter").status == "missing"
    add_record(conn, "Old letter", ["seen"], category="clinic-letter", date="2023-01-01")
    old = _item(conn, "letter")
    assert old.status == "partial" and "later one" in old.detail
    new = add_record(conn, "New letter", ["seen"], category="clinic-letter", date="2024-08-01")
    item = _item(conn, "letter")
    assert item.status == "done" and item.record_ids == [new]


def test_question_done_missing(library) -> None:
    conn = library.connection()
    assert _item(conn, "question").status == "missing"
    cases.set_question(conn, "Is a trial an option?")
    item = _item(conn, "question")
    assert item.status == "done" and item.detail == "Is a trial an option?"
