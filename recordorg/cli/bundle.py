"""The command line of bundles: `recordorg export`, `verify BUNDLE`, `open BUNDLE`, and
importing a bundle with `recordorg import BUNDLE`."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from recordorg.bundle.plan import ORDERS
from recordorg.cli.output import print_json
from recordorg.cli.progress import run_cancellable
from recordorg.core.errors import UserError
from recordorg.core.wording import human_size

NEEDS_NO_LIBRARY = ("verify", "open")


def add_bundle_parsers(sub: Any, filters: Any) -> None:
    """Add `export`, `verify` and `open` to the command line's subcommands."""
    p = sub.add_parser(
        "export",
        help="export a case-review bundle (folder or .zip)",
        description="Export the chosen records as a case-review bundle: an "
        "index page, a review PDF, DICOM media, XDM and FHIR metadata and a "
        "manifest.",
    )
    filters(p)
    p.add_argument("--ids", type=int, nargs="+", metavar="ID", help="these records (by hand)")
    p.add_argument(
        "--order",
        choices=list(ORDERS),
        help="order of the records (default: oldest first; with --ids, as given)",
    )
    p.add_argument("--out", type=Path, help="a new folder, or FILE.zip (not needed with --preview)")
    p.add_argument("--question", default="", help="the question for the reviewer")
    p.add_argument("--contact", default="", help="who the reviewer can contact")
    p.add_argument("--made-by", default="", help="who makes the bundle (shown in it)")
    p.add_argument(
        "--deidentify",
        action="store_true",
        help="remove names and identifiers (PS3.15 Basic Profile for DICOM)",
    )
    dates = p.add_mutually_exclusive_group()
    dates.add_argument(
        "--date-shift",
        type=int,
        metavar="DAYS",
        help="with --deidentify: move every date by DAYS (intervals kept)",
    )
    dates.add_argument(
        "--remove-dates",
        action="store_true",
        help="with --deidentify: remove dates (the default when de-identifying)",
    )
    p.add_argument(
        "--case-code",
        default="",
        help="the code that names the person when de-identified (default: a new random one)",
    )
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt the zip with AES-256 and a passphrase you type",
    )
    p.add_argument(
        "--passphrase",
        help="the passphrase (asked for when left out; a "
        "passphrase on the command line can be seen by other programs)",
    )
    p.add_argument("--preview", action="store_true", help="show what would go in; write nothing")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser(
        "verify",
        help="check a bundle against its manifest",
        description="Check every file of a bundle (folder or zip) against its "
        "manifest; exits non-zero and names the file on any change.",
    )
    p.add_argument("bundle", type=Path)
    p.add_argument("--passphrase", help="for an encrypted zip (asked for when needed)")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser(
        "open",
        help="open a bundle read-only after verifying it",
        description="Verify a bundle, then show it read-only in the window "
        "(or print its summary with --json or when there is no display).",
    )
    p.add_argument("bundle", type=Path)
    p.add_argument("--passphrase", help="for an encrypted zip (asked for when needed)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")


def _passphrase(args: argparse.Namespace, *, new: bool) -> str:
    from recordorg.bundle.archive import passphrase_strength

    if args.passphrase:
        text = args.passphrase
    elif not sys.stdin.isatty():
        raise UserError(
            "An encrypted bundle needs a passphrase: give --passphrase, or run "
            "this at a terminal to type it."
        )
    else:
        text = getpass.getpass("Passphrase: ")
        if new and getpass.getpass("Type it again: ") != text:
            raise UserError("The two passphrases differ; nothing was written.")
    if new:
        strength = passphrase_strength(text)
        print(f"Passphrase strength: {strength.word}. {strength.hint}", file=sys.stderr)
        if not strength.acceptable:
            raise UserError(
                "That passphrase is too easy to guess for medical records. " + strength.hint
            )
    return text


def run_export(library: Any, args: argparse.Namespace, run_job: Any) -> int:
    from recordorg.bundle.plan import BundleOptions, plan_bundle
    from recordorg.core.catalogue.records import RecordFilter
    from recordorg.jobs.export import export_bundle

    if args.out is None and not args.preview:
        raise UserError("Say where to write the bundle: --out a new folder, or FILE.zip.")
    if args.encrypt and args.out is not None and args.out.suffix.lower() != ".zip":
        raise UserError("Only a zip can be encrypted: give --out a name ending in .zip.")
    options = BundleOptions(
        deidentify=args.deidentify,
        date_shift_days=args.date_shift,
        remove_dates=args.remove_dates,
        case_code=args.case_code,
        question=args.question,
        contact=args.contact,
        made_by=args.made_by,
    )
    flt = RecordFilter(
        category=args.category,
        tag=args.tag,
        kind=args.kind,
        date_from=args.date_from,
        date_to=args.date_to,
        text=args.query,
    )
    plan = plan_bundle(
        library, person=args.person, flt=flt, ids=args.ids, order=args.order, options=options
    )
    if args.preview:
        return _print_preview(plan, args.json)
    if args.encrypt:
        options.passphrase = _passphrase(args, new=True)
    report = run_cancellable(
        lambda cancel: export_bundle(library, plan, args.out, cancel=cancel), quiet=args.json
    )
    if args.json:
        print_json(report.to_json())
        return 1 if report.cancelled else 0
    if report.cancelled:
        print("Export stopped; nothing was written.")
        return 1
    print(
        f"Exported {report.records} record(s), {report.files} files "
        f"({human_size(report.bytes)}) to {report.target}"
        + (" (encrypted)" if report.encrypted else "")
        + "."
    )
    if report.deidentified:
        print(f"The person is named {report.case_code} in the bundle.")
    for line in report.warnings + report.dicomdir_notes:
        print(f"note: {line}")
    return 0


def _print_preview(plan: Any, as_json: bool) -> int:
    data = plan.to_json()
    if as_json:
        print_json(data)
        return 0
    print(
        f"Bundle for {data['person']}: {len(data['records'])} record(s), {data['files']} "
        f"files, {human_size(data['bytes'])}; {data['dates']}."
    )
    for r in data["records"]:
        print(
            f"{r['number']:>4}. {r['date'] or 'no date':<10}  {r['category'][:24]:<24}  "
            f"{r['title']}"
        )
    for warning in data["warnings"]:
        print(f"note: {warning}")
    return 0


def run_verify(args: argparse.Namespace, run_job: Any) -> int:
    from recordorg.bundle.archive import PassphraseNeeded
    from recordorg.bundle.verify import verify_bundle

    passphrase = args.passphrase
    try:
        report = run_job(verify_bundle(args.bundle, passphrase), quiet=args.json)
    except PassphraseNeeded:
        if passphrase or not sys.stdin.isatty():
            raise
        report = run_job(verify_bundle(args.bundle, _passphrase(args, new=False)), quiet=args.json)
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.problems():
            print(line)
        state = (
            "OK, nothing changed"
            if report.ok
            else f"{len(report.problems())} problem(s): this bundle is not as it was made"
        )
        print(f"{report.bundle}: {report.checked} file(s) checked: {state}.")
    return 0 if report.ok else 1


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return (
        bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        and os.environ.get("QT_QPA_PLATFORM", "") != "offscreen"
    )


def run_open(args: argparse.Namespace, run_job: Any) -> int:
    from recordorg.bundle.archive import PassphraseNeeded
    from recordorg.bundle.reader import print_summary, read_bundle

    window = not args.json and has_display()
    passphrase = args.passphrase
    try:
        opened = read_bundle(
            args.bundle, passphrase, run_job=run_job, quiet=args.json, unpack=window
        )
    except PassphraseNeeded:
        if passphrase or not sys.stdin.isatty():
            raise
        opened = read_bundle(
            args.bundle,
            _passphrase(args, new=False),
            run_job=run_job,
            quiet=args.json,
            unpack=window,
        )
    if not window:
        if args.json:
            print_json(opened.to_json())
        else:
            print_summary(opened)
        return 0 if opened.report.ok else 1
    from recordorg.app import run_bundle_app

    return run_bundle_app(opened)


def run_bundle_command(library: Any, args: argparse.Namespace, run_job: Any) -> int:
    if args.command == "verify":
        return run_verify(args, run_job)
    if args.command == "open":
        return run_open(args, run_job)
    return run_export(library, args, run_job)


def bundle_paths(paths: list[Path]) -> list[Path]:
    """The paths given to `import` that are recordorg bundles (folders or zips)."""
    from recordorg.bundle.source import looks_like_bundle

    return [p for p in paths if looks_like_bundle(p)]


def import_job(library: Any, args: argparse.Namespace, cancel: Any) -> Any:
    """The job for `recordorg import`: bundles among the paths are imported as bundles
    (verified, without their index and metadata files), the rest as usual."""
    from recordorg.jobs.bundle_import import import_paths_and_bundles

    passphrases = {b: _zip_passphrase(b) for b in bundle_paths(args.paths)}
    return import_paths_and_bundles(
        library,
        args.paths,
        person=args.person,
        cancel=cancel,
        workers=args.workers,
        passphrases=passphrases,
    )


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
