"""The timeline by keyboard: Left and Right (Home, End) move a ring from event to event in date
order, Enter opens the event's source; the event is told to screen readers (the canvas's
accessible description) and written out under the drawing."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QPainter

from recordorg.core.case.timeline import TimelineItem
from recordorg.core.case.timeline_shapes import LEFT
from recordorg.gui.case.timeline_paint import MARKS, shape_bounds
from recordorg.gui.focus_ring import draw_focus_ring

OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
RING_GAP, RING_WIDTH = 6, 3  # pixels: the ring stands clear of the mark, thicker than a
# control's (a small dot among many needs it to be found)
EDGE = 20  # an event scrolled into view stays this far inside the view's edges


def event_words(item: TimelineItem) -> str:
    """An event as a screen reader says it: its whole label and its date or period."""
    return f"{item.label}, {item.when}"


class TimelineKeys:
    """Mixed into the timeline's canvas, which has `layout_data`, `drawing`, the signals
    `record_requested` and `highlighted`, and is a QAbstractScrollArea."""

    current_key: str | None = None

    # -- the events and the one the keyboard is on ---------------------------------------
    def events(self) -> list[TimelineItem]:
        """The items drawn with a mark, in date order (lanes in their order on a tie)."""
        if self.layout_data is None or self.drawing is None:
            return []
        marked = {shape.item for shape in self.drawing.shapes if shape.kind in MARKS}
        items = [item for item in self.layout_data.items() if item.key in marked]
        return sorted(items, key=lambda item: (item.start, item.end))

    def current_event(self) -> TimelineItem | None:
        return next((item for item in self.events() if item.key == self.current_key), None)

    def highlight(self, item: TimelineItem | None, scroll: bool = True) -> None:
        """Put the ring on an event (None: on none), scrolled into view, and say which."""
        self.current_key = item.key if item is not None else None
        words = event_words(item) if item is not None else ""
        self.setAccessibleDescription(words)
        if item is not None and item.record_id is not None:
            words += " · Enter opens its source"
        self.highlighted.emit(words)
        if item is not None and scroll:
            self.scroll_into_view(self.mark_bounds(item.key).center())
        self.viewport().update()

    def mark_bounds(self, key: str) -> QRectF:
        """Where an item's marks are drawn, in drawing pixels."""
        bounds = QRectF()
        for shape in self.drawing.shapes if self.drawing else []:
            if shape.item == key and shape.kind in MARKS:
                bounds = bounds.united(shape_bounds(shape))
        return bounds

    def scroll_into_view(self, centre: QPointF) -> QPointF:
        """Scroll so a drawing point is in view (clear of the lane titles); where it is then,
        in viewport pixels."""
        for bar, at, low, size in (
            (self.horizontalScrollBar(), centre.x(), LEFT + EDGE, self.viewport().width()),
            (self.verticalScrollBar(), centre.y(), EDGE, self.viewport().height()),
        ):
            if not bar.value() + low <= at <= bar.value() + size - EDGE:
                bar.setValue(round(at - (low + size - EDGE) / 2))
        return centre - QPointF(self._scrolled())

    def _scrolled(self) -> QPoint:
        return QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def _first_in_view(self, events: list[TimelineItem]) -> TimelineItem:
        left = self.horizontalScrollBar().value() + LEFT
        right = self.horizontalScrollBar().value() + self.viewport().width()
        for item in events:
            if left <= self.mark_bounds(item.key).center().x() <= right:
                return item
        return events[0]

    # -- keys and focus ----------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        events, key = self.events(), event.key()
        keys = [item.key for item in events]
        at = keys.index(self.current_key) if self.current_key in keys else -1
        moves = {
            Qt.Key.Key_Left: max(0, at - 1),
            Qt.Key.Key_Right: min(len(events) - 1, at + 1),
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: len(events) - 1,
        }
        if events and key in moves:
            self.highlight(events[moves[key]])
        elif key in OPEN_KEYS and at >= 0 and events[at].record_id is not None:
            self.record_requested.emit(int(events[at].record_id), int(events[at].page or 0))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        events = self.events()
        if events and self.current_event() is None:
            self.highlight(self._first_in_view(events))
        self.viewport().update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def paint_highlight(self, painter: QPainter) -> None:
        """The ring round the event the keyboard is on, while the timeline has focus."""
        item = self.current_event() if self.hasFocus() else None
        if item is None:
            return
        scrolled = self._scrolled()
        ring = self.mark_bounds(item.key).translated(-QPointF(scrolled))
        ring = ring.adjusted(-RING_GAP, -RING_GAP, RING_GAP, RING_GAP)
        painter.save()
        if scrolled.x() > 0:  # not over the lane titles, which stay put
            painter.setClipRect(QRect(LEFT, 0, self.viewport().width(), self.viewport().height()))
        draw_focus_ring(painter, ring, self.palette(), 4, width=RING_WIDTH)
        painter.restore()
