"""Entries kept as they stand and put back: a confirm, an edit and a delete undone exactly."""

from __future__ import annotations

from recordorg.core.case import review as cases
from recordorg.core.case.entry_states import entry_states, restore_entries
from recordorg.core.catalogue.library import Library
from tests.core.case_helpers import sample_case


def test_confirm_edit_and_delete_are_put_back(tmp_path) -> None:
    library = Library.open(tmp_path / "library")
    conn = library.connection()
    ids = sample_case(conn)
    record = ids["Oncology Clinic Letter"]
    diagnosis = cases.add_entry(conn, "diagnosis", {"primary_site": "Breast"})
    line = cases.add_entry(
        conn,
        "treatment_line",
        {"line_number": 2, "start_date": "2024-10-15"},
        drugs=["letrozole"],
        citations=[(record, 1, "plan")],
        status="suggested",
    )
    before = entry_states(conn, [diagnosis, line])
    shown = [cases.get_entry(conn, i).to_json() for i in (diagnosis, line)]
    cases.confirm(conn, [line])
    cases.edit_entry(conn, line, {"best_response": "PR"})
    cases.delete_entries(conn, [diagnosis])
    assert cases.get_entry(conn, line).confirmed
    assert restore_entries(conn, before) == [diagnosis, line]
    assert [cases.get_entry(conn, i).to_json() for i in (diagnosis, line)] == shown
    restore_entries(conn, entry_states(conn, [999]))
    library.close()
