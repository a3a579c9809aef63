"""The timeline as a drawing: rectangles, lines, circles and text in pixels, for any writer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from recordorg.core.case.timeline import TimelineItem, TimelineLayout, ticks

LANE_COLOURS = {
    "diagnosis": "#7b3294",
    "treatment": "#1f6fb4",
    "local": "#d95f02",
    "imaging": "#1b9e77",
    "pathology": "#c0392b",
    "events": "#8c6d31",
    "records": "#8a8a8a",
}
INK, GRID, BAND, PALE = "#222222", "#dddddd", "#f4f4f4", "#ffffff"
LEFT, RIGHT, TOP, ROW, LANE_PAD, BAR = 180, 24, 64, 22, 6, 14
FONT = 11


@dataclass
class Shape:
    """One drawing primitive. rect: x, y, w, h; line: x, y to x2, y2; circle: centre x, y and
    radius r; text: baseline start at x, y (anchor "start", "middle" or "end"); polygon: points.
    """

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


@dataclass
class Scene:
    width: float
    height: float
    shapes: list[Shape]


def text_width(text: str, size: float = FONT, bold: bool = False) -> float:
    """An estimate of a text's width in pixels (DejaVu/Helvetica-like proportions)."""
    return len(text) * size * (0.6 if bold else 0.56)


def fit(text: str, room: float, size: float = FONT) -> str:
    """The text cut (with an ellipsis) to fit in `room` pixels, or "" when nothing fits."""
    if text_width(text, size) <= room:
        return text
    chars = int(room / (size * 0.56)) - 1
    return text[:chars].rstrip() + "…" if chars >= 4 else ""


def pale(colour: str, amount: float = 0.78) -> str:
    """The colour mixed with white, for entries nobody has confirmed."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def draw_timeline(layout: TimelineLayout, width: float = 1200, title: str = "") -> Scene:
    """The timeline as shapes in a width-pixel-wide picture (height follows the lanes)."""
    shapes: list[Shape] = []
    plot = width - LEFT - RIGHT
    scale = plot / max(1, layout.days)

    def x_of(day: float) -> float:
        return LEFT + day * scale

    lanes = [lane for lane in layout.lanes if lane.items]
    body = sum(lane.rows * ROW + 2 * LANE_PAD for lane in lanes) or ROW
    notes = _legend_lines(layout)
    height = TOP + body + 30 + 18 * len(notes) + 40
    shapes.append(
        Shape("text", 12, 24, text=title or "Treatment history", size=16, bold=True, fill=INK)
    )
    for day, label in ticks(layout):
        shapes.append(Shape("line", x_of(day), TOP - 6, x2=x_of(day), y2=TOP + body, stroke=GRID))
        shapes.append(
            Shape("text", x_of(day), TOP - 12, text=label, size=10, fill=INK, anchor="middle")
        )
    y = TOP
    for index, lane in enumerate(lanes):
        lane_h = lane.rows * ROW + 2 * LANE_PAD
        if index % 2 == 0:
            shapes.append(Shape("rect", 0, y, w=width, h=lane_h, fill=BAND))
        shapes.append(
            Shape(
                "text",
                12,
                y + LANE_PAD + ROW / 2 + 4,
                text=fit(lane.title, LEFT - 20),
                size=FONT,
                bold=True,
                fill=LANE_COLOURS[lane.key],
            )
        )
        rows: dict[int, list[TimelineItem]] = {}
        for item in lane.items:
            rows.setdefault(item.row, []).append(item)
        for row, items in rows.items():
            items.sort(key=lambda i: i.start_day)
            centre = y + LANE_PAD + row * ROW + ROW / 2
            for n, item in enumerate(items):
                following = items[n + 1].start_day if n + 1 < len(items) else layout.days
                room = x_of(following) - x_of(item.end_day) - 12
                shapes += _item_shapes(item, x_of, centre, room, lane.key)
        y += lane_h
    today = (date.fromisoformat(layout.today) - date.fromisoformat(layout.start)).days
    if 0 <= today <= layout.days:
        shapes.append(
            Shape(
                "line",
                x_of(today),
                TOP - 4,
                x2=x_of(today),
                y2=TOP + body,
                stroke="#b00020",
                dashed=True,
            )
        )
        shapes.append(
            Shape(
                "text",
                x_of(today),
                TOP + body + 14,
                text="today",
                size=10,
                fill="#b00020",
                anchor="middle",
            )
        )
    shapes += _legend(y + 30, notes)
    return Scene(width, height, shapes)


def _item_shapes(item: TimelineItem, x_of, centre: float, room: float, lane: str) -> list[Shape]:
    colour = LANE_COLOURS[lane]
    fill = colour if item.confirmed else pale(colour)
    ink = PALE if item.confirmed else INK
    common = {"tooltip": item.detail, "record_id": item.record_id}
    if item.shape == "point":
        radius = 3.5 if lane == "records" else 5
        shapes = [
            Shape(
                "circle",
                x_of(item.start_day),
                centre,
                r=radius,
                fill=fill,
                stroke=colour,
                dashed=not item.confirmed,
                width=1.5,
                **common,
            )
        ]
        label = fit(item.label, room, 10) if lane != "records" else ""
        if label:
            shapes.append(
                Shape("text", x_of(item.start_day) + 8, centre + 4, text=label, size=10, fill=INK)
            )
        return shapes
    left, right = x_of(item.start_day), max(x_of(item.end_day), x_of(item.start_day) + 3)
    shapes = [
        Shape(
            "rect",
            left,
            centre - BAR / 2,
            w=right - left,
            h=BAR,
            fill=fill,
            stroke=colour,
            dashed=not item.confirmed,
            width=1.5,
            **common,
        )
    ]
    if item.ongoing or not item.end_known:
        shapes.append(
            Shape(
                "polygon",
                points=[
                    (right, centre - BAR / 2 - 2),
                    (right + 9, centre),
                    (right, centre + BAR / 2 + 2),
                ],
                fill=colour if item.ongoing else pale(colour, 0.5),
                **common,
            )
        )
    inside = fit(item.label, right - left - 8, 10)
    if inside:
        shapes.append(Shape("text", left + 4, centre + 4, text=inside, size=10, fill=ink))
    else:
        outside = fit(item.label, room, 10)
        if outside:
            shapes.append(Shape("text", right + 12, centre + 4, text=outside, size=10, fill=INK))
    return shapes


def _legend_lines(layout: TimelineLayout) -> list[str]:
    lines = [
        "Solid: confirmed by a person.  Pale with a dashed border, marked (unconfirmed): "
        "suggested by recordorg from the records, NOT YET CONFIRMED.",
        "A bar ending in an arrow goes on today; a pale arrow means no end date is known.",
    ]
    if layout.unconfirmed:
        lines.append(f"{layout.unconfirmed} item(s) on this timeline are unconfirmed.")
    if layout.undated:
        shown = "; ".join(layout.undated[:4]) + ("; …" if len(layout.undated) > 4 else "")
        lines.append(f"Not shown, no date: {shown}")
    return lines


def _legend(y: float, lines: list[str]) -> list[Shape]:
    shapes = [
        Shape(
            "rect",
            12,
            y - 10,
            w=28,
            h=10,
            fill=LANE_COLOURS["treatment"],
            stroke=LANE_COLOURS["treatment"],
        ),
        Shape(
            "rect",
            48,
            y - 10,
            w=28,
            h=10,
            fill=pale(LANE_COLOURS["treatment"]),
            stroke=LANE_COLOURS["treatment"],
            dashed=True,
        ),
    ]
    for n, line in enumerate(lines):
        shapes.append(Shape("text", 84 if n == 0 else 12, y + 18 * n, text=line, size=10, fill=INK))
    return shapes
