"""Is the catalogue built as this version of recordorg builds it? Its tables, columns,
indexes and triggers are compared (read with sqlite-utils) with a catalogue made fresh, in
memory, by the same migrations. A missing trigger is the worst case: nothing fails, but
search silently stops seeing changes; missing indexes and triggers can be put back.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from recordorg.core.catalogue.database import migrate

# Parts of the catalogue SQLite makes by itself, and what a person would call each kind.
KINDS = {"index": "index", "trigger": "trigger"}
CONSEQUENCE = {
    "trigger": "search and counts can miss changes",
    "index": "lists and searches can be slow",
}


@dataclass(frozen=True)
class Finding:
    """One way the catalogue differs from what this version builds; `repair` holds the SQL
    statements that put it back, when that is safe."""

    message: str
    repair: tuple[str, ...] = ()


def _reference() -> Database:
    conn = sqlite3.connect(":memory:")
    migrate(conn)
    return Database(conn)


def _same_sql(a: str | None, b: str | None) -> bool:
    return re.sub(r"\s+", " ", a or "").strip() == re.sub(r"\s+", " ", b or "").strip()


def compare_structure(conn: sqlite3.Connection) -> list[Finding]:
    """How this catalogue differs from a fresh one of the same version (empty if not).
    Parts the fresh one lacks are left alone: they harm nothing."""
    live, fresh = Database(conn), _reference()
    try:
        return _tables(live, fresh) + _indexes(live, fresh) + _triggers(live, fresh)
    finally:
        fresh.conn.close()


def _tables(live: Database, fresh: Database) -> list[Finding]:
    found = []
    tables = set(live.table_names())
    for name in fresh.table_names():
        if name not in tables:
            found.append(
                Finding(
                    f"The catalogue has lost its table {name}; restore the library from a backup."
                )
            )
            continue
        columns = {c.name: c for c in live[name].columns}
        for column in fresh[name].columns:
            have = columns.get(column.name)
            if have is None:
                found.append(
                    Finding(
                        f"The table {name} has lost its column {column.name}; "
                        "restore the library from a backup."
                    )
                )
            elif (have.type.upper(), have.notnull, have.is_pk) != (
                column.type.upper(),
                column.notnull,
                column.is_pk,
            ):
                found.append(
                    Finding(
                        f"The column {name}.{column.name} is not defined as "
                        "this version of recordorg defines it."
                    )
                )
    return found


def _indexes(live: Database, fresh: Database) -> list[Finding]:
    found = []
    tables = set(live.table_names())
    for table in fresh.table_names():
        if table not in tables:
            continue
        have = {i.name: i for i in live[table].indexes}
        for index in fresh[table].indexes:
            if index.origin != "c":
                continue  # made by SQLite for a primary key or UNIQUE: it comes with the table
            sql = _sql_of(fresh, "index", index.name)
            if index.name not in have:
                found.append(_missing("index", index.name, sql))
            elif (
                have[index.name].columns != index.columns or have[index.name].unique != index.unique
            ):
                found.append(_changed("index", index.name, sql))
    return found


def _triggers(live: Database, fresh: Database) -> list[Finding]:
    found = []
    have = {t.name: t for t in live.triggers}
    for trigger in fresh.triggers:
        if trigger.name not in have:
            found.append(_missing("trigger", trigger.name, trigger.sql))
        elif not _same_sql(have[trigger.name].sql, trigger.sql):
            found.append(_changed("trigger", trigger.name, trigger.sql))
    return found


def _sql_of(db: Database, kind: str, name: str) -> str:
    row = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = ? AND name = ?", [kind, name]
    ).fetchone()
    return row[0]


def _missing(kind: str, name: str, sql: str) -> Finding:
    return Finding(
        f"The catalogue has lost its {KINDS[kind]} {name} ({CONSEQUENCE[kind]}); "
        "it can be put back.",
        (sql,),
    )


def _changed(kind: str, name: str, sql: str) -> Finding:
    return Finding(
        f"The catalogue's {KINDS[kind]} {name} has been changed "
        f"({CONSEQUENCE[kind]}); it can be put back.",
        (f'DROP {kind.upper()} IF EXISTS "{name}"', sql),
    )
