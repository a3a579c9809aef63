"""Dates people type (20/04/2024, 20 April 2024, 2024-04-20, Mar 2023), read in the library's
order of day and month: one reading for the window's date fields and the command line."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from recordorg.core.catalogue.settings import DATE_ORDER, get_setting
from recordorg.core.errors import UserError
from recordorg.core.understanding.dates import find_dates, resolve_order
from recordorg.core.understanding.stored import library_order_votes
from recordorg.core.wording import long_date, precision_of, typed_date

Reader = Callable[[str], "str | None"]
EXAMPLES = "like 20/04/2024, 20 April 2024 or 2024-04-20"


@dataclass(frozen=True)
class TypedDate:
    """A typed date as ISO to the precision typed, and whether its day and month were told
    apart only by the usual order (03/04/2024, with nothing in the library to say)."""

    iso: str
    guessed_order: bool = False


def read_typed_date(
    text: str, order_setting: str = "auto", votes: tuple[int, int] = (0, 0)
) -> TypedDate | None:
    """The date a person typed, in the library's order of day and month; None if the text
    is not one date."""
    text = " ".join(text.split())
    if not text:
        return None
    if found := typed_date(text):
        return TypedDate(found)
    order = resolve_order((0, 0), order_setting, votes)
    mentions = find_dates(text, order)
    if len(mentions) == 1 and mentions[0].written.lower() == text.lower().rstrip("."):
        guessed = bool(mentions[0].order) and order.why == "default"
        return TypedDate(mentions[0].value, guessed)
    return None


def read_typed(text: str, order_setting: str = "auto", votes: tuple[int, int] = (0, 0)):
    """The ISO date a person typed (to the precision typed); None if it is not one date."""
    found = read_typed_date(text, order_setting, votes)
    return found.iso if found else None


def _library_order(conn: sqlite3.Connection) -> tuple[str, tuple[int, int]]:
    return str(get_setting(conn, DATE_ORDER.key)), library_order_votes(conn)


def library_reader(conn: sqlite3.Connection) -> Reader:
    """Reads typed dates the way this library reads its records' dates."""
    setting, votes = _library_order(conn)
    return lambda text: read_typed(text, setting, votes)


def date_in_library(conn: sqlite3.Connection, text: str) -> str:
    """A date typed on the command line, read as the window reads it, as ISO to the precision
    typed; UserError when it is not a date, or when its day and month could be either."""
    found = read_typed_date(text, *_library_order(conn))
    if found is None:
        raise UserError(f'"{text}" is not a date this can read: write it {EXAMPLES}.')
    if found.guessed_order:
        day_first = long_date(found.iso, precision_of(found.iso))
        raise UserError(
            f'"{text}" could be read day first ({day_first}) or month first; write it as '
            f"{found.iso} or with the month in words, or set the library's order once with "
            "`recordorg settings date_order day-first` (or month-first)."
        )
    return found.iso
