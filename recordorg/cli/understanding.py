"""The command line for reading records: `recordorg ocr`, `suggest` and `settings`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from recordorg.cli.command import Command, json_option
from recordorg.cli.output import print_json
from recordorg.cli.progress import run_cancellable
from recordorg.core.catalogue import editing, records
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.settings import all_settings, get_setting, set_setting
from recordorg.core.errors import UserError
from recordorg.core.understanding.record_understanding import Understanding, analyse_record
from recordorg.core.wording import NO_DATE, reduced_iso
from recordorg.jobs.understand import READ_AGAIN_AFTER, read_again

ACCEPT = ("all", "date", "category", "title")


def _ocr_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("ids", nargs="*", type=int, help="records to read (or --all)")
    p.add_argument("--all", action="store_true", help="every record with pages not read yet")
    p.add_argument("--again", action="store_true", help="read pages already read by OCR again")
    p.add_argument("--workers", type=int, help="pages read at once (default: one per core)")
    json_option(p)


def _suggest_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", type=int)
    p.add_argument(
        "--accept",
        action="append",
        choices=ACCEPT,
        default=[],
        help="accept a suggestion (repeatable); an accepted date is confirmed",
    )
    json_option(p)


def _settings_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("key", nargs="?", help="the setting to show or change")
    p.add_argument("value", nargs="?", help="its new value")
    json_option(p)


def run_ocr(library: Library, args: argparse.Namespace) -> int:
    from recordorg.jobs.ocr import read_scans

    if not args.all and not args.ids:
        raise UserError("Name the records to read, or give --all.")
    for record_id in args.ids:
        records.get_record(library.connection(), record_id)  # a plain error if there is none
    report = run_cancellable(
        lambda cancel: read_scans(
            library,
            None if args.all else args.ids,
            again=args.again,
            cancel=cancel,
            workers=args.workers,
        ),
        quiet=args.json,
    )
    if args.json:
        print_json(report.to_json())
    elif report.unavailable:
        print(report.unavailable, file=sys.stderr)
    else:
        head = "OCR stopped. " if report.cancelled else ""
        print(
            f"{head}Read {report.pages} page(s) of {len(report.records)} record(s), "
            f"{report.words} words, in {report.seconds:.1f} s ({report.languages})."
        )
        for failure in report.failed:
            print(f"  FAILED  record {failure.record_id} page {failure.page}: {failure.reason}")
    if report.unavailable:
        return 3
    return 1 if report.failed else 0


def _accept(conn: Any, u: Understanding, what: list[str]) -> None:
    wanted = set(ACCEPT[1:]) if "all" in what else set(what)
    change = editing.RecordChange()
    if "date" in wanted and u.date.value:
        change.clinical_date = reduced_iso(u.date.value, u.date.precision)
    if "category" in wanted:
        change.category = u.category.category
    if "title" in wanted and u.title:
        change.title = u.title
    editing.apply_change(conn, [u.record_id], change)


def run_suggest(library: Library, args: argparse.Namespace) -> int:
    conn = library.connection()
    record = records.get_record(conn, args.id)
    u = analyse_record(conn, args.id, apply=False)
    if args.accept:
        _accept(conn, u, args.accept)
        record = records.get_record(conn, args.id)
    if args.json:
        data = u.to_json()
        data["record"] = record.to_json()
        print_json(data)
        return 0
    confirmed = " (confirmed by a person: kept)" if record.date_confirmed else ""
    print(f"Record {record.id}: {record.title}")
    print(f"Now:       {record.date_as_written or NO_DATE}{confirmed} · {record.category_name}")
    found = reduced_iso(u.date.value, u.date.precision) or NO_DATE
    if u.date.end:
        found += f" (covers {u.date.start} to {u.date.end})"
    print(f"\nDate:      {found}  ({round(u.date.confidence * 100)}% sure)")
    print(f"           {u.date.reason}")
    others = [c for c in u.date.alternatives if c.value != u.date.value][:5]
    for c in others:
        print(f"  or       {c.value}  {c.reason}")
    chosen = " (chosen by a person: kept)" if u.category_chosen else ""
    print(f"\nCategory:  {u.category_name}  ({round(u.category.confidence * 100)}% sure){chosen}")
    print(f"           {u.category.reason}")
    if u.title:
        print(f"\nTitle:     {u.title}")
    if args.accept:
        print(f"\nAccepted: {', '.join(args.accept)}.")
    return 0


def run_settings(library: Library, args: argparse.Namespace) -> int:
    conn = library.connection()
    if args.key and args.value is not None:
        before = get_setting(conn, args.key)
        set_setting(conn, args.key, args.value)
        if args.key in READ_AGAIN_AFTER and get_setting(conn, args.key) != before:
            again = run_cancellable(lambda cancel: read_again(conn, cancel=cancel), quiet=args.json)
            if not args.json:
                print(
                    f"Read {again.records} record(s) again: {again.dates_changed} date(s) "
                    f"and {again.categories_changed} categor"
                    f"{'y' if again.categories_changed == 1 else 'ies'} changed "
                    "(what a person set is kept)."
                )
    if args.key:
        rows = [s for s in all_settings(conn) if s["key"] == args.key]
        if not rows:
            get_setting(conn, args.key)  # raises the plain "no such setting" error
    else:
        rows = all_settings(conn)
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(f"{row['key']} = {row['value']}    ({row['help']}; default {row['default']})")
    return 0


def print_ocr_hint(library: Library, record_ids: list[int]) -> None:
    """After an import: say how many pages wait for OCR, and how to read them."""
    from recordorg.jobs.ocr import ocr_available, pages_to_read

    waiting = pages_to_read(library.connection(), record_ids)
    if not waiting:
        return
    available, message = ocr_available()
    if not available:
        print(f"{len(waiting)} page(s) of scans or photos have no text. {message}")
        return
    ids = sorted({p.record_id for p in waiting})
    named = " ".join(str(i) for i in ids) if len(ids) <= 10 else "--all"
    print(
        f"{len(waiting)} page(s) of scans or photos have no text yet; read them with: "
        f"recordorg ocr {named}"
    )


OCR = "read the text of scans and photos with Tesseract OCR"
SUGGEST = "show the date, category and title suggested for a record, and why"
SETTINGS = "show or change this library's settings"
COMMANDS = (
    Command("ocr", OCR, _ocr_arguments, run_ocr, description=OCR + " (pages with no text yet)."),
    Command("suggest", SUGGEST, _suggest_arguments, run_suggest, description=SUGGEST + "."),
    Command("settings", SETTINGS, _settings_arguments, run_settings, description=SETTINGS + "."),
)
