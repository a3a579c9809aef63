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


def add_two_peoples_records(conn: sqlite3.Connection) -> dict[str, int]:
    """Records where "tumour" is written: two of Maria's (a laboratory result and an imaging
    report), one of Jon's (tagged "trial"); and one letter without it. Ids by key."""
    from recordorg.core.catalogue.editing import RecordChange, apply_change

    ids = {
        key: add_record(conn, title, [text], category=category, date=day, sha=key)
        for key, title, text, category, day in (
            ("maria-lab", "Blood count", "tumour markers", "laboratory", "2024-01-10"),
            ("maria-scan", "CT chest", "tumour size", "imaging-report", "2024-06-01"),
            ("jon-lab", "Liver panel", "tumour markers", "laboratory", "2024-06-02"),
            ("letter", "Letter", "appointment", "clinic-letter", "2024-06-03"),
        )
    }
    apply_change(conn, [ids["maria-lab"], ids["maria-scan"]], RecordChange(person="Maria"))
    apply_change(conn, [ids["jon-lab"]], RecordChange(person="Jon", add_tags=["trial"]))
    return ids
