"""The hint shown over the window while files are dragged onto it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from recordorg.gui.icons import render_svg


class DropOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.text = "Drop to import into your library"
        self.hide()

    def cover(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        veil = QColor(palette.color(QPalette.ColorRole.Window))
        veil.setAlpha(225)
        painter.fillRect(self.rect(), veil)
        accent = palette.color(QPalette.ColorRole.Highlight)
        pen = QPen(accent, 2.5, Qt.PenStyle.DashLine)
        pen.setDashPattern([6, 4])
        painter.setPen(pen)
        box = QRectF(self.rect()).adjusted(28, 28, -28, -28)
        painter.drawRoundedRect(box, 18, 18)
        picture = render_svg("drop", 96, accent, self.devicePixelRatioF())
        centre = box.center()
        painter.drawPixmap(int(centre.x() - 48), int(centre.y() - 90), picture)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawText(
            QRectF(box.left(), centre.y() + 20, box.width(), 40),
            Qt.AlignmentFlag.AlignHCenter,
            self.text,
        )
        painter.end()
