"""Full-text search: ranking, snippets, tags and notes, hostile query text."""

from __future__ import annotations

from recordorg.core.catalogue import editing, search
from recordorg.core.catalogue.check import check_library
from tests.core.helpers import add_record


def test_ranked_hits_with_page_and_snippet(library) -> None:
    conn = library.connection()
    add_record(conn, "Lab results", ["haemoglobin 12.1 g/dL", "CEA normal"])
    path = add_record(
        conn,
        "Pathology",
        ["intro", "Invasive ductal carcinoma, grade 2. Carcinoma present at margin."],
    )
    hits = search.search(conn, "carcinoma")
    assert [h.record_id for h in hits] == [path]
    assert hits[0].page == 2
    assert "[carcinoma]" in hits[0].snippet.lower()


def test_title_notes_tags_and_diacritics_match(library) -> None:
    conn = library.connection()
    a = add_record(conn, "Befund Schädel MRT")
    b = add_record(conn, "Letter")
    change = editing.RecordChange(notes="ask about trial", add_tags=["tumorboard"])
    editing.apply_change(conn, [b], change)
    assert [h.record_id for h in search.search(conn, "schadel")] == [a]
    assert [h.record_id for h in search.search(conn, "trial")] == [b]
    assert [h.record_id for h in search.search(conn, "tumorboard")] == [b]
    assert [h.record_id for h in search.search(conn, "tumorb", prefix=True)] == [b]
    assert search.search(conn, "tumorb") == []


def test_hostile_query_text_is_safe(library) -> None:
    conn = library.connection()
    add_record(conn, "Report", ['He said "NEAR" AND OR * ( ) col:umn'])
    for query in ['"', "AND", "((", "col:umn", "*", "NEAR(", "'; DROP TABLE records; --"]:
        search.search(conn, query)  # must not raise
    assert len(search.search(conn, "col:umn")) == 1


def test_check_finds_and_repairs_search_index(library) -> None:
    conn = library.connection()
    add_record(conn, "Pathology", ["carcinoma"])
    assert check_library(library, quick=True).problems == [
        p for p in check_library(library, quick=True).problems if p.what == "missing-original"
    ]
    conn.execute("DELETE FROM search_index WHERE rowid > 0")
    report = check_library(library, quick=True)
    assert any(p.what == "search-index" for p in report.problems)
    repaired = check_library(library, repair=True, quick=True)
    assert not any(p.what == "search-index" for p in repaired.problems)
    assert search.search(conn, "carcinoma")
