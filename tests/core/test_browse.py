"""Browsing helpers: sorted ids, sidebar counts, date-source words, snapshots, studies."""

from __future__ import annotations

import pytest

from recordorg.core.catalogue import browse, editing, snapshots, studies
from recordorg.core.catalogue.database import now, transaction
from recordorg.core.catalogue.editing import RecordChange
from recordorg.core.catalogue.records import RecordFilter, get_record
from tests.core.helpers import add_record


def test_sorted_record_ids_in_every_order(library) -> None:
    conn = library.connection()
    a = add_record(conn, "beta", date="2024-03-01", category="laboratory")
    b = add_record(conn, "Alpha", date="2025-01-01", category="pathology")
    c = add_record(conn, "gamma", date="2023-06-01", category="clinic-letter")
    editing.apply_change(conn, [c], RecordChange(person="Ana"))
    assert browse.sorted_record_ids(conn) == [b, a, c]
    assert browse.sorted_record_ids(conn, sort="date", descending=False) == [c, a, b]
    assert browse.sorted_record_ids(conn, sort="title", descending=False) == [b, a, c]
    assert browse.sorted_record_ids(conn, sort="category", descending=False) == [c, a, b]
    assert browse.sorted_record_ids(conn, sort="person", descending=True)[0] == c
    flt = RecordFilter(date_from="2024-01-01")
    assert browse.sorted_record_ids(conn, flt, sort="title", descending=False) == [b, a]
    with pytest.raises(ValueError):
        browse.sorted_record_ids(conn, sort="colour")


def test_sidebar_counts(library) -> None:
    conn = library.connection()
    a = add_record(conn, "one", date="2024-03-01", category="laboratory")
    add_record(conn, "two", date="2022-01-05", category="laboratory")
    add_record(conn, "three")
    editing.apply_change(conn, [a], RecordChange(person="Ana", add_tags=["urgent"]))
    counts = browse.sidebar_counts(conn)
    assert (counts.total, counts.without_person) == (3, 2)
    assert (counts.first_date, counts.last_date) == ("2022-01-05", "2024-03-01")
    assert [(p.label, p.records) for p in counts.people] == [("Ana", 1)]
    by_slug = {c.key: c.records for c in counts.categories}
    assert by_slug["laboratory"] == 2 and by_slug["other"] == 1 and by_slug["pathology"] == 0
    assert [(t.label, t.records) for t in counts.tags] == [("urgent", 1)]
    assert {k.key: k.records for k in counts.kinds}["pdf"] == 3
    assert browse.all_tag_names(conn) == ["urgent"]


def test_snapshot_and_restore_put_every_field_back(library) -> None:
    conn = library.connection()
    rid = add_record(conn, "Scan", date="2024-02-02", category="pathology")
    editing.apply_change(
        conn, [rid], RecordChange(person="Ana", add_tags=["b", "a"], notes="first")
    )
    before = snapshots.snapshot(conn, [rid, 999])
    assert len(before) == 1 and before[0].tags == ("a", "b")
    editing.apply_change(
        conn,
        [rid],
        RecordChange(
            title="Changed",
            category="laboratory",
            clinical_date="2025-05-05",
            notes="second",
            person="Bo",
            add_tags=["c"],
            remove_tags=["a"],
        ),
    )
    assert snapshots.restore(conn, before) == [rid]
    record = get_record(conn, rid)
    assert (
        record.title,
        record.category,
        record.clinical_date,
        record.date_source,
        record.date_confirmed,
    ) == ("Scan", "pathology", "2024-02-02", "text", False)
    assert (record.person, record.notes, record.tags) == ("Ana", "first", ["a", "b"])
    editing.delete_records(conn, [rid])
    assert snapshots.restore(conn, before) == []  # a deleted record is passed over


def test_study_series_in_viewing_order(library) -> None:
    conn = library.connection()
    stamp = now()
    with transaction(conn):
        rid = conn.execute(
            "INSERT INTO records(category_id, kind, title, study_instance_uid, imported_at, "
            "updated_at) VALUES (1, 'dicom', 'CT', '1.2.3', ?, ?)",
            (stamp, stamp),
        ).lastrowid
        s2 = conn.execute(
            "INSERT INTO dicom_series(record_id, series_instance_uid, modality, "
            "description, number) VALUES (?, '1.2.3.2', 'CT', 'Lung', 2)",
            (rid,),
        ).lastrowid
        s1 = conn.execute(
            "INSERT INTO dicom_series(record_id, series_instance_uid, modality, "
            "number) VALUES (?, '1.2.3.1', 'CT', 1)",
            (rid,),
        ).lastrowid
        rows = [
            (s1, "c", 3, 1),
            (s1, "a", 1, 1),
            (s1, "b", 2, 4),
            (s2, "d", 1, 1),
            (s2, "x", None, 1),
        ]
        for series, sha, number, frames in rows:
            conn.execute(
                "INSERT INTO dicom_instances(series_id, record_id, sop_instance_uid, "
                "sop_class_uid, instance_number, rows, columns, frames, sha256, size) "
                "VALUES (?, ?, ?, '1.2', ?, 64, 64, ?, ?, 10)",
                (series, rid, f"uid-{sha}", number, frames, sha),
            )
    found = studies.study_series(conn, rid)
    assert [s.number for s in found] == [1, 2]
    assert [i.sha256 for i in found[0].images] == ["a", "b", "c"]
    assert found[0].frame_count == 6
    assert found[0].frames()[:3] == [("a", 0), ("b", 0), ("b", 1)]
    assert [i.sha256 for i in found[1].images] == ["d", "x"]
    assert found[1].label == "2: Lung" and found[0].label == "1: CT"
