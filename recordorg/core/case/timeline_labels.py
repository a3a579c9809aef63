"""Rows and labels of one lane in pixels: every item labelled in full where there is room,
else by a number (or a run of numbers) that the key below the timeline spells out.

Items are taken left to right; each goes in the first row where its mark and label fit
after what that row already holds (a label that would pass the right edge goes before its
mark). An item whose full label fits in no row tries its number; one that fits nowhere joins
the last group of a row, whose label becomes the run of their numbers ("12–19"). So labels
never overlap, never pass the edges, and rows pass max_rows only when every row is full up
to the right edge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from recordorg.core.case.timeline import TimelineItem
from recordorg.core.case.timeline_text import text_width

LABEL_SIZE, GAP, DOT, ARROW = 10.0, 6.0, 5.0, 9.0
NUMBER_CHARS = "0123456789"


@dataclass
class Placed:
    """Items sharing one label (one item unless crowded) in one row of a lane."""

    items: list[TimelineItem]
    row: int
    text: str  # the full label; "" while a number stands for it
    left: float  # the label box, in pixels
    right: float
    inside: bool = False  # written inside a bar
    extent: tuple[float, float] = (0.0, 0.0)  # marks and label together
    numbers: list[int] = field(default_factory=list)
    after: float = float("-inf")  # where the row ended before these items
    marks: float = float("-inf")  # the right end of their marks

    @property
    def keyed(self) -> bool:
        return not self.text

    def shown(self) -> str:
        """What the label says: the full text, a number, or a run of numbers."""
        if self.text:
            return self.text
        first, last = self.numbers[0], self.numbers[-1]
        return str(first) if first == last else f"{first}–{last}"


def mark_span(item: TimelineItem, x: Callable[[float], float]) -> tuple[float, float]:
    """Where an item's mark is drawn: a dot's width, a bar (with its arrow), a fuzzy span."""
    left, right = x(item.start_day), x(item.end_day)
    if item.shape == "bar":
        right = max(right, left + 3) + (ARROW if item.ongoing or not item.end_known else 0)
        return left, right
    return min(left, x((item.start_day + item.end_day) / 2) - DOT), max(right, left + DOT)


def place_lane(
    items: list[TimelineItem],
    x: Callable[[float], float],
    max_rows: int,
    digits: int,
    limits: tuple[float, float] = (float("inf"), float("-inf")),
) -> list[Placed]:
    """Rows and labels for a lane's items (sorted by start), as described above; a label
    that would pass the right edge (limits: right edge, left edge) goes before its mark."""
    number_w = text_width("8" * digits, LABEL_SIZE, True)  # numbers are bold
    run_w = text_width("8" * digits + "–" + "8" * digits, LABEL_SIZE, True)
    row_ends: list[float] = []
    placed: list[Placed] = []
    latest: list[Placed] = []  # the last group of each row, the most recent last
    for item in items:
        left, right = mark_span(item, x)
        fitted = None
        for text, width in ((item.label, text_width(item.label, LABEL_SIZE)), ("", number_w)):
            fitted = _fit(item, (left, right), text, width, row_ends, max_rows, *limits)
            if fitted:
                break
        if fitted is None and _join(latest, item, (left, right), run_w, row_ends, limits[0]):
            continue
        if fitted is None:  # every row is full up to the right edge: one more row
            fitted = _fit(item, (left, right), "", number_w, row_ends, len(row_ends) + 1, *limits)
        placed.append(fitted)
        latest[:] = [unit for unit in latest if unit.row != fitted.row] + [fitted]
        while len(row_ends) <= fitted.row:
            row_ends.append(float("-inf"))
        row_ends[fitted.row] = fitted.extent[1]
    return placed


def _fit(
    item: TimelineItem,
    mark: tuple[float, float],
    text: str,
    width: float,
    row_ends: list[float],
    max_rows: int,
    edge: float,
    floor: float,
) -> Placed | None:
    left, right = mark
    inside = item.shape == "bar" and width + 8 <= x_room(left, right, item)
    box = (left + 4, left + 4 + width) if inside else (right + GAP, right + GAP + width)
    if box[1] > edge and not inside:  # before the mark, or else over its end
        before = left - GAP - width
        box = (before, left - GAP) if before >= floor else (edge - width, edge)
    extent = (min(left, box[0]), max(right, box[1]))
    for row in range(max_rows):
        end = row_ends[row] if row < len(row_ends) else float("-inf")
        if end + GAP <= extent[0]:
            return Placed([item], row, text, *box, inside, extent, after=end, marks=right)
    return None


def x_room(left: float, right: float, item: TimelineItem) -> float:
    """The room inside a bar for its label (a dot has none)."""
    arrow = ARROW if item.ongoing or not item.end_known else 0
    return right - arrow - left if item.shape == "bar" else 0.0


def _join(
    latest: list[Placed],
    item: TimelineItem,
    mark: tuple[float, float],
    run_w: float,
    ends: list[float],
    edge: float,
) -> bool:
    """Crowded out: the item shares the label of the last group of a row, as a run of
    numbers (the latest placed whose run still ends before the right edge)."""
    for unit in reversed(latest):
        marks = max(mark[1], unit.marks)
        start = marks + GAP
        if start + run_w > edge:  # at the right edge: as far left as the row allows
            start = max(edge - run_w, unit.after + GAP)
        if start + run_w <= edge + 0.5:
            unit.items.append(item)
            unit.text, unit.inside, unit.marks = "", False, marks
            unit.left, unit.right = start, start + run_w
            unit.extent = (min(unit.extent[0], mark[0], start), max(marks, unit.right))
            ends[unit.row] = unit.extent[1]
            latest.remove(unit)
            latest.append(unit)
            return True
    return False
