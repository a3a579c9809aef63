"""The window's timeline draws its words whole: in the font the layout measured them with,
and the legend under the lanes is not hidden behind the lane titles' column."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QFontInfo, QFontMetricsF

from recordorg.core.case import timeline_text
from recordorg.core.case.timeline_shapes import LEFT
from tests.gui.conftest import save_screenshot
from tests.gui.test_timeline_window import long_history, long_history_shown

NIMBUS = Path("/usr/share/fonts/opentype/urw-base35")


def _measure_with(monkeypatch, regular: Path, bold: Path) -> None:
    """Make the layout measure words with another font file than the usual one."""
    monkeypatch.setattr(timeline_text, "find_unicode_font", lambda: (str(regular), str(bold)))
    for cached in (timeline_text.font_path, timeline_text._font, timeline_text._advances):
        cached.cache_clear()


@pytest.fixture
def other_font(monkeypatch):
    regular, bold = NIMBUS / "NimbusSans-Regular.otf", NIMBUS / "NimbusSans-Bold.otf"
    if not (regular.is_file() and bold.is_file()):
        pytest.skip("needs a second sans-serif font file")
    _measure_with(monkeypatch, regular, bold)
    yield
    monkeypatch.undo()
    for cached in (timeline_text.font_path, timeline_text._font, timeline_text._advances):
        cached.cache_clear()


@pytest.mark.parametrize("bold", [False, True])
def test_words_are_drawn_in_the_font_they_were_measured_with(qapp, other_font, bold) -> None:
    from recordorg.gui.case.timeline_paint import ShapePainter

    font = ShapePainter().font(11, bold)
    assert QFontInfo(font).family().startswith("Nimbus Sans")
    words = "Line 2: letrozole + palbociclib (best response PR)"
    drawn = QFontMetricsF(font).horizontalAdvance(words)
    measured = timeline_text.text_width(words, 11, bold)
    assert abs(drawn - measured) < 0.02 * measured, (drawn, measured)


def test_legend_under_the_lanes_shows_from_its_left_edge(qtbot, app_theme) -> None:
    from recordorg.gui.case.timeline_view import TimelineCanvas

    canvas = TimelineCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(1100, 360)  # shorter than the drawing: the legend is scrolled to
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.show_layout(long_history())
    lanes_end = max(s.y + s.h for s in canvas.drawing.shapes if s.pinned and s.kind == "rect")
    legend = next(
        s for s in canvas.drawing.shapes if s.kind == "text" and s.y > lanes_end and s.x < LEFT
    )
    bar = canvas.verticalScrollBar()
    assert bar.maximum() > legend.y - 200
    bar.setValue(round(legend.y - 200))
    qtbot.wait(20)
    image = canvas.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    y = round((legend.y - 4 - bar.value()) * ratio)
    paper = QColor(canvas.drawing.shapes[0].fill)
    inked = [
        x
        for x in range(round(legend.x * ratio), round(LEFT * ratio))
        if image.pixelColor(x, y).rgb() != paper.rgb()
    ]
    assert len(inked) > 10, "the legend's first words are hidden behind the lane titles"
    titles = next(s for s in canvas.drawing.shapes if s.kind == "text" and s.pinned)
    canvas.horizontalScrollBar().setValue(300)
    bar.setValue(0)
    qtbot.wait(20)
    image = canvas.viewport().grab().toImage()
    row = round((titles.y - 4) * ratio)
    assert any(
        image.pixelColor(x, row).rgb() != image.pixelColor(2, row).rgb()
        for x in range(round(titles.x * ratio), round(LEFT * ratio))
    ), "the lane titles stay put when the drawing is panned"


@pytest.mark.parametrize("look", ["light", "dark"])
def test_legend_and_key_stay_readable_when_the_drawing_is_panned_sideways(
    qtbot, app_theme, look
) -> None:
    from recordorg.gui.case.timeline_view import TimelineCanvas

    with long_history_shown(qtbot, app_theme, look, TimelineCanvas) as canvas:
        canvas.resize(900, 420)
        qtbot.wait(20)
        canvas.set_zoom(3.0)  # an event brought into view far to the right
        across = canvas.horizontalScrollBar()
        across.setValue(across.maximum() // 2)
        assert across.value() > 600
        shapes = canvas.drawing.shapes
        lanes_end = max(s.y + s.h for s in shapes if s.pinned and s.kind == "rect" and s.w == LEFT)
        words = [s for s in shapes if s.kind == "text" and s.y > lanes_end and s.text != "today"]
        first = min(words, key=lambda s: (s.y, s.x))
        assert first.text.startswith("Solid: confirmed by a person.")
        seen = canvas.viewport().width()
        assert all(s.box()[2] <= seen for s in words), "the legend and key fit across the view"
        down = canvas.verticalScrollBar()
        down.setValue(round(lanes_end - 200))
        qtbot.wait(20)
        save_screenshot(canvas, f"timeline-panned-legend-{look}")
        image = canvas.viewport().grab().toImage()
        ratio = image.devicePixelRatio()
        y = round((first.y - 4 - down.value()) * ratio)
        paper = QColor(canvas.drawing.shapes[0].fill).rgb()
        inked = [
            x
            for x in range(round(first.x * ratio), round((first.x + 60) * ratio))
            if image.pixelColor(x, y).rgb() != paper
        ]
        assert len(inked) > 10, "the legend's first words are scrolled away to the left"
        line = next(s for s in words if s.record_id is not None)  # a line of the key
        down.setValue(round(line.y - 100))
        at = QPoint(round(line.x + 8), round(line.y - 4 - down.value()))
        assert canvas.shape_at(at) == line  # a click on it opens its record
