"""The command line of the library's stored files: `check` them, `unlock` a protected PDF."""

from __future__ import annotations

import argparse
import getpass

from recordorg.cli.command import Command, json_option
from recordorg.cli.output import print_json, print_records
from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.library import Library


def _check_arguments(p: argparse.ArgumentParser) -> None:
    json_option(p)
    p.add_argument("--repair", action="store_true", help="repair what is safe to repair")
    p.add_argument("--quick", action="store_true", help="compare sizes, not hashes")


def run_check(library: Library, args: argparse.Namespace) -> int:
    report = check_library(library, repair=args.repair, quick=args.quick)
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.repaired:
            print(f"repaired: {line}")
        for problem in report.problems:
            print(f"problem: {problem.message}")
        state = "OK" if report.ok else f"{len(report.problems)} problem(s)"
        print(f"{report.records} records, {report.originals_checked} stored files: {state}")
    return 0 if report.ok else 1


def _unlock_arguments(p: argparse.ArgumentParser) -> None:
    json_option(p)
    p.add_argument("id", type=int)
    p.add_argument("--password", help="the PDF's password (asked for when left out)")


def run_unlock(library: Library, args: argparse.Namespace) -> int:
    from recordorg.jobs.unlock import unlock_pdf

    password = args.password or getpass.getpass("Password of the PDF: ")
    record = unlock_pdf(library, args.id, password)
    print_json(record.to_json()) if args.json else print_records([record])
    return 0


COMMANDS = (
    Command(
        "check", "check the library; non-zero exit on any problem", _check_arguments, run_check
    ),
    Command("unlock", "read the text of a password-protected PDF", _unlock_arguments, run_unlock),
)
