"""Choosing the date a record is about, with the alternatives and the reason for the choice."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from recordorg.core.understanding.date_words import KIND_NAMES
from recordorg.core.understanding.dates import DateMention, DateOrder
from recordorg.core.wording import (
    NO_DATE,
    date_span,
    short_date,
    source_is_file_date,
    source_name,
)

# How much each kind of date in the text counts as the date the record is about: the day of
# the examination, procedure, sample or visit it records, else the day it was written.
KIND_WEIGHT = {
    "procedure": 1.0,
    "collection": 0.97,
    "visit": 0.95,
    "document": 0.93,
    "report": 0.9,
    "discharge": 0.88,
    "admission": 0.7,
    "received": 0.55,
    "unknown": 0.5,
    "printed": 0.25,
    "history": 0.15,
    "planned": 0.1,
    "expiry": 0.05,
    "relative": 0.0,
    "birth": 0.0,
}
# Where a category's own date is another kind: a genomic test is dated by its report (the
# tissue may be years old), a bill or statement by the day it was written.
CATEGORY_WEIGHT = {
    "genomics": {"report": 1.0, "document": 0.98, "collection": 0.8, "procedure": 0.8},
    "administrative": {"document": 1.0, "report": 0.95, "procedure": 0.6, "visit": 0.6},
    "medication": {"document": 1.0, "report": 0.95},
    "radiotherapy": {"report": 1.0, "document": 0.98, "procedure": 0.8},
    # a discharge summary is about the stay it closes: dated by the discharge, not dictation
    "discharge-summary": {"discharge": 1.05, "procedure": 0.8, "document": 0.75, "report": 0.6},
}
# A date written without its day counts a little less than a whole one of the same kind.
PRECISION_WEIGHT = {"day": 1.0, "month": 0.9, "quarter": 0.85, "year": 0.8}
# Kinds of text date that do not date the record itself; file dates may compete with them.
NOT_THE_RECORDS_DAY = {"history", "planned", "printed", "received", "expiry", "relative"}
# Kinds of text date never chosen, even alone: a record dated by them would be misdated.
NEVER_THE_RECORDS_DAY = {"birth", "expiry", "relative"}
# Dates that come from the file rather than its text (most trusted first: core/wording.py).
SOURCE_WEIGHT = {
    "user": 10.0,
    "clinical-document": 1.2,  # a portal document's coded date of service or writing
    "dicom-study-date": 1.05,
    "exif": 0.42,
    "pdf-metadata": 0.35,
    "file-time": 0.1,
}
HEADER_SHARE = 600  # dates in the first characters of a page are usually its own dates
# A period longer than this many days, given as a service or visit date, is a course of care
# rather than the day of an examination: a single day the text gives dates the record better.
COURSE_DAYS = 31
COURSE_WEIGHT = 0.85


@dataclass
class FileDate:
    """A date from the file itself (DICOM, EXIF, PDF metadata, file time)."""

    value: str
    source: str
    kind: str = "document"
    detail: str = ""
    precision: str = "day"
    end: str = ""


@dataclass
class DateCandidate:
    """One possible date of the record and how much it counts."""

    value: str
    kind: str
    source: str  # "text" or a file-date source
    confidence: float
    score: float
    reason: str
    written: str = ""
    page: int | None = None
    precision: str = "day"
    end: str = ""  # the last day of the period this date starts

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DateChoice:
    """The chosen date (or None), why, and the other dates a person may pick instead."""

    value: str | None
    source: str | None
    kind: str | None
    confidence: float
    reason: str
    alternatives: list[DateCandidate] = field(default_factory=list)
    order: DateOrder | None = None
    precision: str = "day"
    start: str | None = None  # the period the record covers, when it covers more than a day
    end: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["alternatives"] = [c.to_json() for c in self.alternatives]
        return data


def _text_reason(m: DateMention) -> str:
    where = f", page {m.page}" if m.page else ""
    told = f'after "{m.cue}"' if m.cue and not m.cue.startswith("a date") else m.cue
    told = f" ({told}{where})" if told else (f" ({where[2:]})" if where else "")
    return f'{KIND_NAMES.get(m.kind, m.kind)} "{m.written}"{told}'


def _days(start: str, end: str) -> int:
    try:
        return (date.fromisoformat(end[:10]) - date.fromisoformat(start[:10])).days
    except ValueError:
        return 0


def _text_candidates(
    mentions: list[DateMention], births: set[str], today: date, category: str
) -> list[DateCandidate]:
    weights = {**KIND_WEIGHT, **CATEGORY_WEIGHT.get(category, {})}
    counts: dict[str, int] = {}
    for m in mentions:
        if m.kind != "birth":
            counts[m.value] = counts.get(m.value, 0) + 1
    # a period's end is no date of its own, unless its start cannot date the record (a birth)
    ends = {m.end for m in mentions if m.end and m.kind != "birth" and m.value not in births}
    out = []
    for m in mentions:
        if m.kind in NEVER_THE_RECORDS_DAY or m.value in births:
            continue
        if m.ends_period and m.value in ends:
            continue
        kind = "planned" if m.value > today.isoformat() else m.kind
        reading = m.confidence / m.kind_certainty if m.kind_certainty else 0.0
        # the kind decides which date this is; an unsure day/month order weighs only a little
        score = weights.get(kind, 0.5) * m.kind_certainty * (0.85 + 0.15 * reading)
        score *= PRECISION_WEIGHT.get(m.precision, 1.0)
        if m.end and m.precision == "day" and _days(m.value, m.end) > COURSE_DAYS:
            score *= COURSE_WEIGHT
        if m.offset < HEADER_SHARE and (m.page or 1) == 1:
            score *= 1.1
        score += min(0.06, 0.02 * (counts[m.value] - 1))
        out.append(
            DateCandidate(
                m.value,
                kind,
                "text",
                m.confidence,
                round(score, 4),
                _text_reason(m),
                m.written,
                m.page,
                m.precision,
                m.end,
            )
        )
    return out


def _usable_file_date(d: FileDate, births: set[str], import_day: str) -> bool:
    """A file date can date a record unless it is a birth, the import day or later (a PDF
    from a portal is made the day it is downloaded), or an EXIF date other than the capture."""
    if d.kind == "birth" or d.value in births or d.source not in SOURCE_WEIGHT:
        return False
    if d.source == "exif" and d.detail != "DateTimeOriginal":
        return False
    return d.source == "user" or not source_is_file_date(d.source) or d.value < import_day


def _file_candidates(
    dates: list[FileDate], births: set[str], today: date, import_day: str, category: str
) -> list[DateCandidate]:
    kinds = {**KIND_WEIGHT, **CATEGORY_WEIGHT.get(category, {})}
    out = []
    for d in dates:
        if not _usable_file_date(d, births, import_day):
            continue
        weight = SOURCE_WEIGHT[d.source]
        if d.source == "clinical-document" and d.kind == "document":
            # the day a document was written, its header naming no service: no surer than
            # the same day printed in its text ("a discharge summary's day is its discharge")
            weight *= kinds["document"]
        if d.source == "pdf-metadata" and d.detail == "modified":
            weight -= 0.1
        if d.value > today.isoformat() and d.source != "user":
            weight *= 0.1
        out.append(
            DateCandidate(
                d.value,
                d.kind,
                d.source,
                1.0,
                round(weight, 4),
                source_name(d.source, d.detail),
                precision=d.precision,
                end=d.end,
            )
        )
    return out


def _text_first(candidates: list[DateCandidate]) -> list[DateCandidate]:
    """A careful reader's order: a date the text states outranks the file's own dates, which
    serve only when the text has none that dates the record, and never when later than every
    date the text states."""
    text = [c for c in candidates if c.source == "text"]
    if not text:
        return candidates
    latest = max(c.value for c in text)
    dating = any(c.kind not in NOT_THE_RECORDS_DAY for c in text)
    return [
        c
        for c in candidates
        if not source_is_file_date(c.source) or (not dating and c.value <= latest)
    ]


def _stay(mentions: list[DateMention]) -> tuple[str, str] | None:
    """The first admission and the discharge that follows it, when the text gives both."""
    admitted = sorted(m.value for m in mentions if m.kind == "admission")
    if not admitted:
        return None
    discharged = sorted(
        m.value for m in mentions if m.kind == "discharge" and m.value >= admitted[0]
    )
    return (admitted[0], discharged[0]) if discharged else None


def _period(chosen: DateCandidate, mentions: list[DateMention]) -> tuple[str | None, str | None]:
    """The period the record covers: a range the text gives, or its stay in hospital."""
    if chosen.end:
        return chosen.value, chosen.end
    stay = _stay(mentions) if chosen.kind in ("admission", "discharge") else None
    if stay is not None and chosen.value in stay and stay[0] != stay[1]:
        return stay
    return None, None


def _both_readings(iso: str) -> str:
    """ "Day and month could both be read: 3 Oct 2024, or 10 Mar 2024." """
    day = date.fromisoformat(iso)
    other = date(day.year, day.day, day.month) if day.day <= 12 else day
    return (
        f"Day and month could both be read: {short_date(iso)}, or {short_date(other.isoformat())}."
    )


def choose_clinical_date(
    mentions: list[DateMention],
    file_dates: list[FileDate],
    order: DateOrder | None = None,
    today: date | None = None,
    category: str = "",
    import_day: str | None = None,
) -> DateChoice:
    """The most likely date the record is about, and the period it covers; a date of birth,
    the import day and a file date later than the text's dates are never chosen."""
    today = today or date.today()
    births = {m.value for m in mentions if m.kind == "birth"}
    births |= {d.value for d in file_dates if d.kind == "birth"}
    candidates = _text_candidates(mentions, births, today, category)
    candidates += _file_candidates(
        file_dates, births, today, import_day or today.isoformat(), category
    )
    earliest_birth = min(births) if births else ""
    candidates = _text_first([c for c in candidates if c.value > earliest_birth])
    best_per_value: dict[str, DateCandidate] = {}
    for c in sorted(candidates, key=lambda c: (c.score, c.value), reverse=True):
        best_per_value.setdefault(c.value, c)
    ranked = list(best_per_value.values())
    if not ranked:
        return DateChoice(
            None, None, None, 0.0, f"{NO_DATE.capitalize()} in this record.", [], order
        )
    chosen = ranked[0]
    confidence = min(1.0, chosen.score)
    if len(ranked) > 1 and ranked[1].score >= 0.9 * chosen.score:
        confidence *= 0.75
    reason = f"Chosen: {chosen.reason}."
    if chosen.source == "text":
        guessed = [m for m in mentions if m.value == chosen.value and m.order]
        if guessed and order is not None and guessed[0].order == order.order:
            # day and month could both be read: no surer than the order of reading them
            confidence = min(confidence, order.confidence)
            explained = order.explain()
            reason += f" {_both_readings(chosen.value)} {explained[0].upper()}{explained[1:]}."
        elif guessed:
            reason += " Dates written with dots, like 03.04.2025, are read day-first."
    start, end = _period(chosen, mentions)
    value = chosen.value
    if end:
        reason += f" The record covers {date_span(start, end, chosen.precision)}."
        if category == "discharge-summary" and value != end:
            value = end  # a stay's summary is dated by its last day, the discharge
            reason += " A discharge summary is dated by the day the stay ended."
    if births:
        reason += " The date of birth is never used as the record's date."
    return DateChoice(
        value,
        chosen.source,
        chosen.kind,
        round(min(confidence, 1.0), 3),
        reason,
        ranked,
        order,
        chosen.precision,
        start,
        end,
    )
