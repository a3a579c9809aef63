"""Full-text search over titles, file names, notes, tags and the text of every page."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from recordorg.core.catalogue.records import RecordFilter, filter_sql
from recordorg.core.catalogue.search_query import record_id_of, to_fts_query

# Ranking every hit of a very common word costs ~1 µs a hit; past this many hits we rank
# the most recently added ones, which keeps any one-word query fast on big libraries.
RANK_AT_MOST = 20_000


@dataclass
class SearchHit:
    """A record that matched, with its best page and a snippet marked [like this]."""

    record_id: int
    page: int | None
    snippet: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def search(
    conn: sqlite3.Connection,
    text: str,
    *,
    flt: RecordFilter | None = None,
    limit: int = 20,
    marks: tuple[str, str] = ("[", "]"),
) -> list[SearchHit]:
    """Records matching the text, best first, each with its best page and a snippet.

    A filter (person, category, tag, kind, dates: what the window's sidebar narrows to)
    keeps only the records it allows, before ranking and the limit. The matched words in a
    snippet are wrapped in `marks` (the window uses characters that cannot occur in a
    document, so real brackets in a report are not mistaken for them).
    """
    query = to_fts_query(text)
    if not query:
        return []
    allowed, allowed_params = _allowed_records(flt)
    rows = conn.execute(
        f"""SELECT h.rowid AS rowid, h.score AS score,
                   snippet(search_index, -1, ?, ?, '…', 12) AS snip
            FROM (SELECT rowid, bm25(search_index, 4.0, 1.0) AS score FROM search_index
                  WHERE search_index MATCH ?{allowed}
                  ORDER BY rowid DESC LIMIT {RANK_AT_MOST}) h
            JOIN search_index ON search_index.rowid = h.rowid
            WHERE search_index MATCH ?
            ORDER BY h.score LIMIT ?""",
        (*marks, query, *allowed_params, query, limit * 4),
    ).fetchall()
    hits: dict[int, SearchHit] = {}
    page_rows = [r["rowid"] for r in rows if r["rowid"] > 0]
    pages = {}
    if page_rows:
        holes = ",".join("?" * len(page_rows))
        pages = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                f"SELECT id, record_id, number FROM pages WHERE id IN ({holes})", page_rows
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


def _allowed_records(flt: RecordFilter | None) -> tuple[str, list[Any]]:
    """The condition (on a search index row) that keeps the records a filter allows."""
    where, params = filter_sql(flt) if flt is not None else ("", [])
    if not where:
        return "", []
    record = record_id_of("search_index.rowid")
    return f" AND ({record}) IN (SELECT r.id FROM records r{where})", params
