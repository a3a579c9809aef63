"""Tags as removable chips, with a field that completes from the library's tags."""

from __future__ import annotations

from PySide6.QtCore import QSize, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from recordorg.gui.icons import icon
from recordorg.gui.widgets.clear_button import offer_clear_button
from recordorg.gui.widgets.flow_layout import FlowLayout


class TagChip(QWidget):
    remove_requested = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagChip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.name = name
        layout = QHBoxLayout(self)
        layout.setContentsMargins(9, 2, 3, 2)
        layout.setSpacing(2)
        label = QLabel(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        remove = QToolButton()
        remove.setObjectName("tagChipRemove")
        remove.setIcon(icon("close"))
        remove.setIconSize(QSize(12, 12))
        remove.setAutoRaise(True)
        remove.setToolTip(f"Remove the tag “{name}”")
        remove.setAccessibleName(f"Remove tag {name}")
        remove.clicked.connect(lambda: self.remove_requested.emit(self.name))
        layout.addWidget(label)
        layout.addWidget(remove)


class TagEditor(QWidget):
    """Shows a record's tags; emits added/removed as the user changes them."""

    tag_added = Signal(str)
    tag_removed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        self.chips = QWidget()
        self.flow = FlowLayout(self.chips, spacing=5)
        self.flow.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Add a tag…")
        self.field.setAccessibleName("Add a tag")
        offer_clear_button(self.field, "Clear the tag typed")
        self._names = QStringListModel()
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.field.setCompleter(completer)
        self.field.returnPressed.connect(self._add_typed)
        completer.activated.connect(lambda _text: self._add_typed())
        outer.addWidget(self.chips)
        outer.addWidget(self.field)
        self._tags: list[str] = []

    def set_known_tags(self, names: list[str]) -> None:
        self._names.setStringList(names)

    def set_tags(self, tags: list[str]) -> None:
        self._tags = list(tags)
        while self.flow.count():
            item = self.flow.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for name in tags:
            chip = TagChip(name)
            chip.remove_requested.connect(self.tag_removed)
            self.flow.addWidget(chip)
        self.chips.setVisible(bool(tags))

    def tags(self) -> list[str]:
        return list(self._tags)

    def _add_typed(self) -> None:
        names = [" ".join(t.split()) for t in self.field.text().split(",")]
        self.field.clear()
        for name in names:
            if name and name.lower() not in {t.lower() for t in self._tags}:
                self.tag_added.emit(name)
