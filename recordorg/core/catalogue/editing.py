"""Changing records: title, category, date, notes, person and tags; deleting."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from recordorg.core.catalogue.categories import category_id
from recordorg.core.catalogue.database import now, transaction
from recordorg.core.catalogue.patient_identity import refresh_flags
from recordorg.core.catalogue.people import ensure_person
from recordorg.core.errors import NotFound, UserError
from recordorg.core.wording import first_day, precision_of, redated_title, typed_date

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class RecordChange:
    """What to change on one or more records; None means leave as it is."""

    title: str | None = None
    category: str | None = None
    clinical_date: str | None = None  # "YYYY-MM-DD" or "" to clear
    notes: str | None = None
    person: str | None = None  # name, or "" for nobody
    add_tags: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)


def valid_date(text: str) -> str:
    """A typed date as ISO to the precision typed: a day ("2025-03-14"), a month ("2023-03",
    from "Mar 2023" or "03/2023") or a year ("2021"); UserError if it is none of them."""
    found = typed_date(text)
    if found is not None:
        return found
    if re.fullmatch(r"\s*\d{4}(-\d{1,2}){0,2}\s*", text):
        raise UserError(f'"{text}" is not a real calendar date.')
    raise UserError(
        f'"{text}" is not a date; write it as YYYY-MM-DD (2025-03-14), or without the day '
        "for a month or a year (2023-03, Mar 2023, 2021)."
    )


def valid_day(text: str) -> str:
    """A typed date that must be a whole day, as "YYYY-MM-DD"."""
    found = valid_date(text)
    if not ISO_DATE.match(found):
        raise UserError(f'"{text}" needs its day too, e.g. 2025-03-14.')
    return found


def apply_change(conn: sqlite3.Connection, record_ids: list[int], change: RecordChange) -> None:
    """Apply one change to every record named, in one transaction."""
    with transaction(conn):
        for record_id in record_ids:
            if not conn.execute("SELECT 1 FROM records WHERE id = ?", (record_id,)).fetchone():
                raise NotFound(f"There is no record {record_id} in this library.")
            _apply_one(conn, record_id, change)
    if change.person is not None:  # a moved record is checked against its new person
        refresh_flags(conn, list(record_ids))


def _apply_one(conn: sqlite3.Connection, record_id: int, change: RecordChange) -> None:
    sets: dict[str, object] = {}
    if change.title is not None:
        sets["title"] = " ".join(change.title.split())
    if change.category is not None:
        sets["category_id"] = category_id(conn, change.category)
    if change.clinical_date is not None:
        if change.clinical_date == "":
            sets.update(
                clinical_date=None,
                date_source=None,
                date_confirmed=0,
                date_precision="day",
                clinical_date_start=None,
                clinical_date_end=None,
            )
        else:
            typed = valid_date(change.clinical_date)
            sets.update(
                clinical_date=str(first_day(typed)),
                date_precision=precision_of(typed),
                clinical_date_start=None,
                clinical_date_end=None,
                date_source="user",
                date_confirmed=1,
            )
        if change.title is None:
            _redate_title(conn, record_id, sets)
    if change.notes is not None:
        sets["notes"] = change.notes
    if change.person is not None:
        sets["person_id"] = ensure_person(conn, change.person) if change.person else None
    if sets:
        sets["updated_at"] = now()
        assignments = ", ".join(f"{column} = ?" for column in sets)
        conn.execute(f"UPDATE records SET {assignments} WHERE id = ?", [*sets.values(), record_id])
    for tag in change.add_tags:
        tag = " ".join(tag.split())
        if not tag:
            continue
        conn.execute("INSERT OR IGNORE INTO tags(name) VALUES (?)", (tag,))
        conn.execute(
            "INSERT OR IGNORE INTO record_tags(record_id, tag_id) "
            "SELECT ?, id FROM tags WHERE name = ? COLLATE NOCASE",
            (record_id, tag),
        )
    for tag in change.remove_tags:
        conn.execute(
            "DELETE FROM record_tags WHERE record_id = ? AND tag_id = "
            "(SELECT id FROM tags WHERE name = ? COLLATE NOCASE)",
            (record_id, tag.strip()),
        )


def _redate_title(conn: sqlite3.Connection, record_id: int, sets: dict[str, object]) -> None:
    """A title that ends in the record's date ("MRI head — 2 Mar 2025") follows a new date."""
    row = conn.execute(
        "SELECT title, clinical_date, date_precision FROM records WHERE id = ?", (record_id,)
    ).fetchone()
    new = sets.get("clinical_date")
    title = redated_title(
        row["title"] or "",
        row["clinical_date"],
        row["date_precision"] or "day",
        str(new) if new else None,
        str(sets.get("date_precision") or "day"),
    )
    if title is not None:
        sets["title"] = title


def list_tags(conn: sqlite3.Connection) -> list[dict]:
    rows = conn.execute(
        """SELECT t.name, count(rt.record_id) AS records FROM tags t
           LEFT JOIN record_tags rt ON rt.tag_id = t.id GROUP BY t.id ORDER BY t.name"""
    )
    return [dict(r) for r in rows]


def delete_records(conn: sqlite3.Connection, record_ids: list[int]) -> list[str]:
    """Remove records from the catalogue; returns hashes of originals no longer used.

    The caller removes those originals from disk after the commit (an original without a
    row is cleaned at the next open anyway, never a row without its original).
    """
    with transaction(conn):
        hashes: set[str] = set()
        for record_id in record_ids:
            row = conn.execute("SELECT sha256 FROM records WHERE id = ?", (record_id,)).fetchone()
            if row is None:
                raise NotFound(f"There is no record {record_id} in this library.")
            if row[0]:
                hashes.add(row[0])
            hashes.update(
                r[0]
                for r in conn.execute(
                    "SELECT sha256 FROM dicom_instances WHERE record_id = ?", (record_id,)
                )
            )
            conn.execute("DELETE FROM records WHERE id = ?", (record_id,))
        still_used = set()
        for sha in hashes:
            if conn.execute(
                "SELECT 1 FROM records WHERE sha256 = ? UNION ALL "
                "SELECT 1 FROM dicom_instances WHERE sha256 = ? LIMIT 1",
                (sha, sha),
            ).fetchone():
                still_used.add(sha)
        return sorted(hashes - still_used)
