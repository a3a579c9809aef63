"""The treatment-history timeline laid out in lanes and rows, as plain data for any renderer.

``build_timeline(case, records, today)`` places every dated, non-rejected entry of a case
review (and, as dots, the person's other dated records) on a time axis: one lane per kind of
fact, items that overlap in time packed into sub-rows, ongoing treatment lines open-ended to
today, one-day events as points. Positions are whole days from ``layout.start``; the GUI and
the SVG/PNG/PDF renderers turn days into pixels.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from recordorg.core.case.review import CaseEntry, CaseReview, load_case

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


@dataclass
class RecordDot:
    """A dated record shown as a dot in the "Other records" lane."""

    id: int
    title: str
    clinical_date: str
    category: str  # slug
    category_name: str = ""


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
    row: int = 0


@dataclass
class TimelineLane:
    key: str
    title: str
    rows: int = 1
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

    def items(self) -> list[TimelineItem]:
        return [item for lane in self.lanes for item in lane.items]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _entry_item(entry: CaseEntry, today: date) -> tuple[TimelineItem, date, date] | None:
    start = _day(entry.start)
    if start is None:
        return None
    end = _day(entry.end)
    ongoing = bool(entry.fields.get("ongoing"))
    bar = entry.kind == "treatment_line" or (entry.kind in BAR_KINDS and end and end > start)
    end_known = end is not None or ongoing or not bar
    if bar:
        end = max(start, today) if (ongoing or end is None) else max(start, end)
    else:
        end = start
    source = entry.citations[0] if entry.citations else None
    record_id = (
        source.record_id
        if source
        else (entry.fields.get("report_record_id") or entry.fields.get("study_record_id"))
    )
    label = entry.summary if entry.confirmed else f"{entry.summary} (unconfirmed)"
    when = start.isoformat()
    if bar:
        until = "ongoing" if ongoing else (end.isoformat() if end_known else "end not known")
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
    )
    return item, start, end


def build_timeline(
    case: CaseReview,
    records: list[RecordDot] | None = None,
    today: date | None = None,
    *,
    max_rows: int = 6,
    plot_width: float = 1000,
) -> TimelineLayout:
    """Lay a case review (and other records, as dots) out in lanes and packed rows.

    Overlapping items share a lane in sub-rows (at most max_rows; past that they overlap in
    the least busy row). A point keeps room for its label as drawn across plot_width pixels
    (a dot in the records lane, which has no labels, keeps 8 pixels).
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
        day = _day(record.clinical_date)
        if day is None or record.id in cited:
            continue
        item = TimelineItem(
            f"record:{record.id}",
            "records",
            "point",
            day.isoformat(),
            day.isoformat(),
            0,
            0,
            record.title,
            f"{record.title}\n{record.category_name or record.category}\n{day.isoformat()}",
            record.category,
            record_id=record.id,
        )
        placed.append((item, day, day))
    first = min((s for _, s, _ in placed), default=today)
    last = max(
        [e for _, _, e in placed] + ([today] if any(i.ongoing for i, _, _ in placed) else []),
        default=today,
    )
    pad = max(15, (last - first).days // 40)
    start, end = first - timedelta(days=pad), last + timedelta(days=pad)
    span = (end - start).days
    days_per_px = span / max(1.0, plot_width)
    lanes = {key: TimelineLane(key, title) for key, title in LANES}
    for item, s, e in placed:
        item.start_day, item.end_day = (s - start).days, (e - start).days
        lanes[item.lane].items.append(item)
    for lane in lanes.values():
        _pack(lane, days_per_px, max_rows)
    return TimelineLayout(
        start.isoformat(),
        end.isoformat(),
        today.isoformat(),
        span,
        list(lanes.values()),
        undated,
        sum(1 for i, _, _ in placed if not i.confirmed),
    )


def _pack(lane: TimelineLane, days_per_px: float, max_rows: int) -> None:
    """Give each item the first row free at its start; a point keeps room for its label."""
    lane.items.sort(key=lambda i: (i.start_day, -(i.end_day - i.start_day), i.label, i.key))
    row_ends: list[float] = []
    for item in lane.items:
        label_px = 8 if lane.key == "records" else 16 + len(item.label) * 5.6
        end = item.end_day if item.shape == "bar" else item.start_day + label_px * days_per_px
        free = [r for r, last in enumerate(row_ends) if last < item.start_day]
        if free:
            item.row = free[0]
        elif len(row_ends) < max_rows:
            item.row = len(row_ends)
            row_ends.append(-1)
        else:
            item.row = min(range(len(row_ends)), key=lambda r: row_ends[r])
        row_ends[item.row] = max(row_ends[item.row], end)
    lane.rows = max(1, len(row_ends))


def ticks(layout: TimelineLayout, most: int = 12) -> list[tuple[int, str]]:
    """Axis ticks as (day, label): years, quarters or months, whichever gives <= most."""
    start, end = date.fromisoformat(layout.start), date.fromisoformat(layout.end)
    for months in (1, 3, 6, 12, 24, 60):
        found = []
        year, month = start.year, 1
        while date(year, month, 1) <= end:
            day = date(year, month, 1)
            if day >= start and (month - 1) % months == 0:
                found.append(
                    (
                        (day - start).days,
                        str(year) if month == 1 or months >= 12 else day.strftime("%b %Y"),
                    )
                )
            month += 1
            if month > 12:
                year, month = year + 1, 1
        if len(found) <= most:
            return found
    return []


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
                "SELECT r.id, r.title, r.clinical_date, c.slug, c.name FROM records r "
                f"JOIN categories c ON c.id = r.category_id WHERE {where} "
                "AND r.clinical_date IS NOT NULL ORDER BY r.clinical_date, r.id",
                [] if case.person_id is None else [case.person_id],
            )
        ]
    return build_timeline(case, dots, today)
