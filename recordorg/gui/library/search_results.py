"""Search results as you type: ranked records with the matching words highlighted."""

from __future__ import annotations

import html
import sqlite3
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from recordorg.core.catalogue.records import Record, RecordFilter, get_records
from recordorg.core.catalogue.search import search
from recordorg.core.wording import NO_DATE
from recordorg.gui.focus_ring import draw_focus_ring, keyboard_on
from recordorg.gui.icons import KIND_ICONS, render_svg
from recordorg.gui.library.record_model import (
    RecordIdRole,
    RecordRole,
    ThumbnailRole,
)
from recordorg.gui.theme import is_dark, secondary_text

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # private-use characters: never in a document
LIMIT = 200
ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass
class Result:
    """One record that matched, the page where it matched best, and the snippet."""

    record: Record
    page: int | None
    snippet: str


def snippet_html(snippet: str, highlight: QColor) -> str:
    """The snippet as HTML: text escaped, matched words on a soft highlight."""
    text = " ".join(snippet.split())
    escaped = html.escape(text)
    style = f"background-color:{highlight.name()}; font-weight:600;"
    return escaped.replace(MARK_OPEN, f'<span style="{style}">').replace(MARK_CLOSE, "</span>")


def find_results(conn: sqlite3.Connection, text: str, flt: RecordFilter | None) -> list[Result]:
    """Ranked matches for what was typed, kept to the records the sidebar allows."""
    hits = search(conn, text, flt=flt, limit=LIMIT, marks=(MARK_OPEN, MARK_CLOSE))
    records = get_records(conn, [h.record_id for h in hits])
    return [Result(records[h.record_id], h.page, h.snippet) for h in hits if h.record_id in records]


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.results: list[Result] = []
        self.query = ""
        self.thumbnails = None

    def set_results(self, query: str, results: list[Result]) -> None:
        self.beginResetModel()
        self.query, self.results = query, results
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 1  # a list's one column, asked for when selecting

    def record_id(self, row: int) -> int:
        return self.results[row].record.id

    def row_of(self, record_id: int) -> int | None:
        return next(
            (row for row, result in enumerate(self.results) if result.record.id == record_id), None
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.results):
            return None
        result = self.results[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            plain = result.snippet.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
            return f"{result.record.title}: {' '.join(plain.split())}"
        if role == RecordRole:
            return result.record
        if role == RecordIdRole:
            return result.record.id
        if role == Qt.ItemDataRole.UserRole:
            return result
        if role == ThumbnailRole and self.thumbnails is not None:
            return self.thumbnails.get(result.record.id)
        return None

    def refresh_thumbnail(self, record_id: int) -> None:
        for row, result in enumerate(self.results):
            if result.record.id == record_id:
                index = self.index(row)
                self.dataChanged.emit(index, index, [ThumbnailRole])


class SearchResultDelegate(QStyledItemDelegate):
    """Thumbnail, title with page, date and category, then the highlighted snippet."""

    HEIGHT = 92

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return QSize(option.rect.width(), self.HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        result: Result | None = index.data(Qt.ItemDataRole.UserRole)
        if result is None:
            return
        record = result.record
        palette = option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(12, 4, -12, -4)
        if option.state & QStyle.StateFlag.State_Selected:
            tint = QColor(palette.color(QPalette.ColorRole.Highlight))
            tint.setAlpha(45)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tint)
            painter.drawRoundedRect(rect, 8, 8)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            hover = QColor(palette.color(QPalette.ColorRole.Highlight))
            hover.setAlpha(18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(hover)
            painter.drawRoundedRect(rect, 8, 8)
        if keyboard_on(self.parent(), index):
            draw_focus_ring(painter, rect, palette, 8)
        thumb = QRectF(rect.left() + 10, rect.top() + 10, 56, rect.height() - 20)
        dark_bg = record.kind == "dicom"
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(
            QColor("#0d0f10") if dark_bg else palette.color(QPalette.ColorRole.AlternateBase)
        )
        painter.drawRoundedRect(thumb, 5, 5)
        image = index.data(ThumbnailRole)
        if image is not None and not image.isNull():
            size = image.size().scaled(
                int(thumb.width()) - 6, int(thumb.height()) - 6, Qt.AspectRatioMode.KeepAspectRatio
            )
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(
                QRectF(
                    thumb.center().x() - size.width() / 2,
                    thumb.center().y() - size.height() / 2,
                    size.width(),
                    size.height(),
                ),
                image,
            )
        else:
            colour = secondary_text(palette)
            pixmap = render_svg(
                KIND_ICONS.get(record.kind, "file"),
                28,
                colour,
                painter.device().devicePixelRatioF(),
            )
            painter.drawPixmap(int(thumb.center().x() - 14), int(thumb.center().y() - 14), pixmap)
        left = thumb.right() + 14
        width = rect.right() - left - 10
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        title = record.title or record.original_name
        if result.page:
            title += f"  —  page {result.page}"
        metrics = painter.fontMetrics()
        painter.drawText(
            QRectF(left, rect.top() + 9, width, metrics.height()),
            Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, int(width)),
        )
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.9)
        painter.setFont(small)
        painter.setPen(secondary_text(palette))
        meta = "  ·  ".join(
            p
            for p in (
                record.date_shown or NO_DATE.capitalize(),
                record.category_name,
                record.person or "",
            )
            if p
        )
        painter.drawText(
            QRectF(left, rect.top() + 9 + metrics.height() + 2, width, 18),
            Qt.AlignmentFlag.AlignLeft,
            meta,
        )
        highlight = QColor("#f5d76e") if not is_dark(palette) else QColor("#7a6218")
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setTextWidth(width)
        doc.setHtml(
            f'<div style="color:{palette.color(QPalette.ColorRole.Text).name()}">'
            f"{snippet_html(result.snippet, highlight)}</div>"
        )
        painter.translate(left, rect.top() + 9 + metrics.height() + 22)
        clip = QRectF(0, 0, width, rect.bottom() - (rect.top() + 9 + metrics.height() + 22) - 4)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        painter.setClipRect(clip)
        doc.documentLayout().draw(painter, context)
        painter.restore()


class SearchResultsView(QListView):
    open_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.setAccessibleName("Search results")
        self.setItemDelegate(SearchResultDelegate(self))
        self.setUniformItemSizes(True)
        self.setMouseTracking(True)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setSpacing(0)
        self.activated.connect(self.open_requested)
        self.doubleClicked.connect(self.open_requested)
