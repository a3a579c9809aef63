"""Editing records, people, categories and tags through the core."""

from __future__ import annotations

import pytest

from recordorg.core.catalogue import categories, editing, people, records
from recordorg.core.errors import NotFound, UserError
from tests.core.helpers import add_record


def test_edit_fields_and_tags(library) -> None:
    conn = library.connection()
    rid = add_record(conn, "Scan", ["text"], date="2025-01-02")
    editing.apply_change(
        conn,
        [rid],
        editing.RecordChange(
            title="  CT   chest ",
            category="imaging-report",
            clinical_date="2025-03-03",
            notes="ask Dr Lee",
            person="Maria Example",
            add_tags=["urgent", "second opinion"],
        ),
    )
    r = records.get_record(conn, rid)
    assert (r.title, r.category, r.clinical_date, r.date_source, r.date_confirmed) == (
        "CT chest",
        "imaging-report",
        "2025-03-03",
        "user",
        True,
    )
    assert r.person == "Maria Example" and r.notes == "ask Dr Lee"
    assert r.tags == ["second opinion", "urgent"]
    editing.apply_change(conn, [rid], editing.RecordChange(remove_tags=["URGENT"]))
    assert records.get_record(conn, rid).tags == ["second opinion"]


def test_bad_edits_are_refused_and_change_nothing(library) -> None:
    conn = library.connection()
    a = add_record(conn, "A")
    with pytest.raises(UserError, match="YYYY-MM-DD"):
        editing.apply_change(conn, [a], editing.RecordChange(clinical_date="14/02/2025"))
    with pytest.raises(UserError, match="not a real calendar date"):
        editing.apply_change(conn, [a], editing.RecordChange(clinical_date="2025-02-30"))
    with pytest.raises(NotFound, match="no category"):
        editing.apply_change(conn, [a], editing.RecordChange(category="astrology"))
    with pytest.raises(NotFound):
        editing.apply_change(conn, [a, 999], editing.RecordChange(title="changed"))
    assert records.get_record(conn, a).title == "A"  # the whole change was rolled back


def test_people_add_rename_merge(library) -> None:
    conn = library.connection()
    a, b = add_record(conn, "A"), add_record(conn, "B")
    editing.apply_change(conn, [a], editing.RecordChange(person="Maria"))
    editing.apply_change(conn, [b], editing.RecordChange(person="M. Example"))
    people.rename_person(conn, "maria", "Maria Example")
    with pytest.raises(UserError, match="merge"):
        people.rename_person(conn, "M. Example", "maria example")
    assert people.merge_people(conn, "M. Example", "Maria Example") == 1
    assert [p["name"] for p in people.list_people(conn)] == ["Maria Example"]
    assert {records.get_record(conn, i).person for i in (a, b)} == {"Maria Example"}


def test_user_category_and_filters(library) -> None:
    conn = library.connection()
    slug = categories.add_category(conn, "Second opinions")
    assert slug == "second-opinions"
    a = add_record(conn, "Old", date="2024-01-01", category="pathology")
    b = add_record(conn, "New", ["tumour board"], date="2025-06-01", category=slug)
    assert records.list_record_ids(conn) == [b, a]
    flt = records.RecordFilter
    assert records.list_record_ids(conn, flt(category="Second opinions")) == [b]
    assert records.list_record_ids(conn, flt(date_from="2024-06-01")) == [b]
    assert records.list_record_ids(conn, flt(date_to="2024-06-01")) == [a]
    assert records.list_record_ids(conn, flt(text="tumour")) == [b]
    editing.apply_change(conn, [a], editing.RecordChange(add_tags=["keep"]))
    assert records.list_record_ids(conn, flt(tag="KEEP")) == [a]


def test_delete_returns_unused_originals(library) -> None:
    conn = library.connection()
    a = add_record(conn, "A", ["x"], sha="aaa")
    assert editing.delete_records(conn, [a]) == ["aaa"]
    assert conn.execute("SELECT count(*) FROM pages").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM search_index").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2025-03-14", "2025-03-14"),
        ("Mar 2023", "2023-03"),
        ("March 2023", "2023-03"),
        ("03/2024", "2024-03"),
        ("2023-03", "2023-03"),
        ("2021", "2021"),
    ],
)
def test_a_typed_date_keeps_the_precision_typed(typed: str, stored: str) -> None:
    assert editing.valid_date(typed) == stored


def test_dates_that_are_none_of_day_month_or_year_are_refused() -> None:
    for typed in ("soon", "2025-02-30", "2025-13", "Smarch 2023", "13/2024"):
        with pytest.raises(UserError):
            editing.valid_date(typed)
    with pytest.raises(UserError, match="needs its day"):
        editing.valid_day("2023-03")


def test_a_case_entry_may_start_in_a_month() -> None:
    from recordorg.core.case.kinds import clean_value, kind_spec

    spec = kind_spec("treatment_line").field("start_date")
    assert clean_value(spec, "Mar 2023") == "2023-03"  # a line "since March 2023"
    assert clean_value(spec, "2024-05-02") == "2024-05-02"


def test_a_title_ending_in_the_records_date_follows_a_new_date(library) -> None:
    conn = library.connection()
    rid = add_record(conn, "MRI head — 2 Mar 2025", ["text"], date="2025-03-02")
    editing.apply_change(conn, [rid], editing.RecordChange(clinical_date="2024-05"))
    assert records.get_record(conn, rid).title == "MRI head — May 2024"
    editing.apply_change(conn, [rid], editing.RecordChange(clinical_date=""))
    assert records.get_record(conn, rid).title == "MRI head"
    written = add_record(conn, "Scan my aunt sent — 2 Mar 2025 copy", ["text"], date="2025-03-02")
    editing.apply_change(conn, [written], editing.RecordChange(clinical_date="2024-05-01"))
    assert records.get_record(conn, written).title == "Scan my aunt sent — 2 Mar 2025 copy"
    both = add_record(conn, "CT chest — 2 Mar 2025", ["text"], date="2025-03-02")
    change = editing.RecordChange(title="CT chest, mine", clinical_date="2024-05-01")
    editing.apply_change(conn, [both], change)
    assert records.get_record(conn, both).title == "CT chest, mine"
