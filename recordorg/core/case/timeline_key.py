"""The timeline's words beside its marks: the numbered key, the legend, the list of events."""

from __future__ import annotations

from recordorg.core.case.timeline import LANES, TimelineLayout
from recordorg.core.case.timeline_labels import Placed
from recordorg.core.case.timeline_shapes import (
    KEY_COLUMN,
    KEY_LINE,
    LANE_COLOURS,
    EventLine,
    KeyLine,
    Palette,
    Scene,
    Shape,
    pale,
)
from recordorg.core.case.timeline_text import fit, text_width


def timeline_events(scene: Scene, iso: bool = False) -> list[EventLine]:
    """Every item the scene draws, in date order, with its key number where it has one;
    dates in words, or (iso) as ISO dates to their precision."""
    lanes = {key: title for key, title in LANES}
    found = []
    for unit in scene.labels:
        for n, item in enumerate(unit.items):
            number = unit.numbers[n] if unit.keyed else None
            found.append(
                (
                    item.start_day,
                    item.key,
                    EventLine(
                        number, item.dates(iso), lanes[item.lane], item.label, item.record_id
                    ),
                )
            )
    return [line for *_, line in sorted(found, key=lambda f: (f[0], f[1]))]


def number_items(lanes, placed: dict[str, list[Placed]]) -> list[KeyLine]:
    """Number the items that carry no full label, lane by lane, left to right."""
    lines: list[KeyLine] = []
    for lane in lanes:
        for unit in placed[lane.key]:
            if unit.keyed:
                for item in unit.items:
                    unit.numbers.append(len(lines) + 1)
                    lines.append(
                        KeyLine(len(lines) + 1, item.when, lane.title, item.label, item.record_id)
                    )
    return lines


def legend_lines(layout: TimelineLayout, numbered: bool) -> list[str]:
    lines = [
        "Solid: confirmed by a person.  Pale with a dashed border, marked (unconfirmed): "
        "suggested by recordorg from the records, NOT YET CONFIRMED.",
        "A bar ending in an arrow goes on today; a pale arrow means no end date is known. "
        "A pale band: a date known only to the month, quarter or year.",
    ]
    if numbered:
        lines.append(
            "Numbers (bold) stand for items spelled out in the key below, where there was "
            "no room for their words."
        )
    if layout.unconfirmed:
        lines.append(f"{layout.unconfirmed} item(s) on this timeline are unconfirmed.")
    if layout.undated:
        shown = "; ".join(layout.undated[:4]) + ("; …" if len(layout.undated) > 4 else "")
        lines.append(f"Not shown, no date: {shown}")
    return lines


def legend(y: float, lines: list[str], width: float, palette: Palette) -> list[Shape]:
    """The legend's swatches and lines, each wrapped to the drawing's width (16 px a row)."""
    blue = LANE_COLOURS["treatment"]
    shapes = [
        Shape("rect", 12, y - 10, w=28, h=10, fill=blue, stroke=blue),
        Shape("rect", 48, y - 10, w=28, h=10, fill=pale(blue), stroke=blue, dashed=True),
    ]
    row = 0
    for n, line in enumerate(lines):
        left = 84 if n == 0 else 12
        for part in wrap(line, width - left - 12, 10):
            shapes.append(Shape("text", left, y + 16 * row, text=part, size=10, fill=palette.muted))
            row += 1
    return shapes


def wrap(text: str, room: float, size: float) -> list[str]:
    """The text in lines no wider than room (a word longer than that has a line of its own)."""
    lines = [""]
    for word in text.split(" "):
        joined = f"{lines[-1]} {word}" if lines[-1] else word
        if lines[-1] and text_width(joined, size) > room:
            lines.append(word)
        else:
            lines[-1] = joined
    return lines


def key_shapes(
    lines: list[KeyLine], width: float, y: float, palette: Palette
) -> tuple[list[Shape], float]:
    """The key in columns: number, date, words; returns its shapes and the drawing's height."""
    shapes = [Shape("text", 12, y + 12, text="Key", size=12, bold=True)]
    columns = max(1, int((width - 24) // KEY_COLUMN))
    column_w = (width - 24) / columns
    per_column = -(-len(lines) // columns)
    top = y + 32
    for n, line in enumerate(lines):
        column, row = divmod(n, per_column)
        shapes.append(
            Shape(
                "text",
                12 + column * column_w,
                top + row * KEY_LINE,
                text=fit(line.text(), column_w - 12, 10),
                size=10,
                tooltip=f"{line.lane}: {line.label}",
                record_id=line.record_id,
            )
        )
    return shapes, top + per_column * KEY_LINE + 6
