"""Finding dates in a record's text: the formats people meet, and what each date is about."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import asdict, dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from recordorg.core.understanding.date_words import (
    KIND_PATTERNS,
    cue_patterns_for,
    language_of,
    plain,
    without_connectors,
)
from recordorg.core.understanding.partial_dates import joins_a_period, partial_dates
from recordorg.core.understanding.written_dates import (
    WrittenDate,
    lowered,
    valid_day,
    written_dates,
)

log = logging.getLogger(__name__)

DAY_FIRST, MONTH_FIRST = "day-first", "month-first"
ORDER_SETTINGS = ("auto", DAY_FIRST, MONTH_FIRST)
NEAR = 70  # how many characters before a date are read for the words that say its kind
CLOSE = 30  # a label this close to the date is taken at full confidence
PAGE_READ = 4_000_000  # characters of a page read for dates (a page this long is data)
READING_TIME = 1.5  # seconds a record's dates are read for at most
LINE_READ = 1000  # how far along its line a date's neighbours are looked for, either side

GENERIC_DATE = re.compile(r"\b(date|datum|fecha|data|dated)$")
SENTENCE_END = re.compile(r"[a-z)]{3}[.;!?]\s+(?=[a-z])")
ON_ITS_OWN = "a date on a line of its own"


@dataclass
class DateMention:
    """A date found in the text, what it is about, and how sure the reading is."""

    value: str  # ISO "YYYY-MM-DD"
    kind: str  # a key of date_words.KIND_NAMES
    confidence: float  # 0..1: the reading of the date and of its kind
    written: str  # the date as written
    cue: str = ""  # the words that told its kind, e.g. "reported"
    page: int | None = None
    offset: int = 0
    order: str = ""  # DAY_FIRST or MONTH_FIRST when the numbers alone could not tell
    kind_certainty: float = 1.0  # how sure the kind is (the rest of the confidence is reading)
    precision: str = "day"  # "month", "quarter" or "year" for a date written without its day
    end: str = ""  # the last day of a period this date starts ("01/04/2025 - 14/04/2025")
    ends_period: bool = False  # this date is the end of the period the one before starts

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DateOrder:
    """Whether 03/04/2025 is read day-first or month-first here, and why."""

    order: str
    why: str  # "document", "language", "setting", "library" or "default"
    day_first_votes: int = 0
    month_first_votes: int = 0

    @property
    def confidence(self) -> float:
        return {
            "document": 0.95,
            "file name": 0.9,
            "language": 0.95,
            "setting": 0.9,
            "library": 0.85,
        }.get(self.why, 0.6)

    def explain(self) -> str:
        reasons = {
            "document": "other dates in this record can only be read that way",
            "file name": "the file's name gives the month",
            "language": "the record is not in English, and only English writes month-first",
            "setting": "the library is set to read dates that way",
            "library": "other records in this library can only be read that way",
            "default": "nothing told otherwise (the usual reading outside the USA)",
        }
        return f"dates like 03/04/2025 read {self.order}: {reasons[self.why]}"


def order_votes(text: str, today: date | None = None) -> tuple[int, int]:
    """How many numeric dates in the text can only be day-first, and only month-first."""
    today = today or date.today()
    day_first = month_first = 0
    for raw in written_dates(text, today):
        if raw.style != "numeric":
            continue
        if raw.first > 12 >= raw.second and valid_day(raw.year, raw.second, raw.first):
            day_first += 1
        elif raw.second > 12 >= raw.first and valid_day(raw.year, raw.first, raw.second):
            month_first += 1
    return day_first, month_first


def resolve_order(
    votes: tuple[int, int],
    setting: str = "auto",
    library_votes: tuple[int, int] = (0, 0),
    language: str = "",
) -> DateOrder:
    """Choose the reading of ambiguous numeric dates: the document, then its language (only
    English is written month-first), the library's setting, the library's other records, and
    at last day-first."""
    day, month = votes
    if day != month:
        return DateOrder(DAY_FIRST if day > month else MONTH_FIRST, "document", day, month)
    if language in ("de", "fr", "es", "it"):
        return DateOrder(DAY_FIRST, "language", day, month)
    if setting in (DAY_FIRST, MONTH_FIRST):
        return DateOrder(setting, "setting", day, month)
    lib_day, lib_month = library_votes
    if lib_day != lib_month:
        return DateOrder(DAY_FIRST if lib_day > lib_month else MONTH_FIRST, "library", day, month)
    return DateOrder(DAY_FIRST, "default", day, month)


def _value(raw: WrittenDate, order: DateOrder) -> tuple[str | None, str, float]:
    """The ISO date, the order used if it was a guess, and the confidence of the reading."""
    if raw.style != "numeric":
        return valid_day(raw.year, raw.second, raw.first), "", 1.0
    as_day_first = valid_day(raw.year, raw.second, raw.first)
    as_month_first = valid_day(raw.year, raw.first, raw.second)
    if as_day_first and as_month_first and raw.first != raw.second:
        if raw.separator == "." and not (order.why == "document" and order.order == MONTH_FIRST):
            # 03.04.2025 is written day-first almost everywhere, even in a month-first library
            return as_day_first, DAY_FIRST, max(0.9, order.confidence)
        chosen = as_day_first if order.order == DAY_FIRST else as_month_first
        return chosen, order.order, order.confidence
    if as_day_first != as_month_first and raw.separator != "." and _outvoted(raw, order):
        return None, "", 0.0
    return as_day_first or as_month_first, "", 1.0


def _outvoted(raw: WrittenDate, order: DateOrder) -> bool:
    """True if this record's other dates say, at least two to one, the order this one can't
    be read in: a US lab form's "26/05/21" among its "07/15/16"s is an age (years, months,
    days), not a date; a record has one day/month order."""
    if order.why != "document" or raw.first == raw.second:
        return False
    readable_day_first = valid_day(raw.year, raw.second, raw.first) is not None
    mine, other = (
        (order.day_first_votes, order.month_first_votes)
        if readable_day_first
        else (order.month_first_votes, order.day_first_votes)
    )
    return other >= 2 and other >= 2 * mine


def _scan_cues(window: str) -> tuple[str, str, int] | None:
    best: tuple[int, int, str, str] | None = None
    for kind, pattern in cue_patterns_for(window):
        for m in pattern.finditer(window):
            key = (m.end(), m.end() - m.start(), kind, m.group(0).strip())
            if best is None or key[:2] > best[:2]:
                best = key
    if best is None:
        return None
    return best[2], best[3], len(window) - best[0]


@lru_cache(maxsize=4096)  # a record's labels repeat ("Date:", "Collected:")
def _nearest_cue(window: str) -> tuple[str, str, int] | None:
    """The kind whose words end closest to the end of the window: (kind, words, distance).

    "Discharge date:" is a discharge date, not just a date: a label ending in the word
    "date" is read without it first."""
    window = without_connectors(window)
    generic = GENERIC_DATE.search(window)
    if generic is not None:
        found = _scan_cues(without_connectors(window[: generic.start()]))
        if found is not None and found[2] <= 1 and found[0] != "document":
            return found[0], f"{found[1]} {generic.group(0)}", 0
    return _scan_cues(window)


def _this_sentence(window: str) -> str:
    """The window from the start of the sentence the date is in ("... clinic. Started on")."""
    ends = list(SENTENCE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def _line_around(low: str, raw: WrittenDate) -> tuple[int, int]:
    """Where the date's line starts and ends, looking no further than LINE_READ either
    side (a record written on one long line costs no more than one of short lines)."""
    start = low.rfind("\n", max(0, raw.start - LINE_READ), raw.start) + 1
    if start == 0 and raw.start > LINE_READ:
        start = raw.start - LINE_READ
    end = low.find("\n", raw.end, raw.end + LINE_READ)
    return start, (min(len(low), raw.end + LINE_READ) if end < 0 else end)


def _kind(low: str, raw: WrittenDate, previous_end: int) -> tuple[str, str, float]:
    """What a date is about, the words that told it, and how sure that is."""
    line_start, line_end = _line_around(low, raw)
    window = _this_sentence(low[max(line_start, previous_end, raw.start - NEAR) : raw.start])
    cue = _nearest_cue(window)
    after = low[raw.end : min(line_end, raw.end + 20)].lstrip(" \t(")
    if KIND_PATTERNS["birth"].match(after):
        return "birth", "date of birth", 1.0
    if cue is not None:
        kind, words, distance = cue
        label = without_connectors(window)
        if words in ("date", "datum", "fecha", "data") and re.search(
            r"[a-z]{3,}\s*$", label[: len(label) - len(words)]
        ):
            return kind, words, 0.6  # "<a word we do not know> date": some date, not surely this
        return kind, words, 1.0 if distance <= CLOSE else 0.8
    rest = (low[line_start : raw.start] + " " + low[raw.end : line_end]).strip(" \t,.;:-")
    if not re.search(r"\d", rest) and len(rest.split()) <= 4:
        return "document", ON_ITS_OWN, 0.9
    if not low[line_start : raw.start].strip():
        header = _column_header(low, line_start)
        if header is not None:
            return header[0], header[1], 0.8
    elif " | " in low[line_start:line_end]:
        header = _cell_header(low, line_start, line_end, raw.start)
        if header is not None:
            return header[0], header[1], 0.8
    return "unknown", "", 0.5


def _cell_header(low: str, line_start: int, line_end: int, at: int) -> tuple[str, str, int] | None:
    """For a date in a cell of a table row ("… | September 27, 2012 at 1:00pm | …"): the
    kind its column's heading names, from the nearest row above with as many cells and no
    date (the table's header); other rows of the table between are passed over."""
    column = low.count("|", line_start, at)
    cells = low.count("|", line_start, line_end) + 1
    end = line_start - 1
    for _ in range(40):
        if end <= 0:
            return None
        start = low.rfind("\n", max(0, end - LINE_READ), end) + 1
        line = low[start:end]
        end = start - 1
        if " | " not in line:
            return None  # the table began below: no header
        if line.count("|") + 1 == cells and not written_dates(line, date.today()):
            return _nearest_cue(line.split("|")[column].strip() + " ")
    return None


def _column_header(low: str, line_start: int) -> tuple[str, str, int] | None:
    """For a date that starts a table row: the kind named by the row of headings above."""
    end = line_start - 1
    for _ in range(8):
        if end <= 0:
            return None
        start = low.rfind("\n", max(0, end - LINE_READ), end) + 1
        if start == 0 and end > LINE_READ:
            return None  # a line this long is text, not a row of headings
        line = low[start:end]
        end = start - 1
        if not line.strip():
            continue
        if written_dates(line, date.today()):
            if re.match(r"\s*\d", line):
                continue  # another row of the same table
            return None
        return _nearest_cue(line + " ")
    return None


def find_dates(
    text: str,
    order: DateOrder | None = None,
    page: int | None = None,
    today: date | None = None,
    deadline: float | None = None,
) -> list[DateMention]:
    """Every date in the text with its kind and confidence, in reading order (those read
    before the deadline, a time.monotonic() value, if one is given)."""
    today = today or date.today()
    text = text[:PAGE_READ]
    order = order or resolve_order(order_votes(text, today))
    low = lowered(text)
    mentions: list[DateMention] = []
    previous: WrittenDate | None = None
    for n, raw in enumerate(written_dates(text, today)):
        if deadline is not None and n % 64 == 63 and time.monotonic() > deadline:
            break
        value, guessed, reading = _value(raw, order)
        if value is None:
            continue
        before = previous.start if previous else 0
        if previous is not None and joins_a_period(
            low[max(0, before - 12) : before], low[previous.end : raw.start]
        ):
            _close_period(mentions[-1], value, raw.precision)
            mentions.append(
                replace(
                    mentions[-1],
                    value=value,
                    written=" ".join(text[raw.start : raw.end].split()),
                    offset=raw.start,
                    end="",
                    ends_period=True,
                )
            )
            previous = None  # a period is two dates: the next one starts afresh
            continue
        kind, cue, certainty = _kind(low, raw, previous.end if previous else 0)
        if raw.style == "compact" and cue in ("", ON_ITS_OWN):
            continue  # eight digits no label or column heading calls a date
        previous = raw
        written = " ".join(text[raw.start : raw.end].split())
        confidence = round(reading * certainty, 3)
        mentions.append(
            DateMention(
                value,
                kind,
                confidence,
                written,
                cue,
                page,
                raw.start,
                guessed,
                certainty,
                raw.precision,
            )
        )
    return mentions


def _close_period(start: DateMention, end: str, precision: str) -> None:
    """Make a date the start of a period ending at `end` (only forwards in time)."""
    if end > start.value:
        start.end = end
        if precision != "day" and start.precision == "day":
            start.precision = precision


def _opening(pages: list[tuple[int, str]], size: int) -> str:
    """The first `size` characters of the pages joined by new lines (without joining all)."""
    parts: list[str] = []
    length = 0
    for _, text in pages:
        if length >= size:
            break
        parts.append(text[: size - length])
        length += len(parts[-1]) + 1
    return "\n".join(parts)[:size]


def name_votes(name: str, text: str, today: date) -> tuple[int, int]:
    """Day-first and month-first votes from the month a file's name gives ("Bloods Oct
    2024.pdf", "scan_2024-10-03.pdf"): a date of the text that has that month one way only."""
    low = plain(re.sub(r"[_.]+", " ", name)).lower()
    months = {(p.year, p.month) for p in partial_dates(low) if p.precision == "month"}
    months |= {(r.year, r.second) for r in written_dates(low, today) if r.style != "numeric"}
    day = month = 0
    for raw in written_dates(text, today) if months else ():
        if raw.style != "numeric" or raw.first == raw.second:
            continue
        as_day_first = (raw.year, raw.second) in months
        as_month_first = (raw.year, raw.first) in months
        day += as_day_first and not as_month_first
        month += as_month_first and not as_day_first
    return day, month


def record_order(
    pages: list[tuple[int, str]],
    setting: str = "auto",
    library_votes: tuple[int, int] = (0, 0),
    today: date | None = None,
    name: str = "",
    time_limit: float = READING_TIME,
) -> DateOrder:
    """The one day/month order a record's dates are read in: its own dates tell it first,
    then the library's setting and its other records, the language, and the month its file's
    name gives. Whatever reads a record's dates (its date, its case suggestions) uses this,
    so one "08/02/2011" is never two days in one record."""
    today = today or date.today()
    deadline = time.monotonic() + time_limit
    day = month = 0
    for _, text in pages:  # votes are counted for half the time at most
        if time.monotonic() > deadline - time_limit / 2:
            break
        d, m = order_votes(text[:PAGE_READ], today)
        day, month = day + d, month + m
    language = language_of(_opening(pages, 6000))
    order = resolve_order((day, month), setting, library_votes, language)
    if day == month and name:
        by_name = name_votes(name, _opening(pages, 6000), today)
        if by_name[0] != by_name[1]:
            chosen = DAY_FIRST if by_name[0] > by_name[1] else MONTH_FIRST
            order = DateOrder(chosen, "file name", day, month)
    return order


def read_record_dates(
    pages: list[tuple[int, str]],
    setting: str = "auto",
    library_votes: tuple[int, int] = (0, 0),
    today: date | None = None,
    time_limit: float = READING_TIME,
    name: str = "",
) -> tuple[list[DateMention], DateOrder]:
    """The dates in every page of a record, read in the record's order (`record_order`); a
    record too long to read in time_limit seconds keeps the dates read until then."""
    today = today or date.today()
    deadline = time.monotonic() + time_limit
    order = record_order(pages, setting, library_votes, today, name, time_limit)
    mentions: list[DateMention] = []
    for n, (number, text) in enumerate(pages):
        if n and time.monotonic() > deadline:  # the first page's first dates are always read
            log.info("dates read from the first %d pages of a long record only", number - 1)
            break
        mentions += find_dates(text, order, number, today, deadline)
    return mentions, order
