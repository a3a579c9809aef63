"""Words and formats a person sees in more than one place (window, command line, bundle): once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

NO_DATE = "no date found"


def human_size(size: int) -> str:
    """A file size as people read it: "812 bytes", "3.4 MB"."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


# -- dates -------------------------------------------------------------------------------
PRECISIONS = ("day", "month", "quarter", "year")


def precision_of(iso: str) -> str:
    """The precision an ISO date says by its length: "2023" year, "2023-03" month, else day."""
    return {4: "year", 7: "month"}.get(len(iso), "day")


def first_day(iso: str) -> date | None:
    """The first day an ISO date (full, "2023-03" or "2023") stands for; None if not a date."""
    padded = iso + {4: "-01-01", 7: "-01"}.get(len(iso), "")
    try:
        return date.fromisoformat(padded)
    except ValueError:
        return None


def _shown(iso: str | None, precision: str, month_format: str) -> str:
    if not iso:
        return ""
    precision = precision if precision != "day" or len(iso) >= 10 else precision_of(iso)
    day = first_day(iso[:10])
    if day is None:
        return iso
    if precision == "year":
        return str(day.year)
    if precision == "quarter":
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    month = day.strftime(month_format)
    return f"{month} {day.year}" if precision == "month" else f"{day.day} {month} {day.year}"


_TYPED_MONTH_YEAR = re.compile(r"^([a-z]{3,9})\.?,? +(\d{4})$")
_TYPED_NUMERIC_MONTH = re.compile(r"^(\d{1,2})[/.](\d{4})$")


def typed_date(text: str) -> str | None:
    """A date a person typed, as ISO to the precision typed: "2025-03-14", "2023-03" (from
    "2023-03", "Mar 2023", "March 2023" or "03/2023") or "2021"; None if it is not a date."""
    text = " ".join(text.split()).lower()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        iso = text
    elif m := _TYPED_MONTH_YEAR.match(text):
        names = [date(2000, n, 1).strftime(f).lower() for f in ("%b", "%B") for n in range(1, 13)]
        if m[1] not in names:
            return None
        iso = f"{m[2]}-{names.index(m[1]) % 12 + 1:02d}"
    elif m := _TYPED_NUMERIC_MONTH.match(text):
        iso = f"{m[2]}-{int(m[1]):02d}"
    else:
        return None
    return iso if first_day(iso) is not None else None


def reduced_iso(iso: str | None, precision: str = "day") -> str | None:
    """A date written to its precision, as ISO 8601 and FHIR write partial dates: "2023-03"
    for a month, "2024" for a quarter or a year (neither has a quarter)."""
    if not iso:
        return iso
    return iso[: {"month": 7, "quarter": 4, "year": 4}.get(precision, 10)]


def short_date(iso: str | None, precision: str = "day") -> str:
    """A date as lists show it: "3 Mar 2025"; a partial one as written: "Mar 2023", "2021"."""
    return _shown(iso, precision, "%b")


def elided(text: str, limit: int) -> str:
    """Text cut to `limit` characters in its middle, its start and its end kept ("Procedures,
    entry 3 (Procedure/3b7c…): Biopsy of prostate (SNOMED CT 65575008), 2003-08-20"): a
    quote's last words are often its date."""
    if len(text) <= limit:
        return text
    tail = limit // 3
    return text[: limit - tail - 1].rstrip() + "…" + text[len(text) - tail :].lstrip()


TITLE_DASH = " — "  # between what a record is and its date in a title: "CT chest — 3 Mar 2025"


def redated_title(
    title: str, old: str | None, old_precision: str, new: str | None, new_precision: str
) -> str | None:
    """The title with the date it ends in changed to the record's new date (or taken off),
    or None when it does not end in the old date (a person wrote it, or it names no date)."""
    said = TITLE_DASH + short_date(old, old_precision) if old else ""
    if not said or not title.endswith(said) or len(title) == len(said):
        return None
    return title[: -len(said)] + (TITLE_DASH + short_date(new, new_precision) if new else "")


def long_date(iso: str | None, precision: str = "day") -> str:
    """A date as a field shows it: "3 March 2025", "March 2023", "Q2 2024", "2021"."""
    return _shown(iso, precision, "%B")


def date_span(start: str | None, end: str | None = None, precision: str = "day") -> str:
    """A record's date or period as shown: "3 Mar 2025", "1 Apr 2025 – 14 Apr 2025"."""
    first = short_date(start, precision)
    if not end or end == start:
        return first
    return f"{first} – {short_date(end, precision)}"


# -- where a record's date came from -------------------------------------------------------
@dataclass(frozen=True)
class DateSource:
    """One place a record's date can come from: its words, and why it is trusted as it is."""

    key: str  # as stored in records.date_source and found_dates.source
    name: str  # what the date is: "the day the photo was taken"
    why: str  # how far it is trusted, in a sentence
    is_file_date: bool = False  # read from the file rather than what the record says


# Most trusted first: a person, the scanner's study date, a date the text states, then the
# dates of the file itself, which serve only when the text has none.
DATE_SOURCES: tuple[DateSource, ...] = (
    DateSource("user", "the date a person set", "Set by a person: reading never changes it."),
    DateSource(
        "dicom-study-date", "the study date in the images", "Recorded in the images by the scanner."
    ),
    DateSource(
        "clinical-document",
        "the date the clinical document states",
        "Coded in the document's header (the period of care it covers, or when it was written).",
    ),
    DateSource("text", "a date the text states", "Stated in the record's own words."),
    DateSource(
        "exif",
        "the day the photo was taken",
        "Recorded by the camera when the photo was taken; used only when the text has no date.",
        True,
    ),
    DateSource(
        "pdf-metadata",
        "the day the PDF file was made",
        "Recorded in the PDF when it was made (often the day it was downloaded); used only "
        "when the text has no date.",
        True,
    ),
    DateSource(
        "file-time",
        "the day the file was last changed (a guess)",
        "The only date found is when the file was last changed: a guess.",
        True,
    ),
)
SOURCE_BY_KEY = {s.key: s for s in DATE_SOURCES}
# A file's date field told apart where it matters ("created" or "modified" in a PDF).
DETAIL_NAMES = {
    ("pdf-metadata", "created"): "the day the PDF file was made",
    ("pdf-metadata", "modified"): "the day the PDF file was last saved",
}


def source_rank(source: str | None) -> int:
    """0 for the most trusted source; unknown sources after every known one."""
    keys = [s.key for s in DATE_SOURCES]
    return keys.index(source) if source in keys else len(keys)


def source_is_file_date(source: str | None) -> bool:
    """True for a date the file carries (EXIF, PDF, file time) rather than what it says."""
    known = SOURCE_BY_KEY.get(source or "")
    return known.is_file_date if known else False


def source_name(source: str | None, detail: str = "") -> str:
    """What a date from this source is: "the day the PDF file was last saved"."""
    if (source or "", detail) in DETAIL_NAMES:
        return DETAIL_NAMES[(source or "", detail)]
    known = SOURCE_BY_KEY.get(source or "")
    return known.name if known else f"a date from {source}"


def source_why(source: str | None) -> str:
    known = SOURCE_BY_KEY.get(source or "")
    return known.why if known else "Read from the file itself."


def describe_date_source(source: str | None, confirmed: bool = False) -> str:
    """Where a record's clinical date came from, in plain words: "from the study date in the
    images", "set by a person", "no date found"."""
    if not source:
        return NO_DATE
    words = "set by a person" if source == "user" else f"from {source_name(source)}"
    if confirmed and source != "user":
        words += ", confirmed"
    return words
