"""The command line of the case review: `recordorg case ...` and `recordorg timeline`."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import Any

from recordorg.cli.case_output import print_case, print_checklist, print_entry
from recordorg.cli.command import Command
from recordorg.cli.output import print_json
from recordorg.core.case import review as cases
from recordorg.core.case.kinds import KINDS, kind_spec
from recordorg.core.case.overlap import saved_line_warnings
from recordorg.core.catalogue.editing import valid_day
from recordorg.core.catalogue.library import Library
from recordorg.core.errors import UserError
from recordorg.core.understanding.typed_dates import EXAMPLES, date_in_library


def _case_arguments(case: argparse.ArgumentParser) -> None:
    actions = case.add_subparsers(dest="case_action", metavar="ACTION", required=True)

    def action(name: str, text: str, common: bool = True) -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=text, description=text)
        if common:  # (`add` has them on each kind instead)
            p.add_argument("--person", help="whose case (needed when the library has several)")
            p.add_argument("--json", action="store_true", help="print JSON")
        return p

    p = action("show", "show the case review; unconfirmed entries are marked")
    p.add_argument("--all", action="store_true", help="show rejected suggestions too")
    action("suggest", "read the records and suggest biomarkers, treatment lines and imaging")
    p = action("checklist", "what a reviewer needs, what is there and what is missing")
    p.add_argument("--today", help="count recent things from this date (YYYY-MM-DD)")
    p = action("add", "add an entry (confirmed, as you wrote it)", common=False)
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    for spec in KINDS.values():
        if spec.kind == "question":
            continue
        aliases = ["treatment-line", "line"] if spec.kind == "treatment_line" else []
        k = kinds.add_parser(
            spec.kind,
            aliases=aliases,
            help=spec.label.lower(),
            description=f"Add a {spec.label.lower()}.",
        )
        k.add_argument("--person", help="whose case")
        k.add_argument("--json", action="store_true", help="print JSON")
        k.add_argument(
            "--suggested", action="store_true", help="add it as unconfirmed, to be confirmed later"
        )
        _field_options(k, spec.fields)
        _source_options(k, spec.kind == "treatment_line")
    p = action("edit", "change an entry's fields or sources")
    p.add_argument("id", type=int)
    p.add_argument("--confirm", action="store_true", help="confirm it as well")
    p.add_argument("--note", help="replace the entry's note")
    p.add_argument(
        "--uncite",
        type=int,
        action="append",
        default=[],
        metavar="SOURCE",
        help="remove a source by its number (see case show --json)",
    )
    seen: dict[str, Any] = {}
    for spec in KINDS.values():
        for f in spec.fields:
            seen.setdefault(f.name, f)
    _field_options(p, tuple(seen.values()))
    _source_options(p, True)
    for name, text in (
        ("confirm", "confirm entries: a person checked them"),
        ("reject", "reject suggestions: hidden, never suggested again"),
        ("delete", "remove entries for good"),
    ):
        p = action(name, text)
        p.add_argument("ids", nargs="+", type=int)
    p = action("question", "write the question for the reviewer")
    p.add_argument("text")


def _timeline_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, required=True, help="FILE.svg, FILE.png or FILE.pdf")
    p.add_argument("--person", help="whose case")
    p.add_argument("--width", type=int, default=1200, help="width in pixels (default 1200)")
    p.add_argument("--title", default="", help="a title above the timeline")
    p.add_argument("--today", help="draw ongoing treatment up to this date (YYYY-MM-DD)")
    p.add_argument("--no-records", action="store_true", help="leave out the other records")


def _field_options(p: argparse.ArgumentParser, fields: tuple) -> None:
    for f in fields:
        hint = {
            "date": "DATE",
            "bool": "yes|no",
            "int": "N",
            "float": "N",
            "record": "RECORD",
        }.get(f.type, "TEXT")
        if f.type == "choice":
            hint = "|".join(c for c in f.choices if c)
        words = f"{f.label}, {EXAMPLES} (day and month in the library's order)"
        p.add_argument(
            f.option,
            dest=f"field_{f.name}",
            metavar=hint,
            help=words if f.type == "date" else f.label,
        )


def _source_options(p: argparse.ArgumentParser, drugs: bool) -> None:
    p.add_argument(
        "--cite",
        action="append",
        default=[],
        metavar="RECORD[:PAGE]",
        help="a record (and page) this comes from (repeatable)",
    )
    p.add_argument("--quote", default="", help="the words on the cited page")
    if drugs:
        p.add_argument(
            "--drug",
            action="append",
            default=None,
            help="a drug of a treatment line (repeatable; replaces the drugs)",
        )


def _fields(conn: sqlite3.Connection, args: argparse.Namespace, kind: str) -> dict[str, Any]:
    """The fields given, dates read as the window's date fields read them ("15/10/2024" in
    the library's order of day and month)."""
    dates = {f.name for f in KINDS[kind].fields if f.type == "date"}
    given = {
        k.removeprefix("field_"): v
        for k, v in vars(args).items()
        if k.startswith("field_") and v is not None
    }
    return {k: date_in_library(conn, v) if k in dates and v else v for k, v in given.items()}


def _citations(args: argparse.Namespace) -> list[tuple[int, int | None, str]]:
    found = []
    for text in args.cite:
        record, _, page = text.partition(":")
        try:
            found.append((int(record), int(page) if page else None, args.quote))
        except ValueError:
            raise UserError(
                f'Cite a record as RECORD or RECORD:PAGE, e.g. 12:3, not "{text}".'
            ) from None
    return found


def _today(text: str | None) -> date | None:
    return date.fromisoformat(valid_day(text)) if text else None


def run_case(library: Library, args: argparse.Namespace) -> int:
    """Run `case ACTION`; returns the exit code."""
    return _RUN[args.case_action](library.connection(), args)


def _show(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    case = cases.load_case(conn, args.person, include_rejected=args.all)
    return print_json(case.to_json()) if args.json else print_case(case)


def _suggest(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    from recordorg.core.case.suggest import suggest

    report = suggest(conn, args.person)
    if args.json:
        return print_json(report.to_json())
    print(
        f"Read {report.records_read} record(s): {len(report.added)} new suggestion(s), "
        f"{report.sources_added} new source(s) for earlier ones, "
        f"{report.rejected_before} left out as rejected before."
    )
    if report.added:
        print("See them with `recordorg case show`; confirm or reject each.")
    return 0


def _checklist(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    from recordorg.core.case.checklist import review_checklist

    checklist = review_checklist(conn, args.person, _today(args.today))
    return print_json(checklist.to_json()) if args.json else print_checklist(checklist)


def _add(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    kind = kind_spec(args.kind).kind
    entry = cases.add_entry(
        conn,
        kind,
        _fields(conn, args, kind),
        person=args.person,
        citations=_citations(args),
        drugs=getattr(args, "drug", None),
        status="suggested" if args.suggested else "confirmed",
    )
    _print_overlaps(conn, entry)
    return _print_changed(conn, args, [entry])


def _edit(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    fields = _fields(conn, args, cases.get_entry(conn, args.id).kind)
    cases.edit_entry(conn, args.id, fields, drugs=args.drug, note=args.note, confirm=args.confirm)
    for record_id, page, quote in _citations(args):
        cases.add_citation(conn, args.id, record_id, page, quote)
    for citation in args.uncite:
        cases.remove_citation(conn, citation)
    _print_overlaps(conn, args.id)
    return _print_changed(conn, args, [args.id])


def _print_overlaps(conn: sqlite3.Connection, entry_id: int) -> None:
    """Warn (on the error stream, the entry is saved) of other treatment lines still ongoing."""
    for words in saved_line_warnings(conn, entry_id):
        print(f"Warning: {words}", file=sys.stderr)


def _set_status(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    status = {"confirm": "confirmed", "reject": "rejected"}[args.case_action]
    cases.set_status(conn, args.ids, status)
    return _print_changed(conn, args, args.ids)


def _delete(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    cases.delete_entries(conn, args.ids)
    print(f"Removed {len(args.ids)} entr{'y' if len(args.ids) == 1 else 'ies'}.")
    return 0


def _question(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    return _print_changed(conn, args, [cases.set_question(conn, args.text, args.person)])


def _print_changed(conn: sqlite3.Connection, args: argparse.Namespace, ids: list[int]) -> int:
    entries = [cases.get_entry(conn, i) for i in ids]
    if args.json:
        return print_json([e.to_json() for e in entries])
    for entry in entries:
        print_entry(entry)
    return 0


_RUN = {
    "show": _show,
    "suggest": _suggest,
    "checklist": _checklist,
    "add": _add,
    "edit": _edit,
    "confirm": _set_status,
    "reject": _set_status,
    "delete": _delete,
    "question": _question,
}


def run_timeline(library: Library, args: argparse.Namespace) -> int:
    """Run `timeline`: draw it to the file asked for."""
    from recordorg.core.case.timeline import timeline_for
    from recordorg.core.case.timeline_render import render_timeline

    conn = library.connection()
    layout = timeline_for(conn, args.person, _today(args.today), with_records=not args.no_records)
    path = render_timeline(layout, args.out, args.width, args.title)
    items = len(layout.items())
    note = f", {layout.unconfirmed} marked unconfirmed" if layout.unconfirmed else ""
    print(f"Wrote {path} ({items} item(s){note}).")
    return 0


COMMANDS = (
    Command(
        "case",
        "the case review: diagnosis, biomarkers, treatment lines",
        _case_arguments,
        run_case,
        description="Show and change the case review of a person.",
    ),
    Command(
        "timeline",
        "draw the treatment-history timeline to a file",
        _timeline_arguments,
        run_timeline,
        description="Draw the timeline of the case review as SVG, PNG or PDF.",
    ),
)
