"""The records as a grid of thumbnail cards and as a sortable table."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from recordorg.core.catalogue.records import Record
from recordorg.core.wording import NO_DATE
from recordorg.formats.name_claims import other_file_words
from recordorg.gui.focus_ring import draw_focus_ring, keyboard_on, ring_current_row
from recordorg.gui.icons import KIND_ICONS, render_svg
from recordorg.gui.library.record_model import RecordRole, ThumbnailRole, kind_label
from recordorg.gui.theme import category_colour, is_dark, secondary_text

CARD = QSize(196, 252)
THUMB_HEIGHT = 150
ModelIndex = QModelIndex | QPersistentModelIndex


def _badge_text(record: Record) -> str:
    if record.kind == "pdf":
        return f"PDF · {record.page_count} p" if record.page_count > 1 else "PDF"
    if record.kind == "dicom":
        return f"{kind_label(record).replace(' study', '')} · {record.image_count} images"
    if record.kind == "image":
        return "Photo"
    return other_file_words(record.mime)[0]  # what its content is, never its name


class RecordCardDelegate(QStyledItemDelegate):
    """Draws one record as a card: thumbnail, kind badge, title, date and category."""

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        view = self.parent()
        return (
            view.gridSize() if isinstance(view, QListView) and view.gridSize().isValid() else CARD
        )

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        record: Record | None = index.data(RecordRole)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = option.palette
        card = QRectF(option.rect).adjusted(7, 7, -7, -7)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        base = palette.color(QPalette.ColorRole.Base)
        border = palette.color(QPalette.ColorRole.Mid)
        if not is_dark(palette):
            border = border.lighter(125)
        path = QPainterPath()
        path.addRoundedRect(card, 10, 10)
        if selected:
            tint = QColor(highlight)
            tint.setAlpha(40 if is_dark(palette) else 28)
            painter.fillPath(path, base)
            painter.fillPath(path, tint)
            painter.setPen(highlight)
            painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 10, 10)
            painter.drawRoundedRect(card.adjusted(1.5, 1.5, -1.5, -1.5), 9, 9)
        else:
            painter.fillPath(path, base)
            painter.setPen(highlight.lighter(130) if hovered else border)
            painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 10, 10)
        if keyboard_on(self.parent(), index):
            draw_focus_ring(painter, card.adjusted(-5, -5, 5, 5), palette, 13)
        if record is None:
            painter.restore()
            return
        thumb_area = QRectF(card.left() + 10, card.top() + 10, card.width() - 20, THUMB_HEIGHT)
        self._draw_thumbnail(painter, thumb_area, record, index.data(ThumbnailRole), palette)
        self._draw_badge(painter, thumb_area, _badge_text(record))
        text_left = card.left() + 12
        text_width = card.width() - 24
        y = thumb_area.bottom() + 9
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        metrics = QFontMetrics(title_font)
        title = record.title or record.original_name or "Untitled"
        lines = _two_lines(title, metrics, int(text_width))
        for line in lines:
            painter.drawText(
                QRectF(text_left, y, text_width, metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                line,
            )
            y += metrics.height()
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.88)
        painter.setFont(small)
        small_metrics = QFontMetrics(small)
        y = card.bottom() - 10 - small_metrics.height()
        dot = QRectF(text_left, y + small_metrics.height() / 2 - 4, 8, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(category_colour(record.category))
        painter.drawEllipse(dot)
        painter.setPen(secondary_text(palette))
        date = record.date_shown or NO_DATE.capitalize()
        meta = f"{date}  ·  {record.category_name}"
        meta = small_metrics.elidedText(meta, Qt.TextElideMode.ElideRight, int(text_width - 14))
        painter.drawText(
            QRectF(text_left + 14, y, text_width - 14, small_metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            meta,
        )
        painter.restore()

    def _draw_thumbnail(
        self,
        painter: QPainter,
        area: QRectF,
        record: Record,
        image: QImage | None,
        palette: QPalette,
    ) -> None:
        backdrop = QPainterPath()
        backdrop.addRoundedRect(area, 6, 6)
        dark_image = record.kind == "dicom"
        fill = QColor("#0d0f10") if dark_image else palette.color(QPalette.ColorRole.AlternateBase)
        painter.fillPath(backdrop, fill)
        if image is not None and not image.isNull():
            size = image.size().scaled(
                int(area.width()) - 16, int(area.height()) - 12, Qt.AspectRatioMode.KeepAspectRatio
            )
            target = QRectF(
                area.center().x() - size.width() / 2,
                area.center().y() - size.height() / 2,
                size.width(),
                size.height(),
            )
            if not dark_image:
                shadow = QColor(0, 0, 0, 40)
                painter.fillRect(target.translated(0, 1.5).adjusted(-1, -1, 1, 1), shadow)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, image)
            return
        colour = secondary_text(palette)
        colour.setAlpha(150)
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        pixmap = render_svg(KIND_ICONS.get(record.kind, "file"), 52, colour, ratio)
        painter.drawPixmap(int(area.center().x() - 26), int(area.center().y() - 26), pixmap)

    def _draw_badge(self, painter: QPainter, area: QRectF, text: str) -> None:
        font = QFont(painter.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        font.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(text) + 12
        rect = QRectF(area.left() + 6, area.top() + 6, width, metrics.height() + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(20, 24, 28, 170))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def _two_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """Wrap a title onto at most two lines, eliding the second."""
    words = text.split()
    first = ""
    while words and metrics.horizontalAdvance((first + " " + words[0]).strip()) <= width:
        first = (first + " " + words.pop(0)).strip()
    if not first:  # one very long word
        return [metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)]
    if not words:
        return [first]
    rest = metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width)
    return [first, rest]


class RecordGridView(QListView):
    """Thumbnail cards that flow with the window's width."""

    open_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordGrid")
        self.setAccessibleName("Records as thumbnails")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSpacing(0)
        self.setGridSize(CARD)
        self.setItemDelegate(RecordCardDelegate(self))
        self.setMouseTracking(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setViewportMargins(10, 8, 10, 8)
        self.activated.connect(self.open_requested)
        self.doubleClicked.connect(self.open_requested)

    def resizeEvent(self, event) -> None:
        """Stretch the cards a little so the columns fill the width evenly."""
        width = self.viewport().width() - 2
        columns = max(1, width // CARD.width())
        card_width = min(width // columns, int(CARD.width() * 1.3))
        if card_width != self.gridSize().width():
            self.setGridSize(QSize(card_width, CARD.height()))
        super().resizeEvent(event)


class RecordTableView(QTableView):
    """One line per record, sortable by date, title, category, person and kind."""

    open_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordTable")
        self.setAccessibleName("Records as a table")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setFrameShape(QTableView.Shape.NoFrame)
        self.setTabKeyNavigation(False)  # Tab leaves the table (rows are whole: arrows move)
        self.setIconSize(QSize(18, 18))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(32)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(60)
        self.activated.connect(self.open_requested)
        self.doubleClicked.connect(self.open_requested)
        self._fitting = False
        self.category_sized_by_person = self.date_sized_by_person = False
        self._widest_category = self._title_room = 0
        header.sectionResized.connect(self._section_resized)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        ring_current_row(self)

    def setModel(self, model) -> None:
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._fitting = True
        for column, width in _column_widths(self.fontMetrics()).items():
            header.resizeSection(column, width)
        self._fitting = False
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        model.reloaded.connect(self.measure_contents)
        self.measure_contents()

    def measure_contents(self) -> None:
        """Measure the category names the records have, their longest titles and dates that
        are periods (once per reading of the list, not at every resize), then fit the Date
        and Category columns."""
        metrics, model = self.fontMetrics(), self.model()
        self.fit_date_column(model.period_dates())
        self._widest_category = max(
            map(metrics.horizontalAdvance, model.category_names()), default=0
        )
        titles = [LONG_TITLE, *model.longest_titles()]
        self._title_room = max(map(metrics.horizontalAdvance, titles)) + self.iconSize().width()
        self.fit_category_column()

    def fit_date_column(self, periods: list[str]) -> None:
        """The Date column as wide as the widest date shown, a period ("3 Aug 2024 – 7 Aug
        2024") whole, unless a person has sized it."""
        if self.date_sized_by_person:
            return
        metrics = self.fontMetrics()
        widest = max(map(metrics.horizontalAdvance, periods), default=0) + CELL_PAD
        most = metrics.horizontalAdvance(LONG_PERIOD) + CELL_PAD
        self._fitting = True
        self.horizontalHeader().resizeSection(0, max(_column_widths(metrics)[0], min(widest, most)))
        self._fitting = False

    def fit_category_column(self) -> None:
        """The Category column as wide as the longest name of the categories the records are
        in ("Pathology / cytology"), out of the room the longest titles do not need (they come
        first), unless a person has sized it. A period in the Date column takes its extra
        room from here, down to a short name ("Pathology") with its dot."""
        if self.category_sized_by_person or self.model() is None:
            return
        header, metrics = self.horizontalHeader(), self.fontMetrics()
        usual_widths = _column_widths(metrics)
        wider_dates = max(0, header.sectionSize(0) - usual_widths[0])
        least = metrics.horizontalAdvance(SHORT_CATEGORY) + DOT_AND_PAD
        usual = max(least, usual_widths[2] - wider_dates)
        others = sum(header.sectionSize(c) for c in (0, 3, 4))
        room = self.viewport().width() - others - self._title_room - PAD
        self._fitting = True
        header.resizeSection(2, max(usual, min(self._widest_category + DOT_AND_PAD, room)))
        self._fitting = False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_category_column()

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == 2 and not self._fitting:
            self.category_sized_by_person = True
        if column == 0 and not self._fitting:
            self.date_sized_by_person = True


PAD = 28  # a cell's margins and the sort arrow
CELL_PAD = 12  # a cell's margins alone (a long date is wider than the heading and its arrow)
DOT_AND_PAD = 18 + PAD  # a category's coloured dot too
LONG_TITLE = "CT chest/abdomen/pelvis — 22 Apr 2024"  # a long title that should show whole
SHORT_CATEGORY = "Pathology"  # a category name the Category column always has room for
LONG_PERIOD = "30 Sep 2024 – 30 Sep 2024"  # the widest date the Date column makes room for


def _column_widths(metrics: QFontMetrics) -> dict[int, int]:
    """Date, category, person and kind columns as wide as their usual words need, so the
    title beside them gets the rest of the room."""
    return {
        0: metrics.horizontalAdvance("30 Sep 2024") + PAD,
        2: metrics.horizontalAdvance("Imaging report") + DOT_AND_PAD,
        3: metrics.horizontalAdvance("Maria Example") + PAD,
        4: metrics.horizontalAdvance("Imaging study") + PAD,
    }


def selected_rows(view: QAbstractItemView) -> list[int]:
    """The rows selected in a view, in order, each once."""
    model = view.selectionModel()
    if model is None:
        return []
    return sorted({index.row() for index in model.selectedIndexes()})


def visible_rect(view: QAbstractItemView) -> QRect:
    return view.viewport().rect()
