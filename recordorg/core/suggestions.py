"""Where suggestions live: the catalogue tables for found dates, suggestions and choices."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

SUGGESTION_TABLES = """
ALTER TABLE found_dates ADD COLUMN confidence REAL NOT NULL DEFAULT 0;
ALTER TABLE found_dates ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE found_dates ADD COLUMN written TEXT NOT NULL DEFAULT '';
ALTER TABLE found_dates ADD COLUMN page INTEGER;
CREATE TABLE suggestions (
    record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
    category TEXT,
    category_confidence REAL NOT NULL DEFAULT 0,
    category_reason TEXT NOT NULL DEFAULT '',
    category_words TEXT NOT NULL DEFAULT '[]',
    category_applied INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL DEFAULT '',
    title_applied TEXT,
    date_value TEXT,
    date_kind TEXT,
    date_source TEXT,
    date_confidence REAL NOT NULL DEFAULT 0,
    date_reason TEXT NOT NULL DEFAULT '',
    day_first_votes INTEGER NOT NULL DEFAULT 0,
    month_first_votes INTEGER NOT NULL DEFAULT 0,
    applying INTEGER NOT NULL DEFAULT 0,
    analysed_at TEXT NOT NULL
);
CREATE TABLE category_choices (
    record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    chosen_at TEXT NOT NULL
);
CREATE TRIGGER records_category_chosen AFTER UPDATE OF category_id ON records
WHEN OLD.category_id IS NOT NEW.category_id
  AND NOT coalesce((SELECT applying FROM suggestions WHERE record_id = NEW.id), 0)
BEGIN
    INSERT OR REPLACE INTO category_choices(record_id, category_id, chosen_at)
    VALUES (NEW.id, NEW.category_id, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));
END;
INSERT INTO category_choices(record_id, category_id, chosen_at)
    SELECT r.id, r.category_id, r.updated_at FROM records r
    JOIN categories c ON c.id = r.category_id
    WHERE c.slug NOT IN ('other', 'imaging-study');
"""


def suggestions_migration() -> str:
    """Confidence and reasons on found dates; stored suggestions; the categories a person chose
    (kept by a trigger, so any change made outside the suggestion code counts as a choice;
    categories set before this version were chosen by a person, as imports used "other")."""
    return SUGGESTION_TABLES


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
