"""The command line of search: `recordorg search`, narrowed like the window's search."""

from __future__ import annotations

import argparse

from recordorg.cli.command import Command, json_option
from recordorg.cli.output import print_json
from recordorg.cli.records import add_record_filters, record_filter
from recordorg.core.catalogue import records, search
from recordorg.core.catalogue.library import Library


def _search_arguments(p: argparse.ArgumentParser) -> None:
    json_option(p)
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    add_record_filters(p, text=False)


def run_search(library: Library, args: argparse.Namespace) -> int:
    conn = library.connection()
    hits = search.search(conn, args.query, flt=record_filter(args, conn), limit=args.limit)
    found = records.get_records(conn, [h.record_id for h in hits])
    if args.json:
        return print_json([{**h.to_json(), "record": found[h.record_id].to_json()} for h in hits])
    if not hits:
        print("No records match.")
        return 0
    for hit in hits:
        record = found[hit.record_id]
        where = f" p.{hit.page}" if hit.page else ""
        print(
            f"{record.id:>6}  {record.date_as_written or '----------':<10}  {record.title}{where}"
        )
        if hit.snippet.strip():
            print(f"        {' '.join(hit.snippet.split())}")
    return 0


COMMANDS = (
    Command(
        "search",
        "full-text search, best matches first",
        _search_arguments,
        run_search,
        description="Full-text search, best matches first; --person, --category, --tag, "
        "--kind, --from and --to narrow it as the window's sidebar does.",
    ),
)
