"""Putting records straight into a catalogue, for tests of the core alone."""

from __future__ import annotations

import sqlite3

from recordorg.core.catalogue.categories import category_id
from recordorg.core.catalogue.database import now, transaction


def add_record(
    conn: sqlite3.Connection,
    title: str,
    pages: list[str] = (),
    *,
    category: str = "other",
    date: str | None = None,
    sha: str | None = None,
    name: str = "file.pdf",
) -> int:
    stamp = now()
    with transaction(conn):
        record_id = conn.execute(
            "INSERT INTO records(category_id, kind, title, clinical_date, date_source, sha256, "
            "original_name, page_count, imported_at, updated_at) VALUES (?, 'pdf', ?, ?, ?, ?, "
            "?, ?, ?, ?)",
            (
                category_id(conn, category),
                title,
                date,
                "text" if date else None,
                sha or f"sha-{title}-{stamp}-{len(pages)}",
                name,
                len(pages),
                stamp,
                stamp,
            ),
        ).lastrowid
        conn.executemany(
            "INSERT INTO pages(record_id, number, text, source) VALUES (?, ?, ?, 'text-layer')",
            [(record_id, n, text) for n, text in enumerate(pages, 1)],
        )
    return int(record_id)
