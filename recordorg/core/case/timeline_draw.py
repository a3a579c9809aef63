"""The timeline as a drawing: rectangles, lines, circles and text in pixels, for any writer.

One set of drawing rules for the window (QPainter), PNG, SVG and PDF: ``draw_timeline``
places the axis (``timeline_axis``), the rows and labels of each lane (``timeline_labels``)
and the key of numbered items, and returns shapes in a ``Scene``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from recordorg.core.case.timeline import LANES, TimelineItem, TimelineLayout
from recordorg.core.case.timeline_axis import BREAK, TICK_SIZE, AxisLabel, TimeAxis, make_axis
from recordorg.core.case.timeline_labels import LABEL_SIZE, Placed, mark_span, place_lane
from recordorg.core.case.timeline_text import fit, text_width

LANE_COLOURS = {
    "diagnosis": "#7b3294",
    "treatment": "#1f6fb4",
    "local": "#d95f02",
    "imaging": "#1b9e77",
    "pathology": "#c0392b",
    "events": "#8c6d31",
    "records": "#8a8a8a",
}
LEFT, RIGHT, TOP, ROW, LANE_PAD, BAR = 196, 24, 64, 22, 6, 14
FONT, KEY_LINE, KEY_COLUMN = 11, 15, 560
MAX_ROWS = {"records": 4}


@dataclass(frozen=True)
class Palette:
    """The colours a drawing uses besides the lanes': light for paper, dark for a dark window."""

    paper: str = "#ffffff"
    ink: str = "#222222"
    muted: str = "#5a6478"
    grid: str = "#dddddd"
    band: str = "#f4f4f4"
    today: str = "#b00020"
    on_bar: str = "#ffffff"
    title_mix: float = 0.0  # lane titles mixed with white by this much (dark backgrounds)


LIGHT = Palette()
DARK = Palette("#1f2126", "#e8e8e8", "#a9b1c2", "#41454d", "#282b31", "#ff6b81", "#ffffff", 0.45)


@dataclass
class Shape:
    """One drawing primitive. rect: x, y, w, h; line: x, y to x2, y2; circle: centre x, y and
    radius r; text: baseline start at x, y (anchor "start", "middle" or "end"); polygon: points.
    A pinned shape stays put when the window pans sideways (lane titles)."""

    kind: str
    x: float = 0
    y: float = 0
    w: float = 0
    h: float = 0
    x2: float = 0
    y2: float = 0
    r: float = 0
    points: list[tuple[float, float]] = field(default_factory=list)
    fill: str | None = None
    stroke: str | None = None
    width: float = 1
    dashed: bool = False
    text: str = ""
    size: float = FONT
    bold: bool = False
    anchor: str = "start"
    tooltip: str = ""
    record_id: int | None = None  # the source a click (or link) opens
    page: int | None = None
    item: str = ""  # the timeline item's key ("entry:12"), for marks and labels
    pinned: bool = False

    def box(self) -> tuple[float, float, float, float]:
        """A text's box (left, top, right, bottom) as drawn, from the font's widths."""
        w = text_width(self.text, self.size, self.bold)
        left = {"start": self.x, "middle": self.x - w / 2, "end": self.x - w}[self.anchor]
        return left, self.y - 0.8 * self.size, left + w, self.y + 0.25 * self.size


@dataclass
class KeyLine:
    """One numbered item, spelled out below the timeline."""

    number: int
    when: str
    lane: str
    label: str
    record_id: int | None = None

    def text(self) -> str:
        return f"{self.number}  {self.when}  {self.label}"


@dataclass
class Scene:
    width: float
    height: float
    shapes: list[Shape]
    key: list[KeyLine] = field(default_factory=list)
    labels: list[Placed] = field(default_factory=list)
    axis: list[AxisLabel] = field(default_factory=list)
    scale: TimeAxis | None = None


@dataclass
class EventLine:
    """One item of the timeline in words, for a list beside the picture (screen readers)."""

    number: int | None  # its number in the key, when the picture shows a number for it
    when: str
    lane: str
    label: str
    record_id: int | None = None


def timeline_events(scene: Scene) -> list[EventLine]:
    """Every item the scene draws, in date order, with its key number where it has one."""
    lanes = {key: title for key, title in LANES}
    found = []
    for unit in scene.labels:
        for n, item in enumerate(unit.items):
            number = unit.numbers[n] if unit.keyed else None
            found.append(
                (
                    item.start_day,
                    item.key,
                    EventLine(number, item.when, lanes[item.lane], item.label, item.record_id),
                )
            )
    return [line for *_, line in sorted(found, key=lambda f: (f[0], f[1]))]


def pale(colour: str, amount: float = 0.78) -> str:
    """The colour mixed with white, for entries nobody has confirmed."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def draw_timeline(
    layout: TimelineLayout,
    width: float = 1200,
    title: str = "",
    *,
    palette: Palette = LIGHT,
    key: bool = True,
    max_rows: int = 6,
) -> Scene:
    """The timeline as shapes in a width-pixel-wide picture (height follows the lanes and,
    with `key`, the key of numbered items drawn below them)."""
    axis = make_axis(layout, LEFT, width - LEFT - RIGHT)
    lanes = [lane for lane in layout.lanes if lane.items]
    digits = len(str(max(1, len(layout.items()))))
    placed = {
        lane.key: place_lane(lane.items, axis.x, MAX_ROWS.get(lane.key, max_rows), digits)
        for lane in lanes
    }
    key_lines = _number(lanes, placed)
    rows = {k: 1 + max(p.row for p in found) for k, found in placed.items()}
    body = sum(rows[lane.key] * ROW + 2 * LANE_PAD for lane in lanes) or ROW
    shapes = [
        Shape("rect", 0, 0, w=width, h=TOP + body, fill=palette.paper),
        Shape("text", 12, 24, text=title or "Treatment history", size=16, bold=True),
    ]
    labels = axis.labels()
    shapes += _axis_shapes(axis, labels, body, palette)
    y = TOP
    for index, lane in enumerate(lanes):
        lane_h = rows[lane.key] * ROW + 2 * LANE_PAD
        band = palette.band if index % 2 == 0 else palette.paper
        shapes.insert(1, Shape("rect", 0, y, w=width, h=lane_h, fill=band))
        shapes.append(Shape("rect", 0, y, w=LEFT - 4, h=lane_h, fill=band, pinned=True))
        shapes.append(
            Shape(
                "text",
                12,
                y + LANE_PAD + ROW / 2 + 4,
                text=fit(lane.title, LEFT - 20, FONT, True),
                bold=True,
                fill=pale(LANE_COLOURS[lane.key], palette.title_mix),
                pinned=True,
            )
        )
        for unit in placed[lane.key]:
            centre = y + LANE_PAD + unit.row * ROW + ROW / 2
            shapes += _unit_shapes(unit, axis, centre, lane.key, palette)
        y += lane_h
    shapes += _today(layout, axis, body, palette)
    notes = _legend_lines(layout, bool(key_lines))
    shapes += _legend(y + 30, notes, palette)
    height = y + 30 + 16 * len(notes) + 10
    if key and key_lines:
        key_shapes, height = _key(key_lines, width, height + 10, palette)
        shapes += key_shapes
    shapes[0].h = height
    for shape in shapes:
        if shape.kind == "text" and shape.fill is None:
            shape.fill = palette.ink
    return Scene(
        width, height, shapes, key_lines, [p for v in placed.values() for p in v], labels, axis
    )


def _number(lanes, placed: dict[str, list[Placed]]) -> list[KeyLine]:
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


def _axis_shapes(axis: TimeAxis, labels: list[AxisLabel], body: float, palette: Palette):
    shapes = []
    for label in labels:
        shapes.append(
            Shape("text", label.x, TOP - 12, text=label.text, size=TICK_SIZE, anchor=label.anchor)
        )
    for label in labels:
        if label.anchor == "middle" and label.x > axis.main_left:
            shapes.append(
                Shape("line", label.x, TOP - 6, x2=label.x, y2=TOP + body, stroke=palette.grid)
            )
    if axis.split is not None:
        gap = axis.main_left - BREAK / 2
        shapes.append(
            Shape("line", gap, TOP - 6, x2=gap, y2=TOP + body, stroke=palette.muted, dashed=True)
        )
        for dx in (-3, 3):
            shapes.append(
                Shape(
                    "line",
                    gap + dx - 3,
                    TOP - 1,
                    x2=gap + dx + 3,
                    y2=TOP - 9,
                    stroke=palette.muted,
                    width=1.5,
                )
            )
    return shapes


def _unit_shapes(unit: Placed, axis: TimeAxis, centre: float, lane: str, palette: Palette):
    shapes: list[Shape] = []
    for item in unit.items:
        shapes += _mark_shapes(item, axis, centre, lane, palette)
    first = unit.items[0]
    inside_ink = palette.on_bar if first.confirmed else "#222222"
    shapes.append(
        Shape(
            "text",
            unit.left,
            centre + 3.5,
            text=unit.shown(),
            size=LABEL_SIZE,
            fill=inside_ink if unit.inside else (palette.ink if unit.text else palette.muted),
            bold=unit.keyed,
            tooltip="\n\n".join(i.detail for i in unit.items[:12]),
            record_id=first.record_id,
            page=first.page,
            item=first.key,
        )
    )
    return shapes


def _mark_shapes(item: TimelineItem, axis: TimeAxis, centre: float, lane: str, palette: Palette):
    colour = LANE_COLOURS[lane]
    fill = colour if item.confirmed else pale(colour)
    common = {
        "tooltip": item.detail,
        "record_id": item.record_id,
        "page": item.page,
        "item": item.key,
    }
    left, right = mark_span(item, axis.x)
    if item.shape == "point":
        shapes = []
        if item.precision != "day":
            shapes.append(
                Shape(
                    "rect",
                    left,
                    centre - BAR / 2 + 2,
                    w=right - left,
                    h=BAR - 4,
                    fill=pale(colour, 0.6),
                    **common,
                )
            )
        mid = axis.x((item.start_day + item.end_day) / 2)
        radius = 3.5 if lane == "records" else 5
        shapes.append(
            Shape(
                "circle",
                mid,
                centre,
                r=radius,
                fill=fill,
                stroke=colour,
                dashed=not item.confirmed,
                width=1.5,
                **common,
            )
        )
        return shapes
    arrow = item.ongoing or not item.end_known
    end = right - (9 if arrow else 0)
    bar_fill = fill if item.precision == "day" or not item.confirmed else pale(colour, 0.4)
    shapes = [
        Shape(
            "rect",
            left,
            centre - BAR / 2,
            w=end - left,
            h=BAR,
            fill=bar_fill,
            stroke=colour,
            dashed=not item.confirmed,
            width=1.5,
            **common,
        )
    ]
    if arrow:
        points = [(end, centre - BAR / 2 - 2), (end + 9, centre), (end, centre + BAR / 2 + 2)]
        tip = colour if item.ongoing else pale(colour, 0.5)
        shapes.append(Shape("polygon", points=points, fill=tip, **common))
    return shapes


def _today(layout: TimelineLayout, axis: TimeAxis, body: float, palette: Palette):
    from datetime import date

    today = (date.fromisoformat(layout.today) - date.fromisoformat(layout.start)).days
    if not 0 <= today <= layout.days:
        return []
    x = axis.x(today)
    return [
        Shape("line", x, TOP - 4, x2=x, y2=TOP + body, stroke=palette.today, dashed=True),
        Shape(
            "text", x, TOP + body + 14, text="today", size=10, fill=palette.today, anchor="middle"
        ),
    ]


def _legend_lines(layout: TimelineLayout, numbered: bool) -> list[str]:
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


def _legend(y: float, lines: list[str], palette: Palette) -> list[Shape]:
    blue = LANE_COLOURS["treatment"]
    shapes = [
        Shape("rect", 12, y - 10, w=28, h=10, fill=blue, stroke=blue),
        Shape("rect", 48, y - 10, w=28, h=10, fill=pale(blue), stroke=blue, dashed=True),
    ]
    for n, line in enumerate(lines):
        shapes.append(
            Shape("text", 84 if n == 0 else 12, y + 16 * n, text=line, size=10, fill=palette.muted)
        )
    return shapes


def _key(
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
