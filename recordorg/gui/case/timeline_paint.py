"""Painting the core's timeline shapes with QPainter, in the window's own colours."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen, QPolygonF

from recordorg.core.case.timeline_shapes import Palette, Shape
from recordorg.core.case.timeline_text import text_width

FONT_FAMILY = "DejaVu Sans"
MARKS = ("rect", "circle", "polygon")  # what an item is drawn as, besides its label


def window_palette(palette: QPalette) -> Palette:
    """The drawing's colours taken from the window's palette (light or dark)."""
    dark = palette.base().color().lightness() < 128
    return Palette(
        paper=palette.base().color().name(),
        ink=palette.text().color().name(),
        muted=palette.placeholderText().color().name(),
        grid=palette.mid().color().name(),
        band=palette.alternateBase().color().name(),
        today="#ff6b81" if dark else "#b00020",
        title_mix=0.45 if dark else 0.0,
    )


def shape_bounds(shape: Shape) -> QRectF:
    """Where a shape is drawn, in drawing pixels (a little slack for clicks on thin things)."""
    if shape.kind == "text":
        left, top, right, bottom = shape.box()
        return QRectF(left, top, right - left, bottom - top)
    if shape.kind == "circle":
        return QRectF(
            shape.x - shape.r - 2, shape.y - shape.r - 2, 2 * shape.r + 4, 2 * shape.r + 4
        )
    if shape.kind == "polygon":
        xs, ys = [p[0] for p in shape.points], [p[1] for p in shape.points]
        return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    if shape.kind == "line":
        return (
            QRectF(QPointF(shape.x, shape.y), QPointF(shape.x2, shape.y2))
            .normalized()
            .adjusted(-2, -2, 2, 2)
        )
    return QRectF(shape.x, shape.y, max(shape.w, 3), shape.h)


class ShapePainter:
    """Draws shapes as the PNG, SVG and PDF writers do (same font, same sizes)."""

    def __init__(self) -> None:
        self._fonts: dict[tuple[float, bool], QFont] = {}

    def font(self, size: float, bold: bool) -> QFont:
        if (size, bold) not in self._fonts:
            font = QFont(FONT_FAMILY)
            font.setPixelSize(max(1, round(size)))
            font.setBold(bold)
            self._fonts[(size, bold)] = font
        return self._fonts[(size, bold)]

    def paint(self, painter: QPainter, shape: Shape) -> None:
        if shape.stroke:
            pen = QPen(QColor(shape.stroke), shape.width)
            pen.setStyle(Qt.PenStyle.DashLine if shape.dashed else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(shape.fill)) if shape.fill else Qt.BrushStyle.NoBrush)
        if shape.kind == "rect":
            painter.drawRect(QRectF(shape.x, shape.y, shape.w, shape.h))
        elif shape.kind == "line":
            painter.drawLine(QPointF(shape.x, shape.y), QPointF(shape.x2, shape.y2))
        elif shape.kind == "circle":
            painter.drawEllipse(QPointF(shape.x, shape.y), shape.r, shape.r)
        elif shape.kind == "polygon":
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in shape.points]))
        elif shape.kind == "text" and shape.text:
            self.paint_text(painter, shape)

    def paint_text(self, painter: QPainter, shape: Shape) -> None:
        font = self.font(shape.size, shape.bold)
        metrics = QFontMetricsF(font)
        room = text_width(shape.text, shape.size, shape.bold)
        text = shape.text
        if metrics.horizontalAdvance(text) > room + 0.5:  # a font wider than the layout's
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
        left = shape.box()[0]
        painter.setFont(font)
        painter.setPen(QColor(shape.fill or "#000000"))
        painter.drawText(QPointF(left, shape.y), text)
