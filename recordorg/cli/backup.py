"""The command line of backups: `recordorg backup DEST` and `recordorg restore BACKUP TARGET`."""

from __future__ import annotations

import argparse
from pathlib import Path

from recordorg.cli.command import Command, json_option
from recordorg.cli.output import print_json
from recordorg.cli.progress import run_cancellable
from recordorg.core.catalogue.library import Library
from recordorg.core.wording import human_size


def _backup_arguments(p: argparse.ArgumentParser) -> None:
    json_option(p)
    p.add_argument("destination", type=Path, help="a folder or a removable drive")


def run_backup(library: Library, args: argparse.Namespace) -> int:
    from recordorg.jobs.backup import back_up

    report = run_cancellable(
        lambda cancel: back_up(library, args.destination, cancel=cancel), quiet=args.json
    )
    if args.json:
        print_json(report.to_json())
    elif report.cancelled:
        print("Backup stopped; the previous backup there is unchanged.")
    else:
        print(
            f"Backed up {report.records} records ({report.originals} stored files, "
            f"{human_size(report.total_bytes)}) to {report.destination}: "
            f"{report.copied} new file(s) copied ({human_size(report.copied_bytes)}), "
            "every file checked."
        )
        for note in report.notes:
            print(note)
    return 1 if report.cancelled else 0


def _restore_arguments(p: argparse.ArgumentParser) -> None:
    json_option(p)
    p.add_argument("backup", type=Path, help="the backup folder (or the drive holding it)")
    p.add_argument("target", type=Path, help="a new or empty folder for the library")


def run_restore(_library: None, args: argparse.Namespace) -> int:
    from recordorg.jobs.restore import restore

    report = run_cancellable(
        lambda cancel: restore(args.backup, args.target, cancel=cancel), quiet=args.json
    )
    if args.json:
        print_json(report.to_json())
    elif report.cancelled:
        print("Restore stopped; nothing was left in the folder.")
    else:
        print(
            f"Restored {report.records} records ({report.originals} stored files, "
            f"{human_size(report.bytes)}) backed up {report.made_at[:10]} into {report.library}; "
            f"its check passes. Open it with: recordorg --library {report.library}"
        )
    return 1 if report.cancelled else 0


COMMANDS = (
    Command(
        "backup",
        "back the library up to a folder or drive (only new files are copied)",
        _backup_arguments,
        run_backup,
        description="Back the library up to a folder or a removable drive. The first backup "
        "copies everything; later ones copy only new records. Every file is checked after.",
    ),
    Command(
        "restore",
        "make a library from a backup, in a new or empty folder",
        _restore_arguments,
        run_restore,
        needs_library=False,
    ),
)
