"""The treatment-history timeline laid out in lanes and rows, as plain data for any renderer.

``build_timeline(case, records, today)`` places every dated, non-rejected entry of a case
review (and the person's other dated records) on a time axis: one lane per kind of fact,
ongoing treatment lines open-ended to today, one-day events as points, periods as spans, a
date known only to the month, quarter or year as a fuzzy mark over that period. Positions
are whole days from ``layout.start``; ``timeline_draw`` turns them into shapes in pixels
(rows, labels, key) for the window and the SVG/PNG/PDF writers alike.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from recordorg.core.case.review import CaseEntry, CaseReview, load_case
from recordorg.core.wording import PRECISIONS, first_day, precision_of, reduced_iso, short_date

LANES: list[tuple[str, str]] = [
    ("diagnosis", "Diagnosis and staging"),
    ("treatment", "Treatment lines"),
    ("local", "Surgery and radiotherapy"),
    ("imaging", "Imaging"),
    ("pathology", "Pathology and biomarkers"),
    ("events", "Other events"),
    ("records", "Other records"),
]
KIND_LANE = {
    "diagnosis": "diagnosis",
    "metastasis": "diagnosis",
    "treatment_line": "treatment",
    "procedure": "local",
    "radiotherapy": "local",
    "imaging": "imaging",
    "biomarker": "pathology",
    "event": "events",
}
BAR_KINDS = {"treatment_line", "radiotherapy", "event"}
ILLNESS_KINDS = {"diagnosis", "metastasis", "treatment_line", "radiotherapy", "procedure"}


@dataclass
class RecordDot:
    """A dated record shown in the "Other records" lane: a dot, or a span when it has an end."""

    id: int
    title: str
    clinical_date: str | None
    category: str  # slug
    category_name: str = ""
    end_date: str | None = None  # a period's last day (an admission's discharge)
    precision: str = ""  # day, month, quarter or year; "" reads it from the date's length


@dataclass
class TimelineItem:
    """One bar or point on the timeline, with what to open when it is clicked."""

    key: str  # "entry:12" or "record:7"
    lane: str
    shape: str  # "bar" or "point"
    start: str  # ISO date
    end: str  # ISO date; equals start for points; today for open-ended bars
    start_day: int  # days from the layout's start
    end_day: int
    label: str
    detail: str  # plain text for a tooltip
    kind: str  # entry kind, or the record's category slug
    confirmed: bool = True
    ongoing: bool = False  # a treatment going on today: open-ended
    end_known: bool = True  # False: no end date was given, drawn open-ended to today
    entry_id: int | None = None
    record_id: int | None = None  # the source to open on a click
    page: int | None = None
    precision: str = "day"  # coarser: start_day..end_day is the whole month, quarter or year

    @property
    def when(self) -> str:
        """The item's date or period as a person reads it: "3 Mar 2025", "Mar 2023"."""
        return self.dates()

    def dates(self, iso: bool = False) -> str:
        """The date or period in words, or (iso) as ISO dates to their precision, as the
        bundle's index writes dates: "2025-03-03", "2023-03", "2024-05-20 – ongoing"."""

        def one(day: str) -> str:
            return (
                (reduced_iso(day, self.precision) or "") if iso else short_date(day, self.precision)
            )

        if self.shape != "bar":
            return one(self.start)
        if self.ongoing or not self.end_known:
            return f"{one(self.start)} – {'ongoing' if self.ongoing else 'end not known'}"
        return f"{one(self.start)} – {one(self.end)}"


@dataclass
class TimelineLane:
    key: str
    title: str
    items: list[TimelineItem] = field(default_factory=list)


@dataclass
class TimelineLayout:
    """The whole timeline: its date range, today, lanes with their items, what has no date."""

    start: str
    end: str
    today: str
    days: int
    lanes: list[TimelineLane]
    undated: list[str] = field(default_factory=list)
    unconfirmed: int = 0
    illness_start: int | None = None  # day of the first diagnosis or treatment entry

    def items(self) -> list[TimelineItem]:
        return [item for lane in self.lanes for item in lane.items]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def period(text: str | None, precision: str = "") -> tuple[date, date, str] | None:
    """The first and last day a date stands for, and its precision: "2023-03" is March 2023,
    "2023" the year, a day its own; precision "quarter" widens a date to its quarter."""
    if not text:
        return None
    precision = precision if precision in PRECISIONS else precision_of(text)
    first = first_day(text[:10])
    if first is None:
        return None
    if precision == "day":
        return first, first, "day"
    months = {"month": 1, "quarter": 3, "year": 12}[precision]
    month = 1 if precision == "year" else first.month - (first.month - 1) % months
    first = date(first.year, month, 1)
    after = date(first.year + (month + months - 1) // 12, (month + months - 1) % 12 + 1, 1)
    return first, after - timedelta(days=1), precision


def _day(text: str | None) -> date | None:
    found = period(text)
    return found[0] if found else None


def _entry_item(entry: CaseEntry, today: date) -> tuple[TimelineItem, date, date] | None:
    begun = period(entry.start, entry.fields.get("start_precision", ""))
    if begun is None:
        return None
    start, start_last, precision = begun
    ended = period(entry.end, entry.fields.get("end_precision", ""))
    end = ended[1] if ended else None
    ongoing = bool(entry.fields.get("ongoing"))
    bar = entry.kind == "treatment_line" or (entry.kind in BAR_KINDS and end and end > start_last)
    end_known = end is not None or ongoing or not bar
    if bar:
        end = max(start, today) if (ongoing or end is None) else max(start, end)
        precision = precision if precision != "day" else (ended[2] if ended else "day")
    else:
        end = start_last
    source = entry.citations[0] if entry.citations else None
    record_id = (
        source.record_id
        if source
        else (entry.fields.get("report_record_id") or entry.fields.get("study_record_id"))
    )
    label = entry.summary if entry.confirmed else f"{entry.summary} (unconfirmed)"
    when = reduced_iso(entry.start, precision)
    if bar:
        until = "ongoing" if ongoing else (entry.end if end_known else "end not known")
        when = f"{when} to {until}"
    detail = "\n".join(
        filter(
            None,
            [
                f"{entry.label}: {entry.summary}",
                when,
                "Confirmed" if entry.confirmed else "Suggested by recordorg - NOT YET CONFIRMED",
                f"Source: record {source.record_id}"
                + (f", page {source.page}" if source.page else "")
                + (f': "{source.quote[:160]}"' if source.quote else "")
                if source
                else "",
            ],
        )
    )
    item = TimelineItem(
        f"entry:{entry.id}",
        KIND_LANE[entry.kind],
        "bar" if bar else "point",
        start.isoformat(),
        end.isoformat(),
        0,
        0,
        label,
        detail,
        entry.kind,
        confirmed=entry.confirmed,
        ongoing=bar and ongoing,
        end_known=end_known,
        entry_id=entry.id,
        record_id=record_id,
        page=source.page if source else None,
        precision=precision,
    )
    return item, start, end


def _record_item(record: RecordDot) -> tuple[TimelineItem, date, date] | None:
    found = period(record.clinical_date, record.precision)
    if found is None:
        return None
    start, last, precision = found
    ended = period(record.end_date, record.precision)
    end = max(last, ended[1]) if ended else last
    bar = ended is not None and ended[1] > last
    when = reduced_iso(record.clinical_date, precision) + (f" to {record.end_date}" if bar else "")
    item = TimelineItem(
        f"record:{record.id}",
        "records",
        "bar" if bar else "point",
        start.isoformat(),
        end.isoformat(),
        0,
        0,
        record.title,
        f"{record.title}\n{record.category_name or record.category}\n{when}",
        record.category,
        record_id=record.id,
        precision=precision,
    )
    return item, start, end


def build_timeline(
    case: CaseReview, records: list[RecordDot] | None = None, today: date | None = None
) -> TimelineLayout:
    """Lay a case review (and other records) out in lanes, in days from the layout's start.

    The illness starts at the first diagnosis, metastasis, treatment line, radiotherapy or
    procedure; the drawing spends most of its width from there on.
    """
    today = today or date.today()
    placed: list[tuple[TimelineItem, date, date]] = []
    undated: list[str] = []
    cited: set[int] = set()
    for entry in case.entries:
        if entry.kind not in KIND_LANE or entry.status == "rejected":
            continue
        made = _entry_item(entry, today)
        if made is None:
            undated.append(entry.marked_summary)
            continue
        placed.append(made)
        cited.update(c.record_id for c in entry.citations)
        cited.update(
            entry.fields.get(k)
            for k in ("study_record_id", "report_record_id")
            if entry.fields.get(k)
        )
    for record in records or []:
        made = _record_item(record) if record.id not in cited else None
        if made is not None:
            placed.append(made)
    first = min((s for _, s, _ in placed), default=today)
    last = max(
        [e for _, _, e in placed] + ([today] if any(i.ongoing for i, _, _ in placed) else []),
        default=today,
    )
    pad = max(15, (last - first).days // 40)
    start, end = first - timedelta(days=pad), last + timedelta(days=pad)
    lanes = {key: TimelineLane(key, title) for key, title in LANES}
    for item, s, e in placed:
        item.start_day, item.end_day = (s - start).days, (e - start).days
        lanes[item.lane].items.append(item)
    for lane in lanes.values():
        lane.items.sort(key=lambda i: (i.start_day, -(i.end_day - i.start_day), i.label, i.key))
    illness = [s for i, s, _ in placed if i.entry_id is not None and i.kind in ILLNESS_KINDS]
    return TimelineLayout(
        start.isoformat(),
        end.isoformat(),
        today.isoformat(),
        (end - start).days,
        list(lanes.values()),
        undated,
        sum(1 for i, _, _ in placed if not i.confirmed),
        (min(illness) - start).days if illness else None,
    )


def timeline_for(
    conn: sqlite3.Connection,
    person: str | None = None,
    today: date | None = None,
    *,
    with_records: bool = True,
) -> TimelineLayout:
    """The timeline of a person's case review and dated records, read from the catalogue."""
    case = load_case(conn, person)
    dots: list[RecordDot] = []
    if with_records:
        where = "r.person_id IS NULL" if case.person_id is None else "r.person_id = ?"
        dots = [
            RecordDot(*row)
            for row in conn.execute(
                "SELECT r.id, r.title, coalesce(r.clinical_date_start, r.clinical_date), c.slug, "
                "c.name, r.clinical_date_end, r.date_precision FROM records r "
                f"JOIN categories c ON c.id = r.category_id WHERE {where} "
                "AND r.clinical_date IS NOT NULL ORDER BY r.clinical_date, r.id",
                [] if case.person_id is None else [case.person_id],
            )
        ]
    return build_timeline(case, dots, today)
