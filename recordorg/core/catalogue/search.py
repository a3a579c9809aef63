"""Full-text search over titles, file names, notes, tags and the text of every page."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

# Ranking every hit of a very common word costs ~1 µs a hit; past this many hits we rank
# the most recently added ones, which keeps any one-word query fast on big libraries.
RANK_AT_MOST = 20_000

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


@dataclass
class SearchHit:
    """A record that matched, with its best page and a snippet marked [like this]."""

    record_id: int
    page: int | None
    snippet: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def matching_record_ids_sql(text: str) -> tuple[str, list[Any]]:
    """A sub-select of the ids of records matching the text (for filters)."""
    query = to_fts_query(text, prefix_last=True)
    if not query:
        return "SELECT id FROM records", []
    return (
        "SELECT CASE WHEN s.rowid < 0 THEN -s.rowid ELSE "
        "(SELECT record_id FROM pages WHERE id = s.rowid) END "
        "FROM search_index s WHERE search_index MATCH ?",
        [query],
    )


def search(
    conn: sqlite3.Connection,
    text: str,
    *,
    limit: int = 20,
    prefix: bool = False,
    marks: tuple[str, str] = ("[", "]"),
) -> list[SearchHit]:
    """Records matching the text, best first, each with its best page and a snippet.

    The matched words in a snippet are wrapped in `marks` (the window uses characters that
    cannot occur in a document, so real brackets in a report are not mistaken for them).
    """
    query = to_fts_query(text, prefix_last=prefix)
    if not query:
        return []
    rows = conn.execute(
        f"""SELECT h.rowid AS rowid, h.score AS score,
                   snippet(search_index, -1, ?3, ?4, '…', 12) AS snip
            FROM (SELECT rowid, bm25(search_index, 4.0, 1.0) AS score FROM search_index
                  WHERE search_index MATCH ?1 ORDER BY rowid DESC LIMIT {RANK_AT_MOST}) h
            JOIN search_index ON search_index.rowid = h.rowid
            WHERE search_index MATCH ?1
            ORDER BY h.score LIMIT ?2""",
        (query, limit * 4, marks[0], marks[1]),
    ).fetchall()
    hits: dict[int, SearchHit] = {}
    page_rows = [r["rowid"] for r in rows if r["rowid"] > 0]
    pages = {}
    if page_rows:
        marks = ",".join("?" * len(page_rows))
        pages = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                f"SELECT id, record_id, number FROM pages WHERE id IN ({marks})", page_rows
            )
        }
    for row in rows:
        if row["rowid"] < 0:
            record_id, page = -row["rowid"], None
        else:
            record_id, page = pages[row["rowid"]]
        if record_id not in hits:
            hits[record_id] = SearchHit(record_id, page, row["snip"], row["score"])
    return list(hits.values())[:limit]
