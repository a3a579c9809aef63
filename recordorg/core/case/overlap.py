"""Treatment lines that run at the same time: a warning, never a refusal, when a new or
changed line overlaps another line of the same person that is still ongoing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from recordorg.core.case.review import CaseEntry, get_entry, load_case
from recordorg.core.wording import first_day, long_date, precision_of


def is_ongoing(fields: dict[str, Any]) -> bool:
    """A line is ongoing when it says so, or when it has started and has no end date."""
    return bool(fields.get("ongoing")) or (
        bool(fields.get("start_date")) and not fields.get("end_date")
    )


def line_name(fields: dict[str, Any]) -> str:
    """How a family names a line: "Line 2", else its regimen, else "Another treatment line"."""
    if fields.get("line_number"):
        return f"Line {fields['line_number']}"
    return str(fields.get("regimen") or "Another treatment line")


def overlaps(line: dict[str, Any], ongoing: dict[str, Any]) -> bool:
    """Whether a line's time runs into that of an ongoing line (unknown dates count as
    overlapping: both are said to run now)."""
    end = first_day(line["end_date"]) if line.get("end_date") and not line.get("ongoing") else None
    since = first_day(ongoing["start_date"]) if ongoing.get("start_date") else None
    return end is None or since is None or end >= since


def overlap_warnings(
    line: dict[str, Any], others: Iterable[CaseEntry], entry_id: int | None = None
) -> list[str]:
    """Words for each other ongoing treatment line that the line (its fields, as entered)
    overlaps; the line itself (entry_id) is left out, and so are lines no person has confirmed
    (a suggestion waiting to be checked is not yet a line the person had)."""
    warnings = []
    for other in others:
        if other.kind != "treatment_line" or other.id == entry_id or not other.confirmed:
            continue
        if not is_ongoing(other.fields) or not overlaps(line, other.fields):
            continue
        start = other.get("start_date")
        since = f" since {long_date(start, precision_of(start))}" if start else ""
        warnings.append(f"{line_name(other.fields)} is still ongoing{since}: end it, or keep both?")
    return warnings


def saved_line_warnings(conn: sqlite3.Connection, entry_id: int) -> list[str]:
    """The overlap warnings of a treatment line already saved (none for other kinds)."""
    entry = get_entry(conn, entry_id)
    if entry.kind != "treatment_line":
        return []
    row = conn.execute("SELECT person_id FROM case_entries WHERE id = ?", (entry_id,)).fetchone()
    name = None
    if row[0] is not None:
        name = conn.execute("SELECT name FROM people WHERE id = ?", (row[0],)).fetchone()[0]
    case = load_case(conn, name)
    return overlap_warnings(entry.fields, case.treatment_lines, entry_id)
