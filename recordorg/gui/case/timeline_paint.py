"""Painting the core's timeline shapes with QPainter, in the window's own colours."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPalette,
    QPen,
    QPolygonF,
)

from recordorg.core.case.timeline_shapes import DARK, LIGHT, Palette, Shape
from recordorg.core.case.timeline_text import font_path, text_width

MARKS = ("rect", "circle", "polygon")  # what an item is drawn as, besides its label


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(colour: QColor) -> float:
        parts = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
            for c in (colour.redF(), colour.greenF(), colour.blueF())
        ]
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _mix(colour: QColor, toward: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        *(
            a + (b - a) * amount
            for a, b in zip(colour.getRgbF()[:3], toward.getRgbF()[:3], strict=True)
        )
    )


def window_palette(palette: QPalette) -> Palette:
    """The drawing's colours taken from the window's palette (light or dark), each checked:
    words must stand out from the paper, and lane bands only just differ from it (a system
    palette may pair a dark base with dark text or a white alternate base)."""
    paper = palette.base().color()
    dark = paper.lightness() < 128
    fallback = DARK if dark else LIGHT
    ink = palette.text().color()
    if contrast(ink, paper) < 7:
        ink = QColor(fallback.ink)
    muted = palette.placeholderText().color()
    if contrast(muted, paper) < 3.5:
        muted = _mix(paper, ink, 0.6)
    band = palette.alternateBase().color()
    if not 1.02 <= contrast(band, paper) <= 1.3:
        band = _mix(paper, ink, 0.035)
    grid = palette.mid().color()
    if not 1.2 <= contrast(grid, paper) <= 4:
        grid = _mix(paper, ink, 0.2)
    return Palette(
        paper=paper.name(),
        ink=ink.name(),
        muted=muted.name(),
        grid=grid.name(),
        band=band.name(),
        today=fallback.today,
        title_mix=fallback.title_mix,
    )


@cache
def _loaded_family(path: str) -> str | None:
    loaded = QFontDatabase.addApplicationFont(path)
    families = QFontDatabase.applicationFontFamilies(loaded) if loaded >= 0 else []
    return families[0] if families else None


def drawing_font_family() -> str:
    """The family of the font file the drawing's words are measured with (its bold face
    loaded too), so the window draws them as wide as the layout made room for; the
    window's own font when this computer has no such file."""
    regular, bold = font_path(), font_path(bold=True)
    if bold:
        _loaded_family(bold)
    family = _loaded_family(regular) if regular else None
    return family or QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()


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
            font = QFont(drawing_font_family())
            font.setKerning(False)  # as the layout measures it
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
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
