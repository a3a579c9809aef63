"""What a person typed, as a safe FTS5 query, and the record each index row belongs to."""

from __future__ import annotations

import re
from typing import Any

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def to_fts_query(text: str, *, prefix_last: bool = False) -> str:
    """Turn what a person typed into a safe FTS5 query: all words must match.

    Quoted text is a phrase; other words are matched as words (punctuation ignored), and
    the last word may match as a prefix (for results as you type).
    """
    parts: list[str] = []
    for phrase, word in _TOKEN.findall(text):
        words = _WORD.findall(phrase if phrase else word)
        if not words:
            continue
        parts.append('"' + " ".join(words) + '"')
    if not parts:
        return ""
    if prefix_last and not text.rstrip().endswith('"'):
        parts[-1] = parts[-1] + "*"
    return " ".join(parts)


def record_id_of(rowid: str) -> str:
    """SQL for the record an index row belongs to: a record's own row has the negated record
    id, a page's row has the page's id."""
    page = f"(SELECT record_id FROM pages WHERE id = {rowid})"
    return f"CASE WHEN {rowid} < 0 THEN -{rowid} ELSE {page} END"


def matching_record_ids_sql(text: str) -> tuple[str, list[Any]]:
    """A sub-select of the ids of records matching the text (for filters)."""
    query = to_fts_query(text, prefix_last=True)
    if not query:
        return "SELECT id FROM records", []
    return (
        f"SELECT {record_id_of('s.rowid')} FROM search_index s WHERE search_index MATCH ?",
        [query],
    )
