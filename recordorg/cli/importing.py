"""The command line of importing: `recordorg import` files, folders, discs and bundles."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from recordorg.cli.command import Command, json_option
from recordorg.cli.output import print_import_report, print_json
from recordorg.cli.patients import print_patient_lines
from recordorg.cli.progress import run_cancellable
from recordorg.cli.understanding import print_ocr_hint
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.people import list_people


def _import_arguments(p: argparse.ArgumentParser) -> None:
    json_option(p)
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument(
        "--person", help="whose records these are (default: the library's person, if only one)"
    )
    p.add_argument("--workers", type=int, help="reader processes (default: one per core)")


def run_import(library: Library, args: argparse.Namespace) -> int:
    report = run_cancellable(lambda cancel: import_job(library, args, cancel), quiet=args.json)
    if args.json:
        print_json(report.to_json())
    else:
        print_import_report(report)
        print_patient_lines(report)
        print_ocr_hint(library, report.records)
    if report.stopped:  # last, where it is read: why it stopped and what to do
        print(f"recordorg: {report.stopped}", file=sys.stderr)
    return SOME_FAILED if report.failed else 0


def bundle_paths(paths: list[Path]) -> list[Path]:
    """The paths given to `import` that are recordorg bundles (folders or zips)."""
    from recordorg.bundle.source import looks_like_bundle

    return [p for p in paths if looks_like_bundle(p)]


def import_job(library: Library, args: argparse.Namespace, cancel: Any) -> Any:
    """The job for `recordorg import`: bundles among the paths are imported as bundles
    (verified, without their index and metadata files), the rest as usual."""
    from recordorg.jobs.bundle_import import import_paths_and_bundles

    passphrases = {b: _zip_passphrase(b) for b in bundle_paths(args.paths)}
    return import_paths_and_bundles(
        library,
        args.paths,
        person=args.person or (None if passphrases else _only_person(library)),
        cancel=cancel,
        workers=args.workers,
        passphrases=passphrases,
    )


def _only_person(library: Library) -> str | None:
    """The library's person when it has exactly one (as the window files an import)."""
    people = list_people(library.connection())
    return people[0]["name"] if len(people) == 1 else None


def _zip_passphrase(path: Path) -> str | None:
    from recordorg.bundle.archive import PassphraseNeeded, SafeZip, is_zip

    if not is_zip(path):
        return None
    try:
        SafeZip(path).close()
        return None
    except PassphraseNeeded:
        if not sys.stdin.isatty():
            raise
        return getpass.getpass(f"Passphrase of {path.name}: ")


SOME_FAILED = 3  # the exit status when some files could not be imported
COMMANDS = (
    Command(
        "import",
        "import files, folders, a hospital CD or USB stick",
        _import_arguments,
        run_import,
        description="Import files, folders, a hospital CD or USB stick, or a case-review "
        "bundle. Exit status: 0 when every file was imported (or was already in the library), "
        f"{SOME_FAILED} when some files could not be imported (each is listed with its reason), "
        "as when the library's disk fills and the import stops there, "
        "2 when nothing could start (a reason is printed).",
    ),
)
