"""The timeline's time axis in pixels: straight, or broken with the years before the illness
gathered in a narrow "before …" gutter; and its date labels, chosen so they never collide."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from recordorg.core.case.timeline import TimelineLayout
from recordorg.core.case.timeline_text import text_width
from recordorg.core.wording import short_date

GUTTER_SHARE, GUTTER_MIN, BREAK = 0.16, 84.0, 14.0
ILLNESS_SHARE = 0.6  # below this share of a straight axis, the years before go in a gutter
TICK_SIZE, TICK_GAP = 10.0, 10.0
STEPS = [("day", 1), ("day", 2), ("day", 7), ("day", 14), ("month", 1), ("month", 3)]
STEPS += [("month", 6), ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20)]
STEP_DAYS = {"day": 1, "month": 30.4, "year": 365.25}


@dataclass
class AxisLabel:
    """A label under (or over) the axis: its text centred at x unless anchored otherwise."""

    x: float
    text: str
    anchor: str = "middle"

    def span(self) -> tuple[float, float]:
        w = text_width(self.text, TICK_SIZE)
        left = {"start": self.x, "middle": self.x - w / 2, "end": self.x - w}[self.anchor]
        return left, left + w


@dataclass
class TimeAxis:
    """Days from the layout's start to pixels; days before `split` fill the gutter."""

    start: date
    days: int
    left: float
    width: float
    split: int | None = None
    gutter: float = 0.0
    first_day: int = 0  # the earliest item's day, whose year starts the gutter
    origin: int = 0  # the day at the axis's left end (after empty days before the illness)

    def x(self, day: float) -> float:
        if self.split is None:
            return self.left + (day - self.origin) * self.width / max(1, self.days - self.origin)
        if day < self.split:
            return self.left + max(0.0, day) * (self.gutter - BREAK) / max(1, self.split)
        main = self.width - self.gutter
        return self.left + self.gutter + (day - self.split) * main / max(1, self.days - self.split)

    @property
    def main_left(self) -> float:
        return self.left + self.gutter

    @property
    def right(self) -> float:
        return self.left + self.width + 20

    def gutter_label(self) -> str:
        if self.split is None:
            return ""
        first = self.start + timedelta(days=self.split)
        shown = (
            str(first.year)
            if (first.month, first.day) == (1, 1)
            else short_date(first.isoformat(), "month" if first.day == 1 else "day")
        )
        return f"before {shown}"

    def _gutter_labels(self) -> list[AxisLabel]:
        """ "before YEAR" at the gutter's end, and the first record's year at its start."""
        if self.split is None:
            return []
        before = AxisLabel(self.main_left - BREAK - 2, self.gutter_label(), "end")
        first = self.start + timedelta(days=self.first_day)
        since = AxisLabel(max(self.left, self.x(self.first_day)), str(first.year), "start")
        return [since, before] if _apart([since, before]) else [before]

    def labels(self) -> list[AxisLabel]:
        """Date labels at least two, none overlapping: the finest step that fits."""
        found = self._gutter_labels()
        gutter = bool(found)
        for unit, step in STEPS:
            span = (self.days - (self.split or self.origin)) / (STEP_DAYS[unit] * step)
            if span > self.width / 12:
                continue
            low = self.main_left + 2 if gutter else self.left  # not under the lane titles
            ticks = []
            for day, text in self._ticks(unit, step):
                shown = AxisLabel(self.x(day), text)
                if unit == "day" and (not ticks or text.startswith("1 Jan")):
                    shown.text += f" {(self.start + timedelta(days=day)).year}"
                if low <= shown.span()[0] and shown.span()[1] <= self.right:
                    ticks.append(shown)
            if len(ticks) >= 2 and _apart(found + ticks):
                return found + ticks
        end = self.start + timedelta(days=self.days)
        first = self.start + timedelta(days=self.split or self.origin)
        return found + [
            AxisLabel(self.main_left, short_date(first.isoformat()), "start"),
            AxisLabel(self.left + self.width, short_date(end.isoformat()), "end"),
        ]

    def _ticks(self, unit: str, step: int) -> list[tuple[int, str]]:
        first = self.start + timedelta(days=self.split or self.origin)
        last = self.start + timedelta(days=self.days)
        found = []
        if unit == "day":
            day = first
            while day <= last:  # labels() adds the year to the first shown and to 1 January
                found.append((day, f"{day.day} {day:%b}"))
                day += timedelta(days=step)
        else:
            months = step * (12 if unit == "year" else 1)
            year, month = first.year, 1
            while date(year, month, 1) <= last:
                day = date(year, month, 1)
                index = year * 12 + month - 1
                if day >= first and index % months == 0:
                    found.append((day, str(year) if unit == "year" else f"{day:%b} {year}"))
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return [((day - self.start).days, text) for day, text in found]


def _apart(labels: list[AxisLabel]) -> bool:
    spans = sorted(label.span() for label in labels)
    return all(b[0] - a[1] >= TICK_GAP for a, b in zip(spans, spans[1:], strict=False))


def make_axis(layout: TimelineLayout, left: float, width: float) -> TimeAxis:
    """A straight axis, or a broken one when the illness would get under ILLNESS_SHARE of it."""
    start = date.fromisoformat(layout.start)
    axis = TimeAxis(start, layout.days, left, width)
    illness = layout.illness_start
    if illness is None or width < 300 or layout.days - illness >= ILLNESS_SHARE * layout.days:
        return axis
    illness_days = layout.days - illness
    pad = max(2, illness_days // 20)
    begun = start + timedelta(days=illness)
    split = illness - pad
    for snapped in (date(begun.year, 1, 1), date(begun.year, begun.month, 1)):
        day = (snapped - start).days
        if 0 < day <= split and illness_days / (layout.days - day) >= 0.8:
            split = day
            break
    if all(item.start_day >= split for item in layout.items()):
        axis.origin = max(0, split)  # nothing from before the illness: no empty days either
        return axis
    if split <= 0:
        return axis
    axis.split = split
    axis.first_day = min((item.start_day for item in layout.items()), default=0)
    room = text_width(axis.gutter_label(), TICK_SIZE) + BREAK + 8
    axis.gutter = max(GUTTER_MIN, GUTTER_SHARE * width, room)
    return axis
