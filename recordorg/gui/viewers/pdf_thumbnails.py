"""A strip of page thumbnails beside a PDF: drawn by QtPdf on its own thread, a few at a time
as they come into view, so a long document opens as fast as a short one."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions, QPdfPageRenderer
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

THUMB = QSize(96, 128)  # the largest a page is drawn in the strip


class PageThumbnails(QListWidget):
    """Page thumbnails; `page_chosen` gives a 1-based page number when one is clicked."""

    page_chosen = Signal(int)

    def __init__(self, document: QPdfDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageThumbnails")
        self.setAccessibleName("Pages")
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListWidget.Movement.Static)
        self.setIconSize(THUMB)
        self.setGridSize(QSize(THUMB.width() + 24, THUMB.height() + 30))
        self.setFixedWidth(THUMB.width() + 44)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.document = document
        self.renderer = QPdfPageRenderer(self)
        self.renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        self.renderer.setDocument(document)
        self.renderer.pageRendered.connect(self._rendered)
        self.requested: set[int] = set()
        self.drawn: set[int] = set()
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(60)
        self._soon.timeout.connect(self.request_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._soon.start())
        self.currentRowChanged.connect(self._chosen)
        document.statusChanged.connect(self._status_changed)
        self.reload()

    def _status_changed(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Ready:  # not while it unloads or is deleted
            self.reload()

    def reload(self) -> None:
        self.blockSignals(True)
        self.clear()
        self.blockSignals(False)
        self.requested.clear()
        self.drawn.clear()
        for number in range(1, self.document.pageCount() + 1):
            item = QListWidgetItem(str(number))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            item.setToolTip(f"Page {number}")
            self.addItem(item)
        self._soon.start()

    def request_visible(self) -> None:
        """Ask for the thumbnails in view, and a few beyond."""
        if not self.count():
            return
        top = self.indexAt(self.viewport().rect().topLeft()).row()
        bottom = self.indexAt(self.viewport().rect().bottomLeft()).row()
        top = max(0, top if top >= 0 else 0)
        bottom = bottom if bottom >= 0 else min(self.count() - 1, top + 8)
        for row in range(top, min(self.count(), bottom + 4)):
            if row not in self.requested:
                self.requested.add(row)
                size = self.document.pagePointSize(row).toSize()
                if size.isEmpty():
                    continue
                fitted = size.scaled(
                    THUMB * self.devicePixelRatioF(), Qt.AspectRatioMode.KeepAspectRatio
                )
                self.renderer.requestPage(row, fitted, QPdfDocumentRenderOptions())

    def _rendered(
        self, page: int, _size: QSize, image: QImage, _options: object, _request: int
    ) -> None:
        item = self.item(page)
        if item is not None and not image.isNull():
            item.setIcon(QIcon(_framed(image, self.devicePixelRatioF())))
            self.drawn.add(page)

    def show_page(self, number: int) -> None:
        """Follow the viewer to page `number` (1-based) without choosing it again."""
        if 0 < number <= self.count() and self.currentRow() != number - 1:
            self.blockSignals(True)
            self.setCurrentRow(number - 1)
            self.blockSignals(False)
            self.scrollToItem(self.item(number - 1))

    def _chosen(self, row: int) -> None:
        if row >= 0:
            self.page_chosen.emit(row + 1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._soon.start()


def _framed(image: QImage, ratio: float = 1.0) -> QPixmap:
    """The page (drawn at `ratio` screen pixels a point, so it is sharp on a high-density
    screen) on white with a thin grey edge, so it reads as a sheet of paper."""
    edge = max(1, round(ratio))
    framed = QPixmap(image.width() + 2 * edge, image.height() + 2 * edge)
    framed.fill(QColor(160, 160, 160))
    painter = QPainter(framed)
    painter.fillRect(edge, edge, image.width(), image.height(), QColor(255, 255, 255))
    painter.drawImage(edge, edge, image)
    painter.end()
    framed.setDevicePixelRatio(ratio)
    return framed
