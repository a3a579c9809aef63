"""Suggestions as stored: a record's suggestion, the date-order votes, the categories chosen."""

from __future__ import annotations

import json
import sqlite3
from typing import Any


def stored_suggestion(conn: sqlite3.Connection, record_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM suggestions WHERE record_id = ?", (record_id,)).fetchone()
    if row is None:
        return None
    data = dict(row)
    data["category_words"] = json.loads(data["category_words"] or "[]")
    data.pop("applying", None)
    return data


def library_order_votes(conn: sqlite3.Connection, except_record: int = 0) -> tuple[int, int]:
    """Day-first and month-first dates seen in the library's other records."""
    row = conn.execute(
        "SELECT coalesce(sum(day_first_votes), 0), coalesce(sum(month_first_votes), 0) "
        "FROM suggestions WHERE record_id != ?",
        (except_record,),
    ).fetchone()
    return int(row[0]), int(row[1])


def chosen_categories(
    conn: sqlite3.Connection, max_chars: int = 4000
) -> list[tuple[str, str, int]]:
    """(text, category slug, record id) of every record whose category a person chose."""
    rows = conn.execute(
        """SELECT r.id, c.slug, r.title, r.original_name,
                  (SELECT group_concat(p.text, char(10)) FROM
                     (SELECT text FROM pages WHERE record_id = r.id ORDER BY number) p) AS body
           FROM category_choices cc JOIN records r ON r.id = cc.record_id
           JOIN categories c ON c.id = cc.category_id WHERE r.kind != 'dicom'"""
    ).fetchall()
    out = []
    for row in rows:
        body = (row["body"] or "")[:max_chars]
        if body.strip():
            out.append((body, row["slug"], row["id"]))
    return out


def choices_fingerprint(conn: sqlite3.Connection) -> tuple[int, str]:
    row = conn.execute("SELECT count(*), coalesce(max(chosen_at), '') FROM category_choices")
    count, latest = row.fetchone()
    return int(count), str(latest)


def record_was_chosen(conn: sqlite3.Connection, record_id: int) -> bool:
    return bool(
        conn.execute("SELECT 1 FROM category_choices WHERE record_id = ?", (record_id,)).fetchone()
    )
