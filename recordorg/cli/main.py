"""The command line: everything the window does to a library, scriptable and testable."""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
from pathlib import Path

from recordorg import __version__
from recordorg.cli import (
    backup,
    bundle,
    case,
    importing,
    library,
    records,
    search,
    understanding,
)
from recordorg.cli.command import Command
from recordorg.cli.progress import run_job
from recordorg.core.catalogue.library import Library
from recordorg.core.errors import UserError
from recordorg.core.paths import default_library_path, demo_library_path

log = logging.getLogger("recordorg")

# Every command, in the order `recordorg --help` lists them; each feature declares its own.
COMMANDS: tuple[Command, ...] = (
    *importing.COMMANDS,
    *records.COMMANDS,
    *search.COMMANDS,
    *library.COMMANDS,
    *backup.COMMANDS,
    *case.COMMANDS,
    *bundle.COMMANDS,
    *understanding.COMMANDS,
)
BY_NAME = {command.name: command for command in COMMANDS}


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
    for command in COMMANDS:
        description = command.description or command.help
        command.add_arguments(
            sub.add_parser(command.name, help=command.help, description=description)
        )
    return parser


def open_library(args: argparse.Namespace) -> Library:
    if args.demo:
        from recordorg.jobs.demo import ensure_demo_library

        return run_job(ensure_demo_library(demo_library_path()), quiet=False)
    return Library.open(args.library or default_library_path())


def main(argv: list[str] | None = None) -> int:
    # The installed (frozen) program is run again as the readers' server and processes:
    # freeze support answers those runs (it returns at once everywhere else).
    multiprocessing.freeze_support()
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
    """Run the command named on the command line, opening the library if it needs one."""
    command = BY_NAME[args.command]
    return command.run(open_library(args) if command.needs_library else None, args)


if __name__ == "__main__":
    sys.exit(main())
