"""The sidebar: all records, people, categories, tags, kinds (with counts) and dates."""

from __future__ import annotations

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recordorg.core.catalogue.browse import SidebarCounts
from recordorg.core.catalogue.records import RecordFilter
from recordorg.gui.icons import icon
from recordorg.gui.theme import category_colour, secondary_text
from recordorg.gui.widgets.any_date_edit import AnyDateEdit

SECTIONS = [
    ("person", "People", "person"),
    ("category", "Categories", "category"),
    ("tag", "Tags", "tag"),
    ("kind", "Kinds", None),
]
KIND_ICON = {"pdf": "document", "image": "photo", "dicom": "scan", "other": "file"}
SectionRole = Qt.ItemDataRole.UserRole + 10
KeyRole = Qt.ItemDataRole.UserRole + 11
NO_DATE = QDate(1900, 1, 1)


MIN_WIDTH, MAX_WIDTH = 220, 270


class Sidebar(QWidget):
    """Click an item to narrow the records; click it again (or All records) to widen."""

    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.active: dict[str, str] = {}
        self._updating = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.tree = QTreeWidget()
        self.tree.setObjectName("sidebarTree")
        self.tree.setAccessibleName("Narrow the records by person, category, tag or kind")
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(0)
        self.tree.setFrameShape(QTreeWidget.Shape.NoFrame)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.tree.setIconSize(QSize(16, 16))
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self._dates_box())

    def _dates_box(self) -> QWidget:
        box = QWidget()
        box.setObjectName("sidebarDates")
        grid = QGridLayout(box)
        grid.setContentsMargins(12, 8, 10, 12)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        title = QLabel("DATES")
        title.setObjectName("sidebarSection")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.82)
        font.setWeight(QFont.Weight.DemiBold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        title.setFont(font)
        palette = title.palette()
        palette.setColor(title.foregroundRole(), secondary_text(palette))
        title.setPalette(palette)
        self.clear_dates = QToolButton()
        self.clear_dates.setIcon(icon("close"))
        self.clear_dates.setAutoRaise(True)
        self.clear_dates.setToolTip("Any date")
        self.clear_dates.setAccessibleName("Clear the date range")
        self.clear_dates.clicked.connect(self.reset_dates)
        grid.addWidget(title, 0, 0)
        grid.addWidget(self.clear_dates, 0, 2, Qt.AlignmentFlag.AlignRight)
        self.date_from = self._date_edit("Records dated on or after")
        self.date_to = self._date_edit("Records dated on or before")
        grid.addWidget(QLabel("From"), 1, 0)
        grid.addWidget(self.date_from, 1, 1, 1, 2)
        grid.addWidget(QLabel("To"), 2, 0)
        grid.addWidget(self.date_to, 2, 1, 1, 2)
        self.clear_dates.setVisible(False)
        return box

    def _date_edit(self, accessible: str) -> AnyDateEdit:
        edit = AnyDateEdit(NO_DATE, "Any")
        edit.setAccessibleName(accessible)
        edit.setDisplayFormat("d MMM yyyy")
        edit.dateChanged.connect(self._dates_changed)
        return edit

    # -- contents -------------------------------------------------------------------------
    def set_counts(self, counts: SidebarCounts) -> None:
        """Fill the lists; keeps what is active if it still exists."""
        self._updating = True
        self.tree.clear()
        palette = self.palette()
        muted = secondary_text(palette)
        all_item = self._item(None, "", "All records", counts.total, icon("records"), muted)
        self.tree.addTopLevelItem(all_item)
        lists = {
            "person": [(c.key, c.label, c.records) for c in counts.people],
            "category": [
                (c.key, c.label, c.records)
                for c in counts.categories
                if c.records or self.active.get("category") == c.key
            ],
            "tag": [(c.key, c.label, c.records) for c in counts.tags],
            "kind": [(c.key, c.label, c.records) for c in counts.kinds if c.records],
        }
        for section, heading, icon_name in SECTIONS:
            entries = lists[section]
            if not entries:
                continue
            self.tree.addTopLevelItem(self._heading(heading))
            for key, label, number in entries:
                if section == "kind":
                    item_icon = icon(KIND_ICON.get(key, "file"))
                elif section == "category":
                    item_icon = icon("dot", category_colour(key))
                else:
                    item_icon = icon(icon_name or "file")
                self.tree.addTopLevelItem(self._item(section, key, label, number, item_icon, muted))
        for section in list(self.active):
            if section not in lists or self.active[section] not in {e[0] for e in lists[section]}:
                del self.active[section]
        if counts.first_date and self.date_from.date() == NO_DATE:
            self.date_from.setToolTip(f"The earliest record is dated {counts.first_date}")
        self._paint_active()
        self._updating = False

    def wanted_width(self) -> int:
        """As wide as the longest name and its count need (within bounds), so names such as
        "Clinic letter / consultation" are not cut while the window has room."""
        metrics = self.tree.fontMetrics()
        names = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        longest = max((metrics.horizontalAdvance(item.text(0)) for item in names), default=0)
        count = metrics.horizontalAdvance("10,000")
        return max(MIN_WIDTH, min(MAX_WIDTH, longest + count + self.tree.iconSize().width() + 36))

    def _heading(self, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text.upper(), ""])
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.82)
        font.setWeight(QFont.Weight.DemiBold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        item.setFont(0, font)
        item.setForeground(0, QBrush(secondary_text(self.palette())))
        item.setSizeHint(0, QSize(10, 34))
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, text)
        return item

    def _item(
        self, section: str | None, key: str, label: str, number: int, item_icon, muted: QColor
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem([label, f"{number:,}"])
        item.setIcon(0, item_icon)
        item.setData(0, SectionRole, section)
        item.setData(0, KeyRole, key)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setForeground(1, QBrush(muted))
        item.setSizeHint(0, QSize(10, 28))
        item.setToolTip(0, f"{label}: {number} record{'s' if number != 1 else ''}")
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{label}, {number} records")
        return item

    # -- choosing -------------------------------------------------------------------------
    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        section, key = item.data(0, SectionRole), item.data(0, KeyRole)
        if section is None:
            self.active.clear()
            self.reset_dates(emit=False)
        elif self.active.get(section) == key:
            del self.active[section]
        else:
            self.active[section] = key
        self._paint_active()
        self.filter_changed.emit()

    def select(self, section: str, key: str) -> None:
        """Narrow by one item (as a click would), for menus and tests."""
        self.active[section] = key
        self._paint_active()
        self.filter_changed.emit()

    def clear(self) -> None:
        self.active.clear()
        self.reset_dates(emit=False)
        self._paint_active()
        self.filter_changed.emit()

    def _paint_active(self) -> None:
        palette = self.palette()
        highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
        highlight.setAlpha(48)
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if not item.flags() & Qt.ItemFlag.ItemIsEnabled:
                continue
            section, key = item.data(0, SectionRole), item.data(0, KeyRole)
            on = (section is None and not self.active and not self.has_dates()) or (
                section is not None and self.active.get(section) == key
            )
            font = QFont(self.font())
            font.setWeight(QFont.Weight.DemiBold if on else QFont.Weight.Normal)
            item.setFont(0, font)
            brush = QBrush(highlight) if on else QBrush()
            item.setBackground(0, brush)
            item.setBackground(1, brush)

    def reset_dates(self, emit: bool = True) -> None:
        self._updating = True
        self.date_from.setDate(NO_DATE)
        self.date_to.setDate(NO_DATE)
        self._updating = False
        self.clear_dates.setVisible(False)
        if emit:
            self._paint_active()
            self.filter_changed.emit()

    def has_dates(self) -> bool:
        return self.date_from.date() != NO_DATE or self.date_to.date() != NO_DATE

    def _dates_changed(self) -> None:
        self.clear_dates.setVisible(self.has_dates())
        if not self._updating:
            self._paint_active()
            self.filter_changed.emit()

    def record_filter(self) -> RecordFilter:
        def iso(edit: QDateEdit) -> str | None:
            return None if edit.date() == NO_DATE else edit.date().toString("yyyy-MM-dd")

        return RecordFilter(
            person=self.active.get("person"),
            category=self.active.get("category"),
            tag=self.active.get("tag"),
            kind=self.active.get("kind"),
            date_from=iso(self.date_from),
            date_to=iso(self.date_to),
        )

    def describe(self) -> str:
        """What the records are narrowed to, in words, for the heading above them."""
        parts = []
        for section, _heading, _icon in SECTIONS:
            if section in self.active:
                parts.append(self._label_of(section, self.active[section]))
        if self.has_dates():
            low, high = self.record_filter().date_from, self.record_filter().date_to
            parts.append(f"{low or '…'} – {high or '…'}")
        return " · ".join(parts)

    def _label_of(self, section: str, key: str) -> str:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, SectionRole) == section and item.data(0, KeyRole) == key:
                return item.text(0)
        return key
