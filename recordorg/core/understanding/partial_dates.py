"""Dates written without a day ("March 2023", "03/2024", "Q2 2024", "since 2021") and the
words that join two dates into a period ("04/01/2025 - 04/14/2025", "from … to …")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from recordorg.core.understanding.date_words import MONTH_BY_NAME, one_of

# Short month names that are also common words elsewhere ("ago", "set"): not read alone.
_NOT_ALONE = {"ago", "set", "gen", "mag", "dic", "ene", "mai"}
_NAMES = one_of([n for n in MONTH_BY_NAME if n not in _NOT_ALONE])
_MONTH_NAME_YEAR = re.compile(
    rf"(?<![\w.])({_NAMES})\b\.?,?[ \t]*(?:\n[ \t]*)?(?:de[ \t]+|del[ \t]+)?(\d{{4}})"
    r"(?![\d.:/-]\d|\d)"
)
# As in dates.py, the patterns that start with a digit look behind it only then.
_MONTH_YEAR = re.compile(r"(\d(?<![\d.,/-]\d)\d?)([./])(\d{4})(?![\d]|[./-]\d)")
_YEAR_MONTH = re.compile(r"(\d(?<![\d.,/-]\d)\d{3})-(0[1-9]|1[0-2])(?![\d]|[./-]\d)")
_QUARTER = re.compile(
    r"(?<![\w])(?:q([1-4])[ \t/-]*(\d{4})|(\d{4})[ \t/-]*q([1-4]))(?![\d])"
    r"|(?<![\w])([1-4])(?:st|nd|rd|th)[ \t]+quarter[ \t]+(?:of[ \t]+)?(\d{4})(?!\d)"
)
_QUARTER_HINT = re.compile(r"q[1-4]|quarter")  # found at once; most texts have neither
# A year alone is a date only after words that say so: "since 2021", "seit 2019", "in 2020".
_YEAR_AFTER = re.compile(r"\b(?:since|seit|depuis|desde|dal|from)[ \t]+(\d{4})(?![\d.,/:-]\d|\d)")
# Between two dates, the words that make them one period.
PERIOD_LINK = re.compile(
    r"^[ \t]*(?:-|–|—|to|until|till|through|thru|bis|au|jusqu'au|al|hasta el|hasta|a)[ \t]*$"
)


@dataclass
class PartialDate:
    """A date found without its day: where it is, its first day and how precise it is."""

    start: int
    end: int
    year: int
    month: int
    precision: str  # "month", "quarter" or "year"


def partial_dates(low: str) -> list[PartialDate]:
    """Every date written without a day in plain, lower-case text."""
    found: list[PartialDate] = []
    for m in _MONTH_NAME_YEAR.finditer(low):
        found.append(PartialDate(m.start(), m.end(), int(m[2]), MONTH_BY_NAME[m[1]], "month"))
    for m in _MONTH_YEAR.finditer(low):
        if not 1 <= int(m[1]) <= 12:
            continue
        found.append(PartialDate(m.start(), m.end(), int(m[3]), int(m[1]), "month"))
    for m in _YEAR_MONTH.finditer(low):
        found.append(PartialDate(m.start(), m.end(), int(m[1]), int(m[2]), "month"))
    for m in _QUARTER.finditer(low) if _QUARTER_HINT.search(low) else ():
        quarter = m[1] or m[4] or m[5]
        year = m[2] or m[3] or m[6]
        found.append(PartialDate(m.start(), m.end(), int(year), 3 * int(quarter) - 2, "quarter"))
    for m in _YEAR_AFTER.finditer(low):
        found.append(PartialDate(m.start(1), m.end(1), int(m[1]), 1, "year"))
    return found


_BETWEEN = re.compile(r"\b(?:between|zwischen|entre|tra)[ \t]*$")


def joins_a_period(before: str, between: str) -> bool:
    """True if the words between two dates make them a period's start and end ("01/04 -
    14/04", "from 1 April to 14 April", "between March 2023 and May 2023")."""
    if PERIOD_LINK.match(between):
        return True
    return bool(re.match(r"^[ \t]*(?:and|und|et|y|e)[ \t]*$", between) and _BETWEEN.search(before))
