"""People whose records the library keeps: add, rename, merge, list."""

from __future__ import annotations

import sqlite3

from recordorg.core.catalogue.database import now, transaction
from recordorg.core.errors import NotFound, UserError


def list_people(conn: sqlite3.Connection) -> list[dict]:
    rows = conn.execute(
        """SELECT p.id, p.name, count(r.id) AS records FROM people p
           LEFT JOIN records r ON r.person_id = p.id GROUP BY p.id ORDER BY p.name"""
    )
    return [dict(r) for r in rows]


def person_id(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM people WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
    if row is None:
        raise NotFound(f'There is no person called "{name}" in this library.')
    return int(row[0])


def ensure_person(conn: sqlite3.Connection, name: str) -> int:
    """The id of the person with this name, adding them if needed (inside a transaction)."""
    name = _clean(name)
    row = conn.execute("SELECT id FROM people WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
    if row:
        return int(row[0])
    cursor = conn.execute("INSERT INTO people(name, created_at) VALUES (?, ?)", (name, now()))
    return int(cursor.lastrowid)


def add_person(conn: sqlite3.Connection, name: str) -> int:
    with transaction(conn):
        return ensure_person(conn, name)


def rename_person(conn: sqlite3.Connection, old: str, new: str) -> None:
    new = _clean(new)
    with transaction(conn):
        pid = person_id(conn, old)
        clash = conn.execute(
            "SELECT id FROM people WHERE name = ? COLLATE NOCASE AND id != ?", (new, pid)
        ).fetchone()
        if clash:
            raise UserError(f'"{new}" already exists; merge the two people instead.')
        conn.execute("UPDATE people SET name = ? WHERE id = ?", (new, pid))


def merge_people(conn: sqlite3.Connection, source: str, target: str) -> int:
    """Move every record of `source` to `target` and remove `source`; returns records moved."""
    with transaction(conn):
        src, dst = person_id(conn, source), person_id(conn, target)
        if src == dst:
            raise UserError("A person cannot be merged into themselves.")
        moved = conn.execute(
            "UPDATE records SET person_id = ?, updated_at = ? WHERE person_id = ?",
            (dst, now(), src),
        ).rowcount
        # the case review follows the records
        conn.execute("UPDATE case_entries SET person_id = ? WHERE person_id = ?", (dst, src))
        conn.execute("DELETE FROM people WHERE id = ?", (src,))
        return moved


def _clean(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise UserError("A person needs a name.")
    return name
