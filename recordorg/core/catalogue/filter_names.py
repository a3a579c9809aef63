"""The person, category and tag a filter names, checked against the library: matched
whatever the case, and a name the library does not have said plainly with the ones it has."""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import replace

from recordorg.core.catalogue.records import RecordFilter
from recordorg.core.errors import NotFound

# For each thing a filter can name: the SQL listing (name to keep, name to match and show),
# the words for it, and whether to list them alphabetically (categories keep their order).
_NAMES = {
    "person": ("SELECT name, name FROM people", "person", "People", True),
    "category": ("SELECT slug, name FROM categories ORDER BY id", "category", "Categories", False),
    "tag": ("SELECT name, name FROM tags", "tag", "Tags", True),
}


def _folded(text: str) -> str:
    """A name as compared: any letter case, spacing, or way of writing its accents."""
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


def _alphabetical(text: str) -> str:
    """A name as sorted for reading: "Élodie" among the E's."""
    spelled = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in spelled if not unicodedata.combining(c))


def known_name(conn: sqlite3.Connection, what: str, asked: str) -> str:
    """The library's own spelling of the person, category (its slug) or tag the user named.

    Letter case and spacing do not matter, in any alphabet ("élodie  martin" finds "Élodie
    Martin"); a name the library does not have raises `NotFound` listing the ones it has.
    """
    sql, word, plural, alphabetical = _NAMES[what]
    rows = conn.execute(sql).fetchall()
    wanted = _folded(asked)
    for key, name in rows:
        if wanted in (_folded(key), _folded(name)):
            return str(key)
    shown = [str(name) for _key, name in rows]
    if alphabetical:
        shown.sort(key=_alphabetical)
    have = f"{plural}: {', '.join(shown)}." if shown else f"It has no {plural.lower()} yet."
    raise NotFound(f"No {word} called '{asked}' in this library. {have}")


def checked_filter(conn: sqlite3.Connection, flt: RecordFilter) -> RecordFilter:
    """The filter with its person, category and tag in the library's spelling."""
    found = {
        what: known_name(conn, what, asked)
        for what in _NAMES
        if (asked := getattr(flt, what)) is not None and asked.strip()
    }
    return replace(flt, **found)
