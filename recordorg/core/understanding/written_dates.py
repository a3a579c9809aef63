"""Dates as they are written in a text, found in one scan: ISO, numeric with either order
of day and month, written out in five languages, eight digits, and months or years alone.
What each date is about, and in which order its day and month are read, is dates.py's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from recordorg.core.understanding.date_words import MONTH_BY_NAME, ocr_repaired, one_of, plain
from recordorg.core.understanding.partial_dates import partial_dates

_NAMES = one_of(MONTH_BY_NAME)
# Each pattern starts with a digit, and only then looks at what comes before it: a search
# then skips quickly to the next digit instead of trying every letter of a long text.
_ISO = re.compile(r"(\d(?<![\d.,/-]\d)\d{3})([-/.])(\d{1,2})\2(\d{1,2})(?!\d|[./-]\d)")
_NUMERIC = re.compile(r"(\d(?<![\d.,/-]\d)\d?)([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[./-]\d)")
# Before its year, a date written out may wrap onto the next line ("September 27,\n2012"),
# as the text of PDF tables and narrow columns often does.
_TO_YEAR = r"(?:[ \t]*[-/,][ \t]*(?:\n[ \t]*)?|[ \t]*\n[ \t]*|[ \t]+)"
# 20070103: a date only where a label or a column heading says it is one (an ID or an
# accession number looks the same).
_COMPACT = re.compile(r"(\d(?<![\w.]\d)\d{3})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\w.,/-]?\d)")
_DAY_NAME = re.compile(
    rf"(\d(?<![\w.]\d)\d?)(?:st|nd|rd|th|er|o|°)?\.?[ \t]*(?:de[ \t]+)?(?:[-/][ \t]*)?"
    rf"({_NAMES})\b\.?{_TO_YEAR}(?:del?[ \t]+)?(\d{{4}})(?!\d)"
)
_NAME_DAY = re.compile(
    rf"(?<!\w)({_NAMES})\b\.?(?:[ \t]+|-)(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
    rf"(?:{_TO_YEAR}|-)(\d{{4}})(?!\d)"
)


@dataclass(frozen=True)
class WrittenDate:
    """A date found written in a text: where, its numbers as written, and how written."""

    start: int
    end: int
    year: int
    first: int  # day or month (numeric), else the day
    second: int  # the other one, else the month
    style: str  # "iso", "numeric", "day-name", "name-day", "compact", "partial"
    separator: str = ""
    precision: str = "day"


def _year(text: str, today: date) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= today.year % 100 + 2 else 1900
    return year


@lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """The text in lower case, without accents, OCR's digits in words put back."""
    return ocr_repaired(plain(text))


@lru_cache(maxsize=64)
def written_dates(text: str, today: date) -> tuple[WrittenDate, ...]:
    """The dates written in the text, in order (kept for the text's next reading: the
    order of day and month is voted on, then the dates read, from one scan)."""
    low = lowered(text)
    found: list[WrittenDate] = []
    for m in _ISO.finditer(low):
        found.append(WrittenDate(m.start(), m.end(), int(m[1]), int(m[4]), int(m[3]), "iso"))
    for m in _NUMERIC.finditer(low):
        found.append(
            WrittenDate(
                m.start(), m.end(), _year(m[4], today), int(m[1]), int(m[3]), "numeric", m[2]
            )
        )
    for m in _DAY_NAME.finditer(low):
        found.append(
            WrittenDate(m.start(), m.end(), int(m[3]), int(m[1]), MONTH_BY_NAME[m[2]], "day-name")
        )
    for m in _NAME_DAY.finditer(low):
        found.append(
            WrittenDate(m.start(), m.end(), int(m[3]), int(m[2]), MONTH_BY_NAME[m[1]], "name-day")
        )
    for m in _COMPACT.finditer(low):
        found.append(WrittenDate(m.start(), m.end(), int(m[1]), int(m[3]), int(m[2]), "compact"))
    for p in partial_dates(low):
        found.append(
            WrittenDate(p.start, p.end, p.year, 1, p.month, "partial", precision=p.precision)
        )
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    kept: list[WrittenDate] = []
    for raw in found:
        if kept and raw.start < kept[-1].end:
            continue
        if 1900 <= raw.year <= today.year + 2:
            kept.append(raw)
    return tuple(kept)


def valid_day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
