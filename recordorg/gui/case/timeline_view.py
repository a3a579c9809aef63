"""The treatment-history timeline in the window: the core's drawing painted with QPainter,
zoom (a wider drawing, laid out again so more labels fit) and pan, tooltips, click to open,
and the keyboard's walk from event to event (timeline_keys)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from recordorg.core.case.timeline import TimelineLayout, timeline_for
from recordorg.core.case.timeline_draw import draw_timeline
from recordorg.core.case.timeline_shapes import LEFT, Scene, Shape
from recordorg.core.errors import UserError
from recordorg.gui.case.timeline_keys import TimelineKeys
from recordorg.gui.case.timeline_paint import ShapePainter, shape_bounds, window_palette
from recordorg.gui.icons import icon
from recordorg.gui.widgets.lazy_refresh import RefreshWhenShown


class TimelineCanvas(TimelineKeys, QAbstractScrollArea):
    """The drawing in a scrolling view; Ctrl+wheel zooms the time axis, dragging pans, a
    click on an item (or Enter on the event the keyboard is on) asks for its source record
    (record_requested)."""

    record_requested = Signal(int, int)  # record id, page (0: the whole record)
    highlighted = Signal(str)  # the event the keyboard is on, in words ("" for none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineCanvas")
        self.setAccessibleName("Treatment history timeline")
        self.layout_data: TimelineLayout | None = None
        self.drawing: Scene | None = None
        self.zoom = 1.0
        self._press: QPoint | None = None
        self._scroll_at_press = QPoint()
        self.painter = ShapePainter()
        self._cache: tuple[QPixmap, list[tuple[QPixmap, QPoint]]] | None = None
        self._cache_area = QRect()
        self._bounds: list[QRectF] = []
        self._titles = QRect()  # the lane titles' column, which stays put
        self._words = QRect()  # the legend and key under the lanes, which stay put sideways
        self._wheel_zoom = 0.0
        self._wheel_timer = QTimer(self)
        self._wheel_timer.setSingleShot(True)
        self._wheel_timer.setInterval(80)
        self._wheel_timer.timeout.connect(self._zoom_by_wheel)
        self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)

    # -- building -------------------------------------------------------------------------
    def show_layout(self, layout: TimelineLayout) -> None:
        self.layout_data = layout
        self.zoom = 1.0
        self._draw()
        if self.current_key is not None:  # the same event, if it is still there
            self.highlight(self.current_event(), scroll=False)

    def _draw(self) -> None:
        if self.layout_data is None:
            return
        seen = self.viewport().width()
        self.drawing = draw_timeline(
            self.layout_data,
            max(600, seen) * self.zoom,
            "Treatment history",
            palette=window_palette(self.palette()),
            words_width=seen,
        )
        self._forget()
        self._ranges()
        self.viewport().update()

    def _ranges(self) -> None:
        scene, view = self.drawing, self.viewport().size()
        if scene is None:
            return
        for bar, total, shown in (
            (self.horizontalScrollBar(), scene.width, view.width()),
            (self.verticalScrollBar(), scene.height, view.height()),
        ):
            bar.setRange(0, max(0, round(total - shown)))
            bar.setPageStep(shown)
            bar.setSingleStep(20)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._draw()

    # -- painting -------------------------------------------------------------------------
    def _forget(self) -> None:
        """Drop the painted piece: the drawing changed."""
        self._cache, self._cache_area = None, QRect()
        self._bounds = [shape_bounds(shape) for shape in self.drawing.shapes]
        words_top, words_width = self.drawing.words
        pinned = [
            b
            for s, b in zip(self.drawing.shapes, self._bounds, strict=True)
            if s.pinned and b.top() < words_top
        ]
        top = min((b.top() for b in pinned), default=0.0)
        bottom = max((b.bottom() for b in pinned), default=0.0)
        self._titles = QRect(0, int(top), LEFT, max(0, round(bottom - int(top))))
        below = round(self.drawing.height - words_top)
        self._words = QRect(0, round(words_top), round(words_width), max(0, below))

    def _painted(self, seen: QRect) -> None:
        """Paint a piece of the drawing (three views wide, two high) around what is seen;
        the lane titles in a column of their own (only as tall as the lanes) and the legend
        and key under the lanes across the view, both left where they are when the drawing
        pans sideways; so panning and repaints only copy pixels."""
        width, height = round(self.drawing.width), round(self.drawing.height)
        area = QRect(
            seen.x() - seen.width(),
            seen.y() - seen.height() // 2,
            3 * seen.width(),
            2 * seen.height(),
        ).intersected(QRect(0, 0, width, height))
        rows = QRect(0, area.y(), max(LEFT, self._words.width()), area.height())
        moving = self._piece(area, False)
        kept = [
            (self._piece(part, True), part.topLeft())
            for part in (self._titles.intersected(rows), self._words.intersected(rows))
        ]
        self._cache, self._cache_area = (moving, kept), area

    def _piece(self, area: QRect, pinned: bool) -> QPixmap:
        """The shapes that pan (or stay put) inside an area of the drawing, on its paper."""
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(area.size() * ratio)
        if pixmap.isNull():
            return pixmap
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor(self.drawing.shapes[0].fill or "#ffffff"))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(-area.x(), -area.y())
        here = QRectF(area)
        for shape, bounds in zip(self.drawing.shapes, self._bounds, strict=True):
            if shape.pinned == pinned and bounds.intersects(here):
                self.painter.paint(painter, shape)
        painter.end()
        return pixmap

    def paintEvent(self, event) -> None:
        if self.drawing is None:
            return
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        seen = QRect(dx, dy, self.viewport().width(), self.viewport().height())
        seen = seen.intersected(QRect(0, 0, round(self.drawing.width), round(self.drawing.height)))
        if self._cache is None or not self._cache_area.contains(seen):
            self._painted(seen)
        painter = QPainter(self.viewport())
        moving, kept = self._cache
        painter.drawPixmap(self._cache_area.topLeft() - QPoint(dx, dy), moving)
        for pixmap, at in kept:  # the lane titles, legend and key stay put sideways
            if not pixmap.isNull():
                painter.drawPixmap(QPoint(at.x(), at.y() - dy), pixmap)
        self.paint_highlight(painter)

    # -- zoom and pan ---------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        zoom = min(max(zoom, 1.0), 40.0)
        bar = self.horizontalScrollBar()
        centre = (bar.value() + self.viewport().width() / 2) / max(1.0, self._width())
        self.zoom = zoom
        self._draw()
        bar.setValue(round(centre * self._width() - self.viewport().width() / 2))

    def _width(self) -> float:
        return self.drawing.width if self.drawing else 1.0

    def _zoom_by_wheel(self) -> None:
        zoom, self._wheel_zoom = self._wheel_zoom, 0.0
        self.set_zoom(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * 1.5)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / 1.5)

    def fit_all(self) -> None:
        """Show the whole time range across the view's width."""
        self.set_zoom(1.0)
        self.horizontalScrollBar().setValue(0)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._wheel_zoom = (self._wheel_zoom or self.zoom) * 1.25 ** (
                event.angleDelta().y() / 120
            )
            self._wheel_timer.start()  # a turn of the wheel is laid out once, when it stops
            event.accept()
        else:
            super().wheelEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.drawing is not None and abs(event.size().width() - event.oldSize().width()) > 0:
            self._draw()

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            shape = self.shape_at(event.pos())
            if shape is not None and shape.tooltip:
                QToolTip.showText(event.globalPos(), shape.tooltip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # -- clicks ---------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        self._press = event.position().toPoint()
        self._scroll_at_press = QPoint(
            self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        )
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event) -> None:
        if self._press is None:
            return
        moved = event.position().toPoint() - self._press
        self.horizontalScrollBar().setValue(self._scroll_at_press.x() - moved.x())
        self.verticalScrollBar().setValue(self._scroll_at_press.y() - moved.y())

    def mouseReleaseEvent(self, event) -> None:
        press, self._press = self._press, None
        self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        if press is None or (event.position().toPoint() - press).manhattanLength() > 4:
            return  # that was a pan, not a click
        shape = self.shape_at(event.position().toPoint())
        clicked = next((i for i in self.events() if shape and i.key == shape.item), None)
        if clicked is not None:
            self.highlight(clicked, scroll=False)  # the keyboard goes on from there
        record_id, page = self.source_at(event.position().toPoint())
        if record_id is not None:
            self.record_requested.emit(record_id, page)

    def shape_at(self, point: QPoint) -> Shape | None:
        """The topmost shape with something to tell (a tooltip or a source) under a point:
        among the lane titles, legend and key where they are shown, else the panned shapes."""
        if self.drawing is None:
            return None
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        kept = QPoint(point.x(), point.y() + dy)  # where the pinned parts are, in the drawing
        stays = self._titles.contains(kept) or self._words.contains(kept)
        at = QPointF(kept if stays else point + QPoint(dx, dy))
        shapes = zip(self.drawing.shapes, self._bounds, strict=True)
        told = [(s, b) for s, b in shapes if s.tooltip or s.record_id is not None]
        return next(
            (s for s, b in reversed(told) if s.pinned == stays and b.contains(at)),
            None,
        )

    def source_at(self, point) -> tuple[int | None, int]:
        """The record (and page) of the item under a viewport point, if any."""
        shape = self.shape_at(point)
        if shape is None or shape.record_id is None:
            return None, 0
        return int(shape.record_id), int(shape.page or 0)

    def item_point(self, entry_id: int | None = None, record_id: int | None = None):
        """Where in the viewport an entry's (or record's) mark is drawn, scrolled into view."""
        key = f"entry:{entry_id}" if entry_id is not None else f"record:{record_id}"
        bounds = self.mark_bounds(key)
        return None if bounds.isNull() else self.scroll_into_view(bounds.center()).toPoint()


class TimelineView(RefreshWhenShown, QWidget):
    """The timeline with its tools: zoom in, zoom out, fit, other records on or off."""

    record_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = None
        self.person: str | None = None
        self._stale = False
        self.canvas = TimelineCanvas(self)
        self.canvas.record_requested.connect(self.record_requested)
        self.current_line = QLabel(self)  # the event the keyboard is on, in words
        self.current_line.setObjectName("timelineCurrentEvent")
        self.current_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.canvas.highlighted.connect(self.current_line.setText)
        tools = QHBoxLayout()
        for name, tip, slot in (
            ("zoom-in", "Zoom In (Ctrl+wheel)", self.canvas.zoom_in),
            ("zoom-out", "Zoom Out", self.canvas.zoom_out),
            ("zoom-fit", "Show Everything", self.canvas.fit_all),
        ):
            button = QToolButton(self)
            button.setIcon(icon(name))
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(slot)
            tools.addWidget(button)
        self.with_records = QCheckBox("Other records", self)
        self.with_records.setChecked(True)
        self.with_records.toggled.connect(self.refresh)
        tools.addWidget(self.with_records)
        self.note = QLabel(self)
        self.note.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        tools.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(tools)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.current_line)
        QWidget.setTabOrder(self.with_records, self.canvas)  # the tools, then the drawing

    def set_library(self, library, person: str | None = None) -> None:
        self.library, self.person = library, person
        self.mark_stale()

    def set_person(self, person: str | None) -> None:
        self.person = person
        self.mark_stale()

    def refresh(self) -> None:
        if self.library is None:
            return
        self._stale = False
        try:
            layout = timeline_for(
                self.library.connection(), self.person, with_records=self.with_records.isChecked()
            )
        except UserError as error:
            self.note.setText(str(error))
            return
        self.canvas.show_layout(layout)
        parts = [f"{len(layout.items())} items"]
        if layout.unconfirmed:
            parts.append(f"{layout.unconfirmed} unconfirmed (pale, dashed)")
        if layout.undated:
            parts.append(f"{len(layout.undated)} without a date not shown")
        self.note.setText("; ".join(parts))
