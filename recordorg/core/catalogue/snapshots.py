"""What a record's editable fields were at a moment, and putting them back (for undo)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from recordorg.core.catalogue.database import now, transaction
from recordorg.core.catalogue.people import ensure_person


@dataclass(frozen=True)
class RecordState:
    """The fields a user edits on one record, exactly as stored."""

    record_id: int
    title: str
    category_id: int
    clinical_date: str | None
    date_source: str | None
    date_confirmed: int
    notes: str
    person: str | None
    tags: tuple[str, ...]
    date_precision: str = "day"
    clinical_date_start: str | None = None
    clinical_date_end: str | None = None


def snapshot(conn: sqlite3.Connection, record_ids: list[int]) -> list[RecordState]:
    """The editable state of each record that exists (missing ids are left out)."""
    states = []
    for record_id in record_ids:
        row = conn.execute(
            "SELECT r.title, r.category_id, r.clinical_date, r.date_source, r.date_confirmed, "
            "r.notes, p.name, r.date_precision, r.clinical_date_start, r.clinical_date_end "
            "FROM records r LEFT JOIN people p ON p.id = r.person_id "
            "WHERE r.id = ?",
            (record_id,),
        ).fetchone()
        if row is None:
            continue
        tags = tuple(
            t[0]
            for t in conn.execute(
                "SELECT t.name FROM record_tags rt JOIN tags t ON t.id = rt.tag_id "
                "WHERE rt.record_id = ? ORDER BY t.name",
                (record_id,),
            )
        )
        states.append(RecordState(record_id, *tuple(row)[:7], tags, *tuple(row)[7:]))
    return states


def restore(conn: sqlite3.Connection, states: list[RecordState]) -> list[int]:
    """Put records back as they were, in one transaction; returns the ids restored.

    Records deleted since the snapshot are passed over: there is nothing to put back.
    """
    restored = []
    with transaction(conn):
        for state in states:
            exists = conn.execute("SELECT 1 FROM records WHERE id = ?", (state.record_id,))
            if not exists.fetchone():
                continue
            person_id = ensure_person(conn, state.person) if state.person else None
            conn.execute(
                "UPDATE records SET title = ?, category_id = ?, clinical_date = ?, "
                "date_source = ?, date_confirmed = ?, notes = ?, person_id = ?, updated_at = ?, "
                "date_precision = ?, clinical_date_start = ?, clinical_date_end = ? WHERE id = ?",
                (
                    state.title,
                    state.category_id,
                    state.clinical_date,
                    state.date_source,
                    state.date_confirmed,
                    state.notes,
                    person_id,
                    now(),
                    state.date_precision,
                    state.clinical_date_start,
                    state.clinical_date_end,
                    state.record_id,
                ),
            )
            conn.execute("DELETE FROM record_tags WHERE record_id = ?", (state.record_id,))
            for tag in state.tags:
                conn.execute("INSERT OR IGNORE INTO tags(name) VALUES (?)", (tag,))
                conn.execute(
                    "INSERT INTO record_tags(record_id, tag_id) "
                    "SELECT ?, id FROM tags WHERE name = ? COLLATE NOCASE",
                    (state.record_id, tag),
                )
            restored.append(state.record_id)
    return restored
