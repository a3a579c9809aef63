"""Case-review entries as they stand (status, fields, drugs, sources), kept so that a
confirm, reject, edit or delete can be put back exactly: the window's undo."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from recordorg.core.case.kinds import KINDS
from recordorg.core.catalogue.database import transaction

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class EntryState:
    """One entry's rows in every table that holds it (no rows: the entry did not exist)."""

    entry_id: int
    tables: dict[str, Rows] = field(default_factory=dict)
    linked_sites: tuple[int, ...] = ()  # metastatic sites that point at this diagnosis


def _rows(conn: sqlite3.Connection, table: str, column: str, entry_id: int) -> Rows:
    cursor = conn.execute(f"SELECT * FROM {table} WHERE {column} = ? ORDER BY rowid", (entry_id,))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def entry_states(conn: sqlite3.Connection, entry_ids: Iterable[int]) -> list[EntryState]:
    """The entries as they are now."""
    states = []
    for entry_id in entry_ids:
        entry = _rows(conn, "case_entries", "id", entry_id)
        if not entry:
            states.append(EntryState(entry_id))
            continue
        tables = {"case_entries": entry}
        for table in (KINDS[entry[0]["kind"]].table, "case_treatment_drugs", "case_citations"):
            tables[table] = _rows(conn, table, "entry_id", entry_id)
        sites = conn.execute(
            "SELECT entry_id FROM case_metastatic_sites WHERE diagnosis_id = ?", (entry_id,)
        ).fetchall()
        states.append(EntryState(entry_id, tables, tuple(r[0] for r in sites)))
    return states


def restore_entries(conn: sqlite3.Connection, states: Iterable[EntryState]) -> list[int]:
    """Put entries back as they were (removing those that did not exist); their ids."""
    states = list(states)
    with transaction(conn):
        for state in states:
            conn.execute("DELETE FROM case_entries WHERE id = ?", (state.entry_id,))
            for table, rows in state.tables.items():
                for row in rows:
                    conn.execute(
                        f"INSERT INTO {table}({', '.join(row)}) "
                        f"VALUES ({', '.join('?' * len(row))})",
                        list(row.values()),
                    )
            for site in state.linked_sites:
                conn.execute(
                    "UPDATE case_metastatic_sites SET diagnosis_id = ? WHERE entry_id = ?",
                    (state.entry_id, site),
                )
    return [state.entry_id for state in states]
