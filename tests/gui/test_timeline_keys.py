"""The timeline by keyboard: Tab reaches it, Left/Right/Home/End walk its events in date
order with a ring that shows in light and dark palettes, Enter opens the event's source, and
the event is told to screen readers and written under the drawing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor

from tests.gui.conftest import save_screenshot
from tests.gui.test_timeline_window import long_history_shown


def _described(canvas) -> str:
    return QAccessible.queryAccessibleInterface(canvas).text(QAccessible.Text.Description)


def _around_event(canvas) -> list[QColor]:
    """The pixels within a few pixels round the current event's mark, as shown now."""
    image = canvas.viewport().grab().toImage()
    scrolled = canvas.horizontalScrollBar().value(), canvas.verticalScrollBar().value()
    bounds = canvas.mark_bounds(canvas.current_key).translated(-scrolled[0], -scrolled[1])
    area = bounds.adjusted(-9, -9, 9, 9).toRect().intersected(image.rect())
    return [
        image.pixelColor(x, y)
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    ]


def _ring_pixels(focused: list[QColor], unfocused: list[QColor], ring: QColor) -> int:
    """Pixels that turn the ring's colour when the timeline has focus."""
    return sum(
        _near(a, ring) and not _near(b, ring) for a, b in zip(focused, unfocused, strict=True)
    )


def _near(one: QColor, other: QColor) -> bool:
    return all(abs(a - b) < 24 for a, b in zip(one.getRgb()[:3], other.getRgb()[:3], strict=True))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_keyboard_walks_the_timeline_event_by_event(qtbot, app_theme, theme) -> None:
    from recordorg.gui.case.timeline_paint import contrast
    from recordorg.gui.case.timeline_view import TimelineView

    with long_history_shown(qtbot, app_theme, theme, TimelineView) as view:
        canvas = view.canvas
        view.activateWindow()
        qtbot.waitActive(view)
        view.with_records.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(view.with_records, Qt.Key.Key_Tab)
        assert view.focusWidget() is canvas  # Tab reaches the timeline
        qtbot.waitUntil(canvas.hasFocus)

        events = canvas.events()
        dates = [(item.start, item.end) for item in events]
        assert len(events) > 60 and dates == sorted(dates)
        qtbot.keyClick(canvas, Qt.Key.Key_Home)
        assert canvas.current_key == events[0].key
        for step in range(1, 4):
            qtbot.keyClick(canvas, Qt.Key.Key_Right)
            assert canvas.current_key == events[step].key
        qtbot.keyClick(canvas, Qt.Key.Key_Left)
        assert canvas.current_key == events[2].key
        qtbot.keyClick(canvas, Qt.Key.Key_End)
        assert canvas.current_key == events[-1].key

        line = next(item for item in events if item.key == "entry:3")
        qtbot.keyClick(canvas, Qt.Key.Key_Home)
        while canvas.current_key != line.key:
            qtbot.keyClick(canvas, Qt.Key.Key_Right)
        words = "Line 2: letrozole + palbociclib, 20 Oct 2022 – 10 May 2024"
        assert _described(canvas) == words  # in the accessibility tree, label and date whole
        assert view.current_line.text().startswith(words) and view.current_line.isVisible()
        paper = QColor(canvas.drawing.shapes[0].fill)
        assert contrast(canvas.palette().highlight().color(), paper) >= 3
        focused = _around_event(canvas)
        save_screenshot(view, f"timeline-keyboard-{theme}")
        with qtbot.waitSignal(canvas.record_requested) as opened:
            qtbot.keyClick(canvas, Qt.Key.Key_Return)
        assert opened.args == [103, 1]  # as a click on it opens
        canvas.clearFocus()
        qtbot.waitUntil(lambda: not canvas.hasFocus())
        ring = canvas.palette().highlight().color()
        assert _ring_pixels(focused, _around_event(canvas), ring) > 60  # a ring round the bar
