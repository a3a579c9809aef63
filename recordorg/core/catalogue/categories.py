"""Record categories: the built-in ones for a cancer case review and the user's own."""

from __future__ import annotations

import re
import sqlite3

from recordorg.core.catalogue.database import transaction
from recordorg.core.errors import NotFound, UserError


def list_categories(conn: sqlite3.Connection) -> list[dict]:
    rows = conn.execute(
        """SELECT c.id, c.slug, c.name, c.builtin, count(r.id) AS records FROM categories c
           LEFT JOIN records r ON r.category_id = c.id GROUP BY c.id ORDER BY c.id"""
    )
    return [dict(r) for r in rows]


def category_id(conn: sqlite3.Connection, slug_or_name: str) -> int:
    row = conn.execute(
        "SELECT id FROM categories WHERE slug = ? OR name = ? COLLATE NOCASE",
        (slug_or_name, slug_or_name),
    ).fetchone()
    if row is None:
        names = ", ".join(c["slug"] for c in list_categories(conn))
        raise NotFound(f'There is no category "{slug_or_name}". The categories are: {names}.')
    return int(row[0])


def add_category(conn: sqlite3.Connection, name: str) -> str:
    name = " ".join(name.split())
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug:
        raise UserError("A category needs a name with letters or digits.")
    with transaction(conn):
        clash = conn.execute(
            "SELECT 1 FROM categories WHERE slug = ? OR name = ? COLLATE NOCASE", (slug, name)
        ).fetchone()
        if clash:
            raise UserError(f'There is already a category "{name}".')
        conn.execute("INSERT INTO categories(slug, name) VALUES (?, ?)", (slug, name))
    return slug
