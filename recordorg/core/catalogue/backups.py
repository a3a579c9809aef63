"""When the library was last backed up, and whether records came in since (a setting)."""

from __future__ import annotations

import sqlite3

from recordorg.core.catalogue.database import transaction

LAST_BACKUP = "last_backup"  # kept in the settings table; not one a person changes


def last_backup(conn: sqlite3.Connection) -> str | None:
    """When the last backup finished (ISO, UTC), or None if never."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (LAST_BACKUP,)).fetchone()
    return str(row[0]) if row else None


def remember_backup(conn: sqlite3.Connection, when: str) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (LAST_BACKUP, when),
        )


def newest_import(conn: sqlite3.Connection) -> str | None:
    """When the newest record came in (ISO, UTC), or None in an empty library."""
    row = conn.execute("SELECT max(imported_at) FROM records").fetchone()
    return str(row[0]) if row and row[0] else None


def backup_due(conn: sqlite3.Connection) -> bool:
    """True when records were imported since the last backup began (or none was made);
    times are to the second, so one imported in the second a backup began counts."""
    newest = newest_import(conn)
    if newest is None:
        return False
    last = last_backup(conn)
    return last is None or last <= newest
