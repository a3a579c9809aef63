"""The command line of bundles: `recordorg export`, `verify BUNDLE` and `open BUNDLE`."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from recordorg.bundle.plan import ORDERS
from recordorg.cli.command import Command, json_option
from recordorg.cli.output import print_json
from recordorg.cli.patients import refuse_other_patients
from recordorg.cli.progress import run_cancellable, run_job
from recordorg.cli.records import add_record_filters, record_filter
from recordorg.core.catalogue.library import Library
from recordorg.core.errors import UserError
from recordorg.core.wording import human_size


def _export_arguments(p: argparse.ArgumentParser) -> None:
    add_record_filters(p)
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
        help="with --deidentify: move every date by DAYS (default: a secret random shift; "
        "intervals kept)",
    )
    dates.add_argument(
        "--remove-dates",
        action="store_true",
        help="with --deidentify: remove dates instead of shifting them (intervals lost)",
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
    p.add_argument(
        "--allow-other-patients",
        action="store_true",
        help="export even when the records name more than one patient",
    )
    json_option(p)


def _verify_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("bundle", type=Path)
    p.add_argument("--passphrase", help=PASSPHRASE_HELP)
    p.add_argument(
        "--expect",
        default="",
        metavar="FINGERPRINT",
        help="fail unless the bundle is signed by the library key with this fingerprint "
        "(as its sender gave it to you)",
    )
    json_option(p)


def _open_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("bundle", type=Path)
    p.add_argument("--passphrase", help=PASSPHRASE_HELP)
    json_option(p, "print the summary as JSON")


PASSPHRASE_VARIABLE = "RECORDORG_PASSPHRASE"
PASSPHRASE_HELP = (
    f"for an encrypted zip (else ${PASSPHRASE_VARIABLE}, the first line of standard input "
    "when it is not a terminal, or asked for)"
)


def _passphrase(args: argparse.Namespace, *, new: bool) -> str:
    from recordorg.bundle.archive import passphrase_strength

    if args.passphrase:
        text = args.passphrase
    elif os.environ.get(PASSPHRASE_VARIABLE):
        text = os.environ[PASSPHRASE_VARIABLE]
    elif not sys.stdin.isatty():
        text = sys.stdin.readline().rstrip("\r\n")  # piped in: the first line
        if not text:
            raise UserError(
                "An encrypted bundle needs a passphrase: give --passphrase, set "
                f"{PASSPHRASE_VARIABLE}, pass it on standard input, or run this at a terminal."
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


def run_export(library: Library, args: argparse.Namespace) -> int:
    from recordorg.bundle.plan import BundleOptions, plan_bundle
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
    flt = record_filter(args, library.connection())
    plan = plan_bundle(
        library,
        person=flt.person,
        flt=flt,
        ids=args.ids,
        order=args.order,
        options=options,
    )
    if args.preview:
        return _print_preview(plan, args.json)
    refuse_other_patients(plan, args.allow_other_patients)
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
    print(f"Signed with this library's key, fingerprint {report.signer}.")
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


def run_verify(_library: None, args: argparse.Namespace) -> int:
    from recordorg.bundle.archive import PassphraseNeeded
    from recordorg.bundle.verify import verify_bundle

    passphrase, expect = args.passphrase, args.expect
    try:
        report = run_job(verify_bundle(args.bundle, passphrase, expect=expect), quiet=args.json)
    except PassphraseNeeded:
        if passphrase:
            raise
        report = run_job(
            verify_bundle(args.bundle, _passphrase(args, new=False), expect=expect),
            quiet=args.json,
        )
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.problems():
            print(line)
        print(report.signature_words())
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


def run_open(_library: None, args: argparse.Namespace) -> int:
    from recordorg.bundle.archive import PassphraseNeeded
    from recordorg.bundle.reader import print_summary, read_bundle

    window = not args.json and has_display()
    passphrase = args.passphrase
    try:
        opened = read_bundle(
            args.bundle, passphrase, run_job=run_job, quiet=args.json, unpack=window
        )
    except PassphraseNeeded:
        if passphrase:
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


COMMANDS = (
    Command(
        "export",
        "export a case-review bundle (folder or .zip)",
        _export_arguments,
        run_export,
        description="Export the chosen records as a case-review bundle: an index page, a "
        "review PDF, DICOM media, XDM and FHIR metadata and a manifest.",
    ),
    Command(
        "verify",
        "check a bundle against its manifest",
        _verify_arguments,
        run_verify,
        needs_library=False,
        description="Check every file of a bundle (folder or zip) against its manifest; exits "
        "non-zero and names the file on any change.",
    ),
    Command(
        "open",
        "open a bundle read-only after verifying it",
        _open_arguments,
        run_open,
        needs_library=False,
        description="Verify a bundle, then show it read-only in the window (or print its "
        "summary with --json or when there is no display).",
    ),
)
