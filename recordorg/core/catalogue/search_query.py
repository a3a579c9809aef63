"""What a person typed, as a safe FTS5 query, and the record each index row belongs to."""

from __future__ import annotations

import re
from typing import Any

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def to_fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: all words must match.

    The one query the window and the command line both use. Quoted text is a phrase; other
    words are matched as words (punctuation ignored). The last word matches as a prefix
    ("letroz" finds letrozole, as the window does while you type), and so does any word
    ending in * ("osimer*").
    """
    parts: list[str] = []
    tokens = _TOKEN.findall(text)
    for n, (phrase, word) in enumerate(tokens):
        words = _WORD.findall(phrase if phrase else word)
        if not words:
            continue
        prefix = not phrase and (word.endswith("*") or n == len(tokens) - 1)
        parts.append('"' + " ".join(words) + '"' + ("*" if prefix else ""))
    return " ".join(parts)


def record_id_of(rowid: str) -> str:
    """SQL for the record an index row belongs to: a record's own row has the negated record
    id, a page's row has the page's id."""
    page = f"(SELECT record_id FROM pages WHERE id = {rowid})"
    return f"CASE WHEN {rowid} < 0 THEN -{rowid} ELSE {page} END"


def matching_record_ids_sql(text: str) -> tuple[str, list[Any]]:
    """A sub-select of the ids of records matching the text (for filters)."""
    query = to_fts_query(text)
    if not query:
        return "SELECT id FROM records", []
    return (
        f"SELECT {record_id_of('s.rowid')} FROM search_index s WHERE search_index MATCH ?",
        [query],
    )
