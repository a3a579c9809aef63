"""Browsing a library: record ids in any order, and the counts a sidebar shows."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from recordorg.core.catalogue.records import RecordFilter, filter_sql
from recordorg.core.wording import date_span

# What a list of records can be sorted by, in the user's words, and the SQL for it.
SORT_KEYS: dict[str, str] = {
    "date": "coalesce(r.clinical_date, substr(r.imported_at, 1, 10))",
    "title": "r.title COLLATE NOCASE",
    "category": "(SELECT name FROM categories WHERE id = r.category_id) COLLATE NOCASE",
    "person": "coalesce((SELECT name FROM people WHERE id = r.person_id), '') COLLATE NOCASE",
    "kind": "r.kind",
    "imported": "r.imported_at",
}

KIND_NAMES = {
    "pdf": "Documents",
    "image": "Photos and scans",
    "dicom": "Imaging studies",
    "other": "Other files",
}


def sorted_record_ids(
    conn: sqlite3.Connection,
    flt: RecordFilter | None = None,
    *,
    sort: str = "date",
    descending: bool = True,
) -> list[int]:
    """Ids of the matching records in the chosen order (ties: newest id first)."""
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}")
    where, params = filter_sql(flt or RecordFilter())
    direction = "DESC" if descending else "ASC"
    order = f" ORDER BY {SORT_KEYS[sort]} {direction}, r.id {direction}"
    return [row[0] for row in conn.execute("SELECT r.id FROM records r" + where + order, params)]


@dataclass
class Count:
    """One line of the sidebar: what it filters by, its label and how many records."""

    key: str
    label: str
    records: int


@dataclass
class SidebarCounts:
    """Everything a library's sidebar lists, counted in a few cheap queries."""

    total: int = 0
    without_person: int = 0
    people: list[Count] = field(default_factory=list)
    categories: list[Count] = field(default_factory=list)
    tags: list[Count] = field(default_factory=list)
    kinds: list[Count] = field(default_factory=list)
    first_date: str | None = None
    last_date: str | None = None


def sidebar_counts(conn: sqlite3.Connection) -> SidebarCounts:
    """People, categories, tags and kinds with their record counts, and the date range."""
    counts = SidebarCounts()
    row = conn.execute(
        "SELECT count(*), sum(person_id IS NULL), min(clinical_date), max(clinical_date) "
        "FROM records"
    ).fetchone()
    counts.total, counts.without_person = row[0], row[1] or 0
    counts.first_date, counts.last_date = row[2], row[3]
    counts.people = [
        Count(r[0], r[0], r[1])
        for r in conn.execute(
            "SELECT p.name, count(r.id) FROM people p LEFT JOIN records r ON r.person_id = p.id "
            "GROUP BY p.id ORDER BY p.name COLLATE NOCASE"
        )
    ]
    counts.categories = [
        Count(r[0], r[1], r[2])
        for r in conn.execute(
            "SELECT c.slug, c.name, count(r.id) FROM categories c "
            "LEFT JOIN records r ON r.category_id = c.id GROUP BY c.id ORDER BY c.id"
        )
    ]
    counts.tags = [
        Count(r[0], r[0], r[1])
        for r in conn.execute(
            "SELECT t.name, count(rt.record_id) FROM tags t "
            "JOIN record_tags rt ON rt.tag_id = t.id GROUP BY t.id ORDER BY t.name COLLATE NOCASE"
        )
    ]
    by_kind = dict(conn.execute("SELECT kind, count(*) FROM records GROUP BY kind").fetchall())
    counts.kinds = [Count(k, name, by_kind.get(k, 0)) for k, name in KIND_NAMES.items()]
    return counts


def all_tag_names(conn: sqlite3.Connection) -> list[str]:
    """Every tag name, for completion as the user types."""
    return [r[0] for r in conn.execute("SELECT name FROM tags ORDER BY name COLLATE NOCASE")]


def longest_titles(conn: sqlite3.Connection, count: int = 3) -> list[str]:
    """The longest record titles, by their number of characters: what a title column must
    have room for."""
    rows = conn.execute(
        "SELECT title FROM records ORDER BY length(title) DESC LIMIT ?", (count,)
    ).fetchall()
    return [str(r[0]) for r in rows]


def period_dates(conn: sqlite3.Connection, count: int = 200) -> list[str]:
    """The dates of records that cover a period ("3 Aug 2024 – 7 Aug 2024") as they are
    shown, each once: what a date column must have room for besides a single day."""
    rows = conn.execute(
        "SELECT DISTINCT coalesce(clinical_date_start, clinical_date), clinical_date_end,"
        " coalesce(date_precision, 'day') FROM records"
        " WHERE clinical_date IS NOT NULL AND clinical_date_end IS NOT NULL"
        " AND clinical_date_end != coalesce(clinical_date_start, clinical_date) LIMIT ?",
        (count,),
    ).fetchall()
    return [date_span(start, end, precision) for start, end, precision in rows]
