"""The treatment-history timeline in the window: lanes, zoom and pan, tooltips, click to open."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from recordorg.core.case.timeline import TimelineItem, TimelineLayout, ticks, timeline_for
from recordorg.core.case.timeline_draw import LANE_COLOURS, pale
from recordorg.core.errors import UserError
from recordorg.gui.icons import icon
from recordorg.gui.widgets.lazy_refresh import RefreshWhenShown

DAY = 2.0  # scene units per day at zoom 1
ROW, PAD, BAR, TITLE_W, AXIS_H = 24.0, 8.0, 14.0, 210, 26
RECORD_ROLE, PAGE_ROLE, ENTRY_ROLE = 0, 1, 2
FLAG_FIXED = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations


class TimelineCanvas(QGraphicsView):
    """Lanes of bars and points; Ctrl+wheel zooms the time axis, dragging pans, a click on an
    item asks for its source record (record_requested)."""

    record_requested = Signal(int, int)  # record id, page (0: the whole record)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineCanvas")
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportMargins(TITLE_W, AXIS_H, 0, 0)
        self.layout_data: TimelineLayout | None = None
        self.lanes: list[tuple[str, str, float, float]] = []  # key, title, top, height
        self.zoom = 1.0
        self._press: QPointF | None = None
        self.titles = _Margin(self, "titles")
        self.axis = _Margin(self, "axis")
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.valueChanged.connect(self._margins_changed)

    # -- building -------------------------------------------------------------------------
    def show_layout(self, layout: TimelineLayout) -> None:
        scene = self.scene()
        scene.clear()
        self.layout_data = layout
        self.lanes = []
        width = max(1, layout.days) * DAY
        y = 0.0
        for index, lane in enumerate(lane for lane in layout.lanes if lane.items):
            height = lane.rows * ROW + 2 * PAD
            if index % 2 == 0:
                band = scene.addRect(
                    QRectF(-4000, y, width + 8000, height),
                    QPen(Qt.PenStyle.NoPen),
                    QBrush(self.palette().alternateBase()),
                )
                band.setZValue(-2)
            self.lanes.append((lane.key, lane.title, y, height))
            for item in lane.items:
                self._add_item(item, y + PAD + item.row * ROW + ROW / 2, lane.key)
            y += height
        grid = QPen(QColor(128, 128, 128, 70), 0)
        for day, _ in ticks(layout, 40):
            scene.addLine(day * DAY, 0, day * DAY, y, grid).setZValue(-1)
        today = (date.fromisoformat(layout.today) - date.fromisoformat(layout.start)).days
        line = scene.addLine(
            today * DAY, 0, today * DAY, y, QPen(QColor("#b00020"), 0, Qt.PenStyle.DashLine)
        )
        line.setToolTip(f"Today, {layout.today}")
        scene.setSceneRect(QRectF(0, 0, width, max(y, 1)))
        self.fit_all()

    def _add_item(self, item: TimelineItem, centre: float, lane: str) -> None:
        scene = self.scene()
        colour = QColor(LANE_COLOURS[lane])
        fill = colour if item.confirmed else QColor(pale(LANE_COLOURS[lane]))
        pen = QPen(colour, 1.5, Qt.PenStyle.SolidLine if item.confirmed else Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        if item.shape == "bar":
            length = max(item.end_day - item.start_day, 1) * DAY
            shape: QGraphicsItem = QGraphicsRectItem(0, -BAR / 2, length, BAR)
            if item.ongoing or not item.end_known:
                arrow = QGraphicsPolygonItem(
                    QPolygonF([QPointF(0, -BAR / 2 - 2), QPointF(9, 0), QPointF(0, BAR / 2 + 2)])
                )
                arrow.setBrush(colour if item.ongoing else QColor(pale(LANE_COLOURS[lane], 0.5)))
                arrow.setPen(QPen(Qt.PenStyle.NoPen))
                arrow.setFlag(FLAG_FIXED)
                arrow.setPos(item.end_day * DAY, centre)
                self._tag(arrow, item)
                scene.addItem(arrow)
        else:
            radius = 3.5 if lane == "records" else 5.0
            shape = QGraphicsEllipseItem(-radius, -radius, 2 * radius, 2 * radius)
            shape.setFlag(FLAG_FIXED)
        shape.setPos(item.start_day * DAY, centre)
        shape.setBrush(fill)
        shape.setPen(pen)
        self._tag(shape, item)
        scene.addItem(shape)
        if lane == "records":
            return  # dots only: hover tells what they are
        label = QGraphicsSimpleTextItem(item.label)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        font.setItalic(not item.confirmed)
        label.setFont(font)
        label.setBrush(
            QColor("#ffffff")
            if item.shape == "bar" and item.confirmed
            else self.palette().text().color()
        )
        label.setFlag(FLAG_FIXED)
        label.setPos(item.start_day * DAY, centre)
        offset = 4 if item.shape == "bar" else 9
        label.setTransform(QTransform.fromTranslate(offset, -label.boundingRect().height() / 2))
        label.setZValue(1)
        self._tag(label, item)
        scene.addItem(label)

    @staticmethod
    def _tag(shape: QGraphicsItem, item: TimelineItem) -> None:
        shape.setToolTip(item.detail)
        shape.setData(RECORD_ROLE, item.record_id)
        shape.setData(PAGE_ROLE, item.page or 0)
        shape.setData(ENTRY_ROLE, item.entry_id)

    # -- zoom and pan ---------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        zoom = min(max(zoom, 0.01), 80.0)
        self.scale(zoom / self.zoom, 1.0)
        self.zoom = zoom
        self._margins_changed()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * 1.5)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / 1.5)

    def fit_all(self) -> None:
        """Show the whole time range across the view's width."""
        width = self.sceneRect().width()
        if width > 0 and self.viewport().width() > 40:
            self.set_zoom((self.viewport().width() - 24) / width)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_zoom(self.zoom * 1.25 ** (event.angleDelta().y() / 120))
            event.accept()
        else:
            super().wheelEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        view = self.viewport().geometry()
        self.titles.setGeometry(view.left() - TITLE_W, view.top(), TITLE_W, view.height())
        self.axis.setGeometry(view.left(), view.top() - AXIS_H, view.width(), AXIS_H)

    def _margins_changed(self) -> None:
        self.titles.update()
        self.axis.update()

    # -- clicks ---------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if press is None or (event.position() - press).manhattanLength() > 4:
            return  # that was a pan, not a click
        record_id, page = self.source_at(event.position().toPoint())
        if record_id is not None:
            self.record_requested.emit(record_id, page)

    def source_at(self, point) -> tuple[int | None, int]:
        """The record (and page) of the item under a viewport point, if any."""
        for found in self.items(point):
            record_id = found.data(RECORD_ROLE)
            if record_id is not None:
                return int(record_id), int(found.data(PAGE_ROLE) or 0)
        return None, 0

    def item_point(self, entry_id: int | None = None, record_id: int | None = None):
        """Where in the viewport an entry's (or record's) item is drawn (for tests, keys)."""
        for found in self.scene().items():
            if (entry_id is not None and found.data(ENTRY_ROLE) == entry_id) or (
                record_id is not None
                and found.data(RECORD_ROLE) == record_id
                and found.data(ENTRY_ROLE) is None
            ):
                if isinstance(found, QGraphicsSimpleTextItem | QGraphicsPolygonItem):
                    continue
                self.ensureVisible(found, 20, 20)
                return self.mapFromScene(found.sceneBoundingRect().center())
        return None


class _Margin(QWidget):
    """The lane titles (left) or the date axis (top), kept in step with the scene."""

    def __init__(self, canvas: TimelineCanvas, side: str) -> None:
        super().__init__(canvas)
        self.canvas, self.side = canvas, side
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, event) -> None:
        layout = self.canvas.layout_data
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        if layout is None:
            return
        font = QFont(self.font())
        if self.side == "titles":
            font.setBold(True)
            painter.setFont(font)
            for key, title, top, _height in self.canvas.lanes:
                y = self.canvas.mapFromScene(QPointF(0, top)).y()
                painter.setPen(QColor(LANE_COLOURS[key]))
                painter.drawText(
                    QRectF(10, y + PAD, TITLE_W - 14, ROW), Qt.AlignmentFlag.AlignVCenter, title
                )
            return
        painter.setPen(self.palette().text().color())
        painter.setFont(font)
        visible = self.canvas.mapToScene(self.canvas.viewport().rect()).boundingRect()
        shown_days = max(1.0, visible.width() / DAY)
        for day, label in ticks(layout, max(4, int(20 * layout.days / shown_days))):
            x = self.canvas.mapFromScene(QPointF(day * DAY, 0)).x()
            if -60 < x < self.width() + 60:
                painter.drawText(
                    QRectF(x - 50, 0, 100, AXIS_H - 4),
                    Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignBottom,
                    label,
                )


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
            parts.append(f"{layout.unconfirmed} unconfirmed (pale, dashed, in italics)")
        if layout.undated:
            parts.append(f"{len(layout.undated)} without a date not shown")
        self.note.setText("; ".join(parts))
