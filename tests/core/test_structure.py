"""The catalogue's structure compared with what this version builds, and put back."""

from __future__ import annotations

from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.search import search
from recordorg.core.catalogue.structure import compare_structure

from .helpers import add_record


def _structure(library: Library) -> list[str]:
    return [p.message for p in check_library(library).problems if p.what == "structure"]


def test_a_new_library_is_built_as_this_version_builds_it(library: Library) -> None:
    assert compare_structure(library.connection()) == []
    assert _structure(library) == []


def test_a_lost_trigger_and_index_are_named_and_put_back(library: Library) -> None:
    conn = library.connection()
    record = add_record(conn, "Letter from the clinic", ["Ultrasound of the liver"])
    conn.execute("DROP TRIGGER records_au")
    conn.execute("DROP INDEX records_date")
    conn.execute("UPDATE records SET title = 'Histology report' WHERE id = ?", (record,))
    conn.commit()
    assert search(conn, "histology") == []  # nothing failed, but search no longer sees it
    problems = _structure(library)
    assert len(problems) == 2
    assert any("trigger records_au" in p and "search" in p for p in problems)
    assert any("index records_date" in p for p in problems)
    report = check_library(library, repair=True)
    assert any("Put back 2 part(s)" in r for r in report.repaired)
    assert [p for p in report.problems if p.what == "structure"] == []
    assert [hit.record_id for hit in search(conn, "histology")] == [record]
    conn.execute("UPDATE records SET title = 'Discharge summary' WHERE id = ?", (record,))
    conn.commit()
    assert [hit.record_id for hit in search(conn, "discharge")] == [record]


def test_a_changed_trigger_is_put_back_as_it_was(library: Library) -> None:
    conn = library.connection()
    conn.execute("DROP TRIGGER pages_ai")
    conn.execute("CREATE TRIGGER pages_ai AFTER INSERT ON pages BEGIN SELECT 1; END")
    conn.commit()
    assert any("trigger pages_ai has been changed" in p for p in _structure(library))
    check_library(library, repair=True)
    assert _structure(library) == []
    record = add_record(conn, "Scan", ["metastasis in segment seven"])
    assert [hit.record_id for hit in search(conn, "segment")] == [record]


def test_a_lost_column_is_named_and_not_guessed_at(library: Library) -> None:
    conn = library.connection()
    conn.execute("ALTER TABLE case_questions DROP COLUMN question")
    conn.commit()
    report = check_library(library, repair=True)
    lost = [p for p in report.problems if p.what == "structure"]
    assert len(lost) == 1 and "case_questions has lost its column question" in lost[0].message
    assert not lost[0].repairable
