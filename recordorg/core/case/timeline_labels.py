"""Rows and labels of one lane in pixels: every item labelled in full where there is room,
else by a number (or a run of numbers) that the key below the timeline spells out.

Items are taken left to right; each goes in the first row where its mark and label fit
after what that row already holds. An item whose full label fits in no row tries its
number; one that fits nowhere joins the item placed just before it, whose label becomes the
run of their numbers ("12–19"). So labels never overlap and the rows never pass max_rows.
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
    items: list[TimelineItem], x: Callable[[float], float], max_rows: int, digits: int
) -> list[Placed]:
    """Rows and labels for a lane's items (sorted by start), as described above."""
    number_w = text_width("8" * digits, LABEL_SIZE, True)  # numbers are bold
    run_w = text_width("8" * digits + "–" + "8" * digits, LABEL_SIZE, True)
    row_ends: list[float] = []
    placed: list[Placed] = []
    for item in items:
        left, right = mark_span(item, x)
        fitted = None
        for text, width in ((item.label, text_width(item.label, LABEL_SIZE)), ("", number_w)):
            fitted = _fit(item, left, right, text, width, row_ends, max_rows)
            if fitted:
                break
        if fitted is None:
            _join(placed[-1], item, left, right, run_w, row_ends)
            continue
        placed.append(fitted)
        while len(row_ends) <= fitted.row:
            row_ends.append(float("-inf"))
        row_ends[fitted.row] = fitted.extent[1]
    return placed


def _fit(
    item: TimelineItem,
    left: float,
    right: float,
    text: str,
    width: float,
    row_ends: list[float],
    max_rows: int,
) -> Placed | None:
    inside = item.shape == "bar" and width + 8 <= x_room(left, right, item)
    box = (left + 4, left + 4 + width) if inside else (right + GAP, right + GAP + width)
    extent = (min(left, box[0]), max(right, box[1]))
    for row in range(max_rows):
        end = row_ends[row] if row < len(row_ends) else float("-inf")
        if end + GAP <= extent[0]:
            return Placed([item], row, text, box[0], box[1], inside, extent)
    return None


def x_room(left: float, right: float, item: TimelineItem) -> float:
    """The room inside a bar for its label (a dot has none)."""
    arrow = ARROW if item.ongoing or not item.end_known else 0
    return right - arrow - left if item.shape == "bar" else 0.0


def _join(
    last: Placed, item: TimelineItem, left: float, right: float, run_w: float, ends: list[float]
) -> None:
    """Crowded out: the item shares the label of the one placed before it, as a run."""
    last.items.append(item)
    marks = max(right, last.extent[1] if last.inside else last.left - GAP)
    last.text, last.inside = "", False
    last.left, last.right = marks + GAP, marks + GAP + run_w
    last.extent = (min(last.extent[0], left), last.right)
    ends[last.row] = last.extent[1]
