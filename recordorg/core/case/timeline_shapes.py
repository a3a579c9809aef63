"""The timeline's drawing primitives: shapes in pixels, colours, the scene and its key lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from recordorg.core.case.timeline_axis import AxisLabel, TimeAxis
from recordorg.core.case.timeline_labels import Placed
from recordorg.core.case.timeline_text import text_width

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
    A pinned shape stays put when the window pans sideways (lane titles, the legend and key)."""

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
class EventLine:
    """One item of the timeline in words, for a list beside the picture (screen readers)."""

    number: int | None  # its number in the key, when the picture shows a number for it
    when: str
    lane: str
    label: str
    record_id: int | None = None


@dataclass
class Scene:
    width: float
    height: float
    shapes: list[Shape]
    key: list[KeyLine] = field(default_factory=list)
    labels: list[Placed] = field(default_factory=list)
    axis: list[AxisLabel] = field(default_factory=list)
    scale: TimeAxis | None = None
    words: tuple[float, float] = (0, 0)  # where the legend and key start, and their width


def pale(colour: str, amount: float = 0.78) -> str:
    """The colour mixed with white, for entries nobody has confirmed."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)
