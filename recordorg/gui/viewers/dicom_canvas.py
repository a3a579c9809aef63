"""Draws one DICOM frame: window/level by dragging, zoom and pan, and a facts overlay."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from recordorg.formats.dicom_pixels import to_display


def array_to_image(shown: np.ndarray) -> QImage:
    """A uint8 greyscale (rows, columns) or RGB (rows, columns, 3) array as a QImage copy."""
    shown = np.ascontiguousarray(shown)
    rows, columns = shown.shape[:2]
    if shown.ndim == 2:
        image = QImage(shown.data, columns, rows, columns, QImage.Format.Format_Grayscale8)
    else:
        image = QImage(shown.data, columns, rows, columns * 3, QImage.Format.Format_RGB888)
    return image.copy()


class DicomCanvas(QWidget):
    """Left-drag: window/level. Right- or Shift-drag: pan. Wheel: slices. Ctrl+wheel: zoom."""

    slice_step = Signal(int)
    window_changed = Signal(float, float)  # center, width
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dicomCanvas")
        self.setAccessibleName("Scan image")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(240, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.array: np.ndarray | None = None
        self.photometric = "MONOCHROME2"
        self.center = 0.0
        self.width_ = 1.0
        self.zoom = 1.0  # relative to fitting the window
        self.pan = QPointF(0, 0)
        self.overlay: dict[str, list[str]] = {"tl": [], "tr": [], "bl": [], "br": []}
        self.show_overlay = True
        self.message = ""
        self._image: QImage | None = None
        self._drag_start: QPointF | None = None
        self._drag_mode = ""
        self._start_window = (0.0, 1.0)
        self._start_pan = QPointF()
        self.cursor_value = ""

    # -- what is shown --------------------------------------------------------------------
    @property
    def is_colour(self) -> bool:
        return self.array is not None and self.array.ndim == 3

    def set_frame(
        self, array: np.ndarray | None, photometric: str = "MONOCHROME2", message: str = ""
    ) -> None:
        self.array = array
        self.photometric = photometric
        self.message = message
        self._render()

    def set_window(self, center: float, width: float) -> None:
        self.center, self.width_ = float(center), max(1.0, float(width))
        self._render()
        self.window_changed.emit(self.center, self.width_)

    def displayed(self) -> np.ndarray | None:
        """The uint8 pixels as shown (after window/level), for checks and screenshots."""
        if self.array is None:
            return None
        return to_display(self.array, self.center, self.width_, self.photometric)

    def _render(self) -> None:
        shown = self.displayed()
        self._image = None if shown is None else array_to_image(shown)
        self.update()

    # -- geometry -------------------------------------------------------------------------
    def image_rect(self) -> QRectF:
        if self._image is None:
            return QRectF()
        w, h = self._image.width(), self._image.height()
        fit = min(self.width() / w, self.height() / h)
        scale = fit * self.zoom
        rect = QRectF(0, 0, w * scale, h * scale)
        rect.moveCenter(QPointF(self.width() / 2, self.height() / 2) + self.pan)
        return rect

    def shown_scale(self) -> float:
        """Screen pixels per image pixel as drawn now (0 without an image)."""
        if self._image is None or not self._image.width() or not self._image.height():
            return 0.0
        return self.image_rect().width() / self._image.width()

    def reset_view(self) -> None:
        self.zoom, self.pan = 1.0, QPointF(0, 0)
        self.update()
        self.zoom_changed.emit(self.zoom)

    def zoom_by(self, factor: float) -> None:
        self.zoom = max(0.25, min(16.0, self.zoom * factor))
        self.update()
        self.zoom_changed.emit(self.zoom)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.zoom_changed.emit(self.zoom)  # a fitted image is drawn at another scale now

    # -- painting -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#000000"))
        if self._image is not None:
            rect = self.image_rect()
            smooth = rect.width() < self._image.width() * 3
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
            painter.drawImage(rect, self._image)
        if self.message:
            painter.setPen(QColor("#d8d8d8"))
            painter.drawText(
                self.rect().adjusted(40, 40, -40, -40),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.message,
            )
        if self.show_overlay:
            self._draw_overlay(painter)
        painter.end()

    def _draw_overlay(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, font.pointSizeF() * 0.92))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        line = metrics.height() + 1
        margin = 12
        corners = dict(self.overlay)
        if self.cursor_value:
            corners["bl"] = [*corners.get("bl", []), self.cursor_value]
        for corner, lines in corners.items():
            for n, text in enumerate(lines):
                if corner[0] == "t":
                    y = margin + n * line
                else:
                    y = self.height() - margin - (len(lines) - n) * line
                align = (
                    Qt.AlignmentFlag.AlignLeft if corner[1] == "l" else Qt.AlignmentFlag.AlignRight
                )
                rect = QRectF(margin, y, self.width() - 2 * margin, line)
                painter.setPen(QColor(0, 0, 0, 200))
                painter.drawText(rect.translated(1, 1), align, text)
                painter.setPen(QColor("#f2f2f2") if n else QColor("#ffffff"))
                painter.drawText(rect, align, text)

    # -- interaction ----------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if not delta:
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 if delta > 0 else 1 / 1.15)
        else:
            self.slice_step.emit(-1 if delta > 0 else 1)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pan = (
            event.button() in (Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton)
            or event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        if event.button() not in (
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.RightButton,
            Qt.MouseButton.MiddleButton,
        ):
            return
        self._drag_mode = "pan" if pan else ("window" if not self.is_colour else "pan")
        self._drag_start = event.position()
        self._start_window = (self.center, self.width_)
        self._start_pan = QPointF(self.pan)
        self.setCursor(
            Qt.CursorShape.ClosedHandCursor
            if self._drag_mode == "pan"
            else Qt.CursorShape.SizeAllCursor
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_start is None:
            self._update_cursor_value(event.position())
            return
        delta = event.position() - self._drag_start
        if self._drag_mode == "pan":
            self.pan = self._start_pan + delta
            self.update()
            return
        center, width = self._start_window
        step = max(width, 1.0) / 300.0  # a 300-pixel drag doubles or halves the window
        self.set_window(center - delta.y() * step, max(1.0, width + delta.x() * step * 2))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_start = None
        self.unsetCursor()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.reset_view()

    def contextMenuEvent(self, event) -> None:
        """The right button pans the image; the Menu key still opens the viewer's commands."""
        if event.reason() == event.Reason.Mouse:
            event.accept()
        else:
            event.ignore()

    def leaveEvent(self, event) -> None:
        if self.cursor_value:
            self.cursor_value = ""
            self.update()

    def _update_cursor_value(self, position: QPointF) -> None:
        rect = self.image_rect()
        text = ""
        if self.array is not None and rect.contains(position):
            rows, columns = self.array.shape[:2]
            x = int((position.x() - rect.left()) / rect.width() * columns)
            y = int((position.y() - rect.top()) / rect.height() * rows)
            x, y = min(x, columns - 1), min(y, rows - 1)
            value = self.array[y, x]
            shown = (
                f"RGB {value[0]}, {value[1]}, {value[2]}"
                if self.is_colour
                else f"Value {float(value):.0f}"
            )
            text = f"x {x}, y {y} · {shown}"
        if text != self.cursor_value:
            self.cursor_value = text
            self.update()
