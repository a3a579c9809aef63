"""The timeline as a drawing: rectangles, lines, circles and text in pixels, for any writer.

One set of drawing rules for the window (QPainter), PNG, SVG and PDF: ``draw_timeline``
places the axis (``timeline_axis``), the rows and labels of each lane (``timeline_labels``)
and the key of numbered items, and returns shapes in a ``Scene``.
"""

from __future__ import annotations

from recordorg.core.case.timeline import TimelineItem, TimelineLayout
from recordorg.core.case.timeline_axis import BREAK, TICK_SIZE, AxisLabel, TimeAxis, make_axis
from recordorg.core.case.timeline_key import key_shapes, legend, legend_lines, number_items
from recordorg.core.case.timeline_labels import LABEL_SIZE, Placed, mark_span, place_lane
from recordorg.core.case.timeline_shapes import (
    BAR,
    FONT,
    LANE_COLOURS,
    LANE_PAD,
    LEFT,
    LIGHT,
    RIGHT,
    ROW,
    TOP,
    Palette,
    Scene,
    Shape,
    pale,
)
from recordorg.core.case.timeline_text import fit

MAX_ROWS = {"records": 4}


def draw_timeline(
    layout: TimelineLayout,
    width: float = 1200,
    title: str = "",
    *,
    palette: Palette = LIGHT,
    key: bool = True,
    max_rows: int = 6,
    words_width: float | None = None,
) -> Scene:
    """The timeline as shapes in a width-pixel-wide picture (height follows the lanes and,
    with `key`, the key of numbered items drawn below them). The legend and key are wrapped
    to `words_width` (the drawing's width unless given: a window shows them whole across
    the part of a wider drawing it shows) and pinned, so a window need not pan them."""
    axis = make_axis(layout, LEFT, width - LEFT - RIGHT)
    lanes = [lane for lane in layout.lanes if lane.items]
    digits = len(str(max(1, len(layout.items()))))
    placed = {
        lane.key: place_lane(
            lane.items, axis.x, MAX_ROWS.get(lane.key, max_rows), digits, (width - 4, LEFT)
        )
        for lane in lanes
    }
    key_lines = number_items(lanes, placed)
    rows = {k: 1 + max(p.row for p in found) for k, found in placed.items()}
    body = sum(rows[lane.key] * ROW + 2 * LANE_PAD for lane in lanes) or ROW
    shapes = [
        Shape("rect", 0, 0, w=width, h=TOP + body, fill=palette.paper),
        Shape("text", 12, 24, text=title or "Treatment history", size=16, bold=True),
    ]
    labels = axis.labels()
    shapes += _axis_shapes(axis, labels, body, palette)
    shapes.append(Shape("rect", 0, TOP - 26, w=LEFT, h=26, fill=palette.paper, pinned=True))
    shapes += _today(layout, axis, body, palette)  # under the labels, which keep it clear
    y = TOP
    for index, lane in enumerate(lanes):
        lane_h = rows[lane.key] * ROW + 2 * LANE_PAD
        band = palette.band if index % 2 == 0 else palette.paper
        shapes.insert(1, Shape("rect", 0, y, w=width, h=lane_h, fill=band))
        shapes.append(Shape("rect", 0, y, w=LEFT, h=lane_h, fill=band, pinned=True))
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
            shapes += _unit_shapes(unit, axis, centre, lane.key, palette, band)
        y += lane_h
    words = min(width, words_width or width)
    drawn = legend(y + 30, legend_lines(layout, bool(key_lines)), words, palette)
    height = max(s.y for s in drawn) + 20
    if key and key_lines:
        keyed, height = key_shapes(key_lines, words, height + 10, palette)
        drawn += keyed
    for shape in drawn:
        shape.pinned = True
    shapes += drawn
    shapes[0].h = height
    for shape in shapes:
        if shape.kind == "text" and shape.fill is None:
            shape.fill = palette.ink
    labelled = [p for v in placed.values() for p in v]
    return Scene(width, height, shapes, key_lines, labelled, labels, axis, (y, words))


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


def _unit_shapes(
    unit: Placed, axis: TimeAxis, centre: float, lane: str, palette: Palette, band: str
):
    shapes: list[Shape] = []
    for item in unit.items:
        shapes += _mark_shapes(item, axis, centre, lane, palette)
    first = unit.items[0]
    if not unit.inside:  # grid lines and today's line stop short of the words
        w = unit.right - unit.left
        shapes.append(Shape("rect", unit.left - 2, centre - 6.5, w=w + 4, h=13, fill=band))
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
    if not axis.origin <= today <= layout.days:
        return []
    x = axis.x(today)
    return [
        Shape("line", x, TOP - 4, x2=x, y2=TOP + body, stroke=palette.today, dashed=True),
        Shape(
            "text", x, TOP + body + 14, text="today", size=10, fill=palette.today, anchor="middle"
        ),
    ]
