"""The command line of records: `list`, `show`, `edit`, `delete`, and the people,
categories and tags records are sorted by."""

from __future__ import annotations

import argparse
import sqlite3
import sys

from recordorg.cli.command import Command, json_option
from recordorg.cli.output import print_json, print_record, print_records
from recordorg.cli.patients import (
    IDENTITY_USAGE,
    identity_arguments,
    other_patient_line,
    run_identity,
)
from recordorg.core.catalogue import categories, editing, people, records
from recordorg.core.catalogue.filter_names import checked_filter
from recordorg.core.catalogue.library import Library
from recordorg.core.errors import UserError
from recordorg.core.understanding.record_understanding import reread_birthday_dated
from recordorg.core.understanding.typed_dates import EXAMPLES, date_in_library


def add_record_filters(p: argparse.ArgumentParser, *, text: bool = True) -> None:
    """The options that narrow which records a command works on (the window's sidebar)."""
    p.add_argument("--person")
    p.add_argument("--category")
    p.add_argument("--tag")
    p.add_argument("--kind", choices=records.KINDS)
    p.add_argument("--from", dest="date_from", help="clinical date on or after YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", help="clinical date on or before YYYY-MM-DD")
    if text:
        p.add_argument("--query", help="only records whose text matches")


def record_filter(args: argparse.Namespace, conn: sqlite3.Connection) -> records.RecordFilter:
    """The filter the options of `add_record_filters` ask for, its person, category and tag
    checked against the library (one it does not have stops the command, naming those it has)."""
    asked = records.RecordFilter(
        person=args.person,
        category=args.category,
        tag=args.tag,
        kind=args.kind,
        date_from=args.date_from,
        date_to=args.date_to,
        text=getattr(args, "query", None),
    )
    return checked_filter(conn, asked)


def print_table(rows: list[dict], columns: list[str]) -> None:
    widths = {c: max([len(c)] + [len(str(r[c])) for r in rows]) for c in columns}
    print("  ".join(c.upper().ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(str(row[c]).ljust(widths[c]) for c in columns))


def _list_arguments(p: argparse.ArgumentParser) -> None:
    json_option(p)
    add_record_filters(p)


def run_list(library: Library, args: argparse.Namespace) -> int:
    conn = library.connection()
    found = records.list_records(conn, record_filter(args, conn))
    print_json([r.to_json() for r in found]) if args.json else print_records(found)
    return 0


def _show_arguments(p: argparse.ArgumentParser) -> None:
    json_option(p)
    p.add_argument("id", type=int)
    p.add_argument("--text", action="store_true", help="print the text of every page")


def run_show(library: Library, args: argparse.Namespace) -> int:
    conn = library.connection()
    record = records.get_record(conn, args.id)
    pages = records.record_pages(conn, args.id)
    if args.json:
        data = record.to_json()
        data["pages"] = [dict(p) for p in pages]
        data["files"] = [dict(f) for f in records.record_files(conn, args.id)]
        data["other_patient"] = other_patient_line(conn, args.id)
        return print_json(data)
    print_record(record, pages, show_text=args.text)
    flag = other_patient_line(conn, args.id)
    if flag:
        print(f"{'Warning:':<15}{flag}")
    return 0


def _edit_arguments(p: argparse.ArgumentParser) -> None:
    json_option(p)
    p.add_argument("ids", nargs="+", type=int)
    p.add_argument("--title")
    p.add_argument("--category")
    p.add_argument("--date", help=f"clinical date, {EXAMPLES} ('' to clear)")
    p.add_argument("--note", help="replace the notes")
    p.add_argument("--person", help="move to this person ('' for nobody)")
    p.add_argument("--tag", action="append", default=[], help="add a tag (repeatable)")
    p.add_argument("--untag", action="append", default=[], help="remove a tag (repeatable)")


def run_edit(library: Library, args: argparse.Namespace) -> int:
    conn = library.connection()
    change = editing.RecordChange(
        title=args.title,
        category=args.category,
        clinical_date=date_in_library(conn, args.date) if args.date else args.date,
        notes=args.note,
        person=args.person,
        add_tags=args.tag,
        remove_tags=args.untag,
    )
    editing.apply_change(conn, args.ids, change)
    if args.person:  # a record dated by its new person's birthday is read again
        reread_birthday_dated(conn, args.ids)
    changed = [records.get_record(conn, i) for i in args.ids]
    print_json([r.to_json() for r in changed]) if args.json else print_records(changed)
    return 0


def _delete_arguments(p: argparse.ArgumentParser) -> None:
    json_option(p)
    p.add_argument("ids", nargs="+", type=int)
    p.add_argument("--yes", action="store_true", help="do not ask first")


def run_delete(library: Library, args: argparse.Namespace) -> int:
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
    if args.json:
        return print_json({"deleted": args.ids})
    print(f"Deleted {len(args.ids)} record(s).")
    return 0


PEOPLE_USAGE = {
    "list": (0, "people"),
    "add": (1, "people add NAME"),
    "rename": (2, "people rename OLD NEW"),
    "merge": (2, "people merge FROM INTO"),
    "identity": (1, IDENTITY_USAGE),
}


def _people_arguments(p: argparse.ArgumentParser) -> None:
    json_option(p)
    p.add_argument("action", nargs="?", choices=list(PEOPLE_USAGE), default="list")
    p.add_argument("names", nargs="*")
    identity_arguments(p)


def run_people(library: Library, args: argparse.Namespace) -> int:
    conn = library.connection()
    needed, usage = PEOPLE_USAGE[args.action]
    if len(args.names) != needed:
        raise UserError(f"Usage: recordorg {usage}")
    if args.action == "identity":
        return run_identity(conn, args)
    if args.action == "add":
        people.add_person(conn, args.names[0])
    elif args.action == "rename":
        people.rename_person(conn, *args.names)
    elif args.action == "merge":
        people.merge_people(conn, *args.names)
    rows = people.list_people(conn)
    print_json(rows) if args.json else print_table(rows, ["id", "name", "records"])
    return 0


def _categories_arguments(p: argparse.ArgumentParser) -> None:
    json_option(p)
    p.add_argument("action", nargs="?", choices=["list", "add"], default="list")
    p.add_argument("name", nargs="?")


def run_categories(library: Library, args: argparse.Namespace) -> int:
    conn = library.connection()
    if args.action == "add":
        if not args.name:
            raise UserError("Name the category to add.")
        categories.add_category(conn, args.name)
    rows = categories.list_categories(conn)
    print_json(rows) if args.json else print_table(rows, ["slug", "name", "records"])
    return 0


def run_tags(library: Library, args: argparse.Namespace) -> int:
    rows = editing.list_tags(library.connection())
    print_json(rows) if args.json else print_table(rows, ["name", "records"])
    return 0


COMMANDS = (
    Command("list", "list records, newest first", _list_arguments, run_list),
    Command("show", "show one record", _show_arguments, run_show),
    Command("edit", "change one or more records", _edit_arguments, run_edit),
    Command("delete", "remove records and their stored files", _delete_arguments, run_delete),
    Command("people", "list, add, rename or merge people", _people_arguments, run_people),
    Command("categories", "list or add categories", _categories_arguments, run_categories),
    Command("tags", "list tags with their record counts", json_option, run_tags),
)
