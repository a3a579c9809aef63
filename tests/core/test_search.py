"""Full-text search: ranking, snippets, tags and notes, hostile query text, filters."""

from __future__ import annotations

from recordorg.core.catalogue import editing, search
from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.records import RecordFilter
from tests.core.helpers import add_record, add_two_peoples_records


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
    assert [h.record_id for h in search.search(conn, "tumorb")] == [b]  # a prefix
    assert search.search(conn, '"tumorb"') == []  # quoted: the word itself


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


def test_filters_narrow_the_hits(library) -> None:
    conn = library.connection()
    ids = add_two_peoples_records(conn)

    def found(**narrow) -> set[int]:
        return {h.record_id for h in search.search(conn, "tumour", flt=RecordFilter(**narrow))}

    assert found() == {ids["maria-lab"], ids["maria-scan"], ids["jon-lab"]}
    assert found(person="Maria") == {ids["maria-lab"], ids["maria-scan"]}
    assert found(person="maria", category="laboratory") == {ids["maria-lab"]}
    assert found(category="Imaging report") == {ids["maria-scan"]}  # by name as well as by slug
    assert found(tag="trial") == {ids["jon-lab"]}
    assert found(date_from="2024-06-01") == {ids["maria-scan"], ids["jon-lab"]}
    assert found(date_to="2024-06-01", category="laboratory") == {ids["maria-lab"]}
    assert found(kind="dicom") == set()
    assert found(person="Nobody") == set()


def test_a_filter_applies_before_the_limit(library) -> None:
    conn = library.connection()
    others = [add_record(conn, "Carcinoma", ["carcinoma"], sha=f"s{n}") for n in range(12)]
    theirs = add_record(conn, "Letter", ["a long letter that names carcinoma once " * 20])
    editing.apply_change(conn, others, editing.RecordChange(person="Maria"))
    editing.apply_change(conn, [theirs], editing.RecordChange(person="Jon"))
    assert theirs not in [h.record_id for h in search.search(conn, "carcinoma", limit=2)]
    hits = search.search(conn, "carcinoma", flt=RecordFilter(person="Jon"), limit=2)
    assert [(h.record_id, h.page) for h in hits] == [(theirs, 1)]
    assert "[carcinoma]" in hits[0].snippet
