"""A day written in a file's metadata, checked: a real date in a plausible year, or None."""

from __future__ import annotations

from datetime import date


def plausible_day(year: int, month: int, day: int) -> str | None:
    """The ISO date, or None for nonsense (a camera's 0000:00:00, a year far off)."""
    if not 1900 <= year <= date.today().year + 1:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
