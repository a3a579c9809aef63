"""Photos and scans: fit, zoom, rotate, and the pages of a multi-page TIFF."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from recordorg.core.catalogue.records import Record
from recordorg.gui.viewers.base import RecordViewer

MAX_PIXELS_MB = 512  # Qt's allocation limit for one decoded image


def read_image(path: Path, page: int = 0) -> tuple[QImage, int]:
    """The image (EXIF orientation applied) and how many pages the file has."""
    QImageReader.setAllocationLimit(MAX_PIXELS_MB)
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)
    count = max(1, reader.imageCount())
    if page:
        reader.jumpToImage(page)
    image = reader.read()
    if image.isNull():
        image = _read_with_pillow(path, page)
    return image, count


def _read_with_pillow(path: Path, page: int) -> QImage:
    """Formats Qt cannot read itself (HEIC photos from phones)."""
    try:
        from PIL import Image, ImageOps
        from pillow_heif import register_heif_opener

        register_heif_opener()
        with Image.open(path) as im:
            if page:
                im.seek(page)
            im = ImageOps.exif_transpose(im).convert("RGBA")
            buffer = io.BytesIO()
            im.save(buffer, "PNG")
        return QImage.fromData(buffer.getvalue(), "PNG")
    except Exception:
        return QImage()


class ImageView(QGraphicsView):
    """Fits the image until the user zooms; Ctrl+wheel zooms, drag pans."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageView")
        self.setAccessibleName("Image")
        self.scene_ = QGraphicsScene(self)
        self.setScene(self.scene_)
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene_.addItem(self.item)
        self.setRenderHints(
            QPainter.RenderHint.SmoothPixmapTransform | QPainter.RenderHint.Antialiasing
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(self.palette().color(QPalette.ColorRole.Window).darker(112))
        self.fitting = True
        self.rotation = 0

    def set_image(self, image: QImage) -> None:
        self.item.setPixmap(QPixmap.fromImage(image))
        self.scene_.setSceneRect(QRectF(self.item.boundingRect()))
        self.fit()

    def _apply(self, scale: float) -> None:
        self.resetTransform()
        self.rotate(self.rotation)
        self.scale(scale, scale)

    def fit(self) -> None:
        self.fitting = True
        self.resetTransform()
        self.rotate(self.rotation)
        rect = self.transform().mapRect(self.item.boundingRect())
        if rect.isEmpty():
            return
        view = self.viewport().rect().adjusted(12, 12, -12, -12)
        scale = min(view.width() / rect.width(), view.height() / rect.height())
        self._apply(scale)
        self.centerOn(self.item)

    def zoom_factor(self) -> float:
        t = self.transform()
        return (t.m11() ** 2 + t.m12() ** 2) ** 0.5

    def zoom_by(self, factor: float) -> None:
        self.fitting = False
        new = max(0.05, min(16.0, self.zoom_factor() * factor))
        self._apply(new)

    def actual_size(self) -> None:
        self.fitting = False
        self._apply(1.0)

    def rotate_by(self, degrees: int) -> None:
        self.rotation = (self.rotation + degrees) % 360
        if self.fitting:
            self.fit()
        else:
            self._apply(self.zoom_factor())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fitting:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.25 if event.angleDelta().y() > 0 else 0.8)
            event.accept()
            return
        super().wheelEvent(event)


class ImageViewer(RecordViewer):
    def __init__(self, record: Record, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(record, parent)
        self.path = path
        self.view = ImageView(self)
        self.page = 0
        self.tool("zoom-fit", "Fit to Window", self.view.fit, "Ctrl+0")
        self.tool("actual-size", "Actual Size", self.view.actual_size, "Ctrl+1")
        self.tool(
            "zoom-out", "Zoom Out", lambda: self.view.zoom_by(0.8), QKeySequence.StandardKey.ZoomOut
        )
        self.tool(
            "zoom-in", "Zoom In", lambda: self.view.zoom_by(1.25), QKeySequence.StandardKey.ZoomIn
        )
        self.toolbar.addSeparator()
        self.tool("rotate-left", "Rotate Left", lambda: self.view.rotate_by(-90), "Ctrl+L")
        self.tool("rotate-right", "Rotate Right", lambda: self.view.rotate_by(90), "Ctrl+R")
        self.toolbar.addSeparator()
        self.prev_action = self.tool("chevron-left", "Previous Page", self.previous_page, "PgUp")
        self.page_label = self.label("")
        self.next_action = self.tool("chevron-right", "Next Page", self.next_page, "PgDown")
        self.spacer()
        self.size_label = self.label("")
        self.layout_.addWidget(self.view, 1)
        self.show_page(0)

    def show_page(self, page: int) -> None:
        image, self.pages = read_image(self.path, page)
        self.page = page
        if image.isNull():
            self.size_label.setText("This image cannot be shown.")
        else:
            self.size_label.setText(f"{image.width()} × {image.height()} pixels")
        self.view.set_image(image)
        multi = self.pages > 1
        for action in (self.prev_action, self.next_action):
            action.setVisible(multi)
        self.show_in_toolbar(self.page_label, multi)
        self.page_label.setText(f"Page {page + 1} of {self.pages}")
        self.prev_action.setEnabled(page > 0)
        self.next_action.setEnabled(page < self.pages - 1)

    def previous_page(self) -> None:
        if self.page > 0:
            self.show_page(self.page - 1)

    def next_page(self) -> None:
        if self.page < self.pages - 1:
            self.show_page(self.page + 1)
