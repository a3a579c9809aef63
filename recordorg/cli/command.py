"""One command of the command line: its name, its arguments and the function that runs it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Command:
    """A sub-command as a feature's module declares it; `cli/main.py` builds the parser
    from these and runs the one named."""

    name: str
    help: str  # the line in `recordorg --help`
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Any, argparse.Namespace], int]  # (the library, args): the exit code
    needs_library: bool = True  # False: runs without opening a library (given None)
    description: str = ""  # the text of `recordorg NAME --help` (default: the help line)


def json_option(parser: argparse.ArgumentParser, text: str = "print JSON") -> None:
    """The `--json` option most commands take."""
    parser.add_argument("--json", action="store_true", help=text)
