"""The command line: everything the window does to a library, scriptable and testable."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from pathlib import Path
from typing import Any

from recordorg import __version__
from recordorg.cli.bundle import NEEDS_NO_LIBRARY, add_bundle_parsers, run_bundle_command
from recordorg.cli.case import add_case_parsers, run_case_command
from recordorg.cli.output import print_import_report, print_json, print_record, print_records
from recordorg.cli.progress import run_cancellable, run_job
from recordorg.cli.understanding import COMMANDS as UNDERSTANDING_COMMANDS
from recordorg.cli.understanding import (
    add_understanding_parsers,
    print_ocr_hint,
    run_understanding_command,
)
from recordorg.core.catalogue import categories, editing, people, records, search
from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.library import Library
from recordorg.core.errors import UserError
from recordorg.core.paths import default_library_path, demo_library_path

log = logging.getLogger("recordorg")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="recordorg",
        description="Keep a family's medical records on your own computer. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"recordorg {__version__}")
    parser.add_argument(
        "--library",
        type=Path,
        help="the library folder (default: $RECORDORG_LIBRARY or the user-data folder)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="use the demo library (made on first use)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str, json_flag: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        if json_flag:
            p.add_argument("--json", action="store_true", help="print JSON")
        return p

    p = command("import", "import files, folders, a hospital CD or USB stick")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--person", help="whose records these are")
    p.add_argument("--workers", type=int, help="reader processes (default: one per core)")

    p = command("list", "list records, newest first")
    _filters(p)

    p = command("show", "show one record")
    p.add_argument("id", type=int)
    p.add_argument("--text", action="store_true", help="print the text of every page")

    p = command("edit", "change one or more records")
    p.add_argument("ids", nargs="+", type=int)
    p.add_argument("--title")
    p.add_argument("--category")
    p.add_argument("--date", help="clinical date, YYYY-MM-DD ('' to clear)")
    p.add_argument("--note", help="replace the notes")
    p.add_argument("--person", help="move to this person ('' for nobody)")
    p.add_argument("--tag", action="append", default=[], help="add a tag (repeatable)")
    p.add_argument("--untag", action="append", default=[], help="remove a tag (repeatable)")

    p = command("delete", "remove records and their stored files")
    p.add_argument("ids", nargs="+", type=int)
    p.add_argument("--yes", action="store_true", help="do not ask first")

    p = command("people", "list, add, rename or merge people")
    p.add_argument("action", nargs="?", choices=["list", "add", "rename", "merge"], default="list")
    p.add_argument("names", nargs="*")

    p = command("categories", "list or add categories")
    p.add_argument("action", nargs="?", choices=["list", "add"], default="list")
    p.add_argument("name", nargs="?")

    command("tags", "list tags with their record counts")

    p = command("search", "full-text search, best matches first")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)

    p = command("check", "check the library; non-zero exit on any problem")
    p.add_argument("--repair", action="store_true", help="repair what is safe to repair")
    p.add_argument("--quick", action="store_true", help="compare sizes, not hashes")

    p = command("unlock", "read the text of a password-protected PDF")
    p.add_argument("id", type=int)
    p.add_argument("--password", help="the PDF's password (asked for when left out)")
    add_case_parsers(sub)  # case ..., timeline (issue 5)
    add_bundle_parsers(sub, _filters)  # export, verify, open (issue 6)
    add_understanding_parsers(sub)  # ocr, suggest, settings (issue 4)
    return parser


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--person")
    p.add_argument("--category")
    p.add_argument("--tag")
    p.add_argument("--kind", choices=records.KINDS)
    p.add_argument("--from", dest="date_from", help="clinical date on or after YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", help="clinical date on or before YYYY-MM-DD")
    p.add_argument("--query", help="only records whose text matches")


def open_library(args: argparse.Namespace) -> Library:
    if args.demo:
        from recordorg.jobs.demo import ensure_demo_library

        return run_job(ensure_demo_library(demo_library_path()), quiet=False)
    return Library.open(args.library or default_library_path())


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=os.environ.get("RECORDORG_LOG", "WARNING"), format="%(levelname)s %(message)s"
    )
    args = build_parser().parse_args(argv)
    if args.command is None:
        from recordorg.app import run_app

        return run_app(args)
    try:
        return dispatch(args)
    except UserError as error:
        print(f"recordorg: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("recordorg: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `recordorg list | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def dispatch(args: argparse.Namespace) -> int:
    if args.command in NEEDS_NO_LIBRARY:  # verify, open: a bundle, no library (issue 6)
        return run_bundle_command(None, args, run_job)
    library = open_library(args)
    conn = library.connection()
    as_json = getattr(args, "json", False)
    if args.command == "import":
        from recordorg.cli.bundle import import_job

        # files and folders, and bundles (issue 6)
        report = run_cancellable(lambda cancel: import_job(library, args, cancel), quiet=as_json)
        if as_json:
            print_json(report.to_json())
        else:
            print_import_report(report)
            print_ocr_hint(library, report.records)  # issue 4
        return 1 if report.failed else 0
    if args.command == "list":
        flt = records.RecordFilter(
            person=args.person,
            category=args.category,
            tag=args.tag,
            kind=args.kind,
            date_from=args.date_from,
            date_to=args.date_to,
            text=args.query,
        )
        found = records.list_records(conn, flt)
        print_json([r.to_json() for r in found]) if as_json else print_records(found)
        return 0
    if args.command == "show":
        record = records.get_record(conn, args.id)
        pages = records.record_pages(conn, args.id)
        if as_json:
            data = record.to_json()
            data["pages"] = [dict(p) for p in pages]
            data["files"] = [dict(f) for f in records.record_files(conn, args.id)]
            print_json(data)
        else:
            print_record(record, pages, show_text=args.text)
        return 0
    if args.command == "edit":
        change = editing.RecordChange(
            title=args.title,
            category=args.category,
            clinical_date=args.date,
            notes=args.note,
            person=args.person,
            add_tags=args.tag,
            remove_tags=args.untag,
        )
        editing.apply_change(conn, args.ids, change)
        changed = [records.get_record(conn, i) for i in args.ids]
        print_json([r.to_json() for r in changed]) if as_json else print_records(changed)
        return 0
    if args.command == "delete":
        return _delete(library, args, as_json)
    if args.command == "people":
        return _people(conn, args, as_json)
    if args.command == "categories":
        if args.action == "add":
            if not args.name:
                raise UserError("Name the category to add.")
            categories.add_category(conn, args.name)
        rows = categories.list_categories(conn)
        print_json(rows) if as_json else _table(rows, ["slug", "name", "records"])
        return 0
    if args.command == "tags":
        rows = editing.list_tags(conn)
        print_json(rows) if as_json else _table(rows, ["name", "records"])
        return 0
    if args.command == "search":
        return _search(conn, args, as_json)
    if args.command == "check":
        report = check_library(library, repair=args.repair, quick=args.quick)
        if as_json:
            print_json(report.to_json())
        else:
            for line in report.repaired:
                print(f"repaired: {line}")
            for problem in report.problems:
                print(f"problem: {problem.message}")
            state = "OK" if report.ok else f"{len(report.problems)} problem(s)"
            print(f"{report.records} records, {report.originals_checked} stored files: {state}")
        return 0 if report.ok else 1
    if args.command == "unlock":
        from recordorg.jobs.unlock import unlock_pdf

        password = args.password or getpass.getpass("Password of the PDF: ")
        record = unlock_pdf(library, args.id, password)
        print_json(record.to_json()) if as_json else print_records([record])
        return 0
    if args.command in ("case", "timeline"):
        return run_case_command(library, args)
    if args.command == "export":
        return run_bundle_command(library, args, run_job)
    if args.command in UNDERSTANDING_COMMANDS:
        return run_understanding_command(library, args)
    raise UserError(f"Unknown command {args.command}.")


def _delete(library: Library, args: argparse.Namespace, as_json: bool) -> int:
    conn = library.connection()
    targets = [records.get_record(conn, i) for i in args.ids]
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("Deleting needs --yes when not run at a terminal.")
        print_records(targets)
        if input(f"Delete these {len(targets)} record(s)? [y/N] ").strip().lower() != "y":
            print("Nothing deleted.")
            return 1
    with library.writer_lock(wait=True):
        unused = editing.delete_records(conn, args.ids)
        for sha in unused:
            library.original_path(sha).unlink(missing_ok=True)
        for record in targets:
            library.thumbnail_path(record.id).unlink(missing_ok=True)
    if as_json:
        print_json({"deleted": args.ids})
    else:
        print(f"Deleted {len(args.ids)} record(s).")
    return 0


def _people(conn: Any, args: argparse.Namespace, as_json: bool) -> int:
    needed = {"list": 0, "add": 1, "rename": 2, "merge": 2}[args.action]
    if len(args.names) != needed:
        usage = {
            "add": "people add NAME",
            "rename": "people rename OLD NEW",
            "merge": "people merge FROM INTO",
            "list": "people",
        }[args.action]
        raise UserError(f"Usage: recordorg {usage}")
    if args.action == "add":
        people.add_person(conn, args.names[0])
    elif args.action == "rename":
        people.rename_person(conn, *args.names)
    elif args.action == "merge":
        people.merge_people(conn, *args.names)
    rows = people.list_people(conn)
    print_json(rows) if as_json else _table(rows, ["id", "name", "records"])
    return 0


def _search(conn: Any, args: argparse.Namespace, as_json: bool) -> int:
    hits = search.search(conn, args.query, limit=args.limit)
    found = records.get_records(conn, [h.record_id for h in hits])
    if as_json:
        print_json([{**h.to_json(), "record": found[h.record_id].to_json()} for h in hits])
        return 0
    if not hits:
        print("No records match.")
        return 0
    for hit in hits:
        record = found[hit.record_id]
        where = f" p.{hit.page}" if hit.page else ""
        print(f"{record.id:>6}  {record.clinical_date or '----------'}  {record.title}{where}")
        if hit.snippet.strip():
            print(f"        {' '.join(hit.snippet.split())}")
    return 0


def _table(rows: list[dict], columns: list[str]) -> None:
    widths = {c: max([len(c)] + [len(str(r[c])) for r in rows]) for c in columns}
    print("  ".join(c.upper().ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(str(row[c]).ljust(widths[c]) for c in columns))


if __name__ == "__main__":
    sys.exit(main())
