"""Treatment lines that overlap another ongoing line are warned of, with the line's name."""

from __future__ import annotations

from recordorg.core.case import review as cases
from recordorg.core.case.overlap import overlap_warnings, saved_line_warnings
from recordorg.core.catalogue.library import Library


def test_a_line_overlapping_an_ongoing_line_is_named(tmp_path) -> None:
    library = Library.open(tmp_path / "library")
    conn = library.connection()
    two = cases.add_entry(
        conn, "treatment_line", {"line_number": 2, "start_date": "2024-10-15", "ongoing": True}
    )
    case = cases.load_case(conn)
    new = {"line_number": 3, "start_date": "2024-11-01", "ongoing": True}
    assert overlap_warnings(new, case.treatment_lines) == [
        "Line 2 is still ongoing since 15 October 2024: end it, or keep both?"
    ]
    ended_before = {"start_date": "2024-01-01", "end_date": "2024-06-30"}
    assert overlap_warnings(ended_before, case.treatment_lines) == []
    assert overlap_warnings(new, case.treatment_lines, entry_id=two) == []
    assert saved_line_warnings(conn, two) == []
    three = cases.add_entry(conn, "treatment_line", new)
    assert saved_line_warnings(conn, two) == [
        "Line 3 is still ongoing since 1 November 2024: end it, or keep both?"
    ]
    cases.edit_entry(conn, two, {"ongoing": False, "end_date": "2024-10-30"})
    assert saved_line_warnings(conn, three) == []
    library.close()


def test_only_confirmed_lines_count(tmp_path) -> None:
    library = Library.open(tmp_path / "library")
    conn = library.connection()
    suggested = cases.add_entry(
        conn,
        "treatment_line",
        {"regimen": "capecitabine", "start_date": "2024-05-20", "ongoing": True},
        status="suggested",
    )
    new = {"line_number": 3, "start_date": "2024-11-01", "ongoing": True}
    assert overlap_warnings(new, cases.load_case(conn).treatment_lines) == []
    three = cases.add_entry(conn, "treatment_line", new)
    assert saved_line_warnings(conn, three) == []
    cases.confirm(conn, [suggested])
    assert saved_line_warnings(conn, three) == [
        "capecitabine is still ongoing since 20 May 2024: end it, or keep both?"
    ]
    cases.reject(conn, [suggested])
    assert saved_line_warnings(conn, three) == []
    library.close()
