"""What every record viewer shares: the record it shows and a tidy toolbar."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from recordorg.core.catalogue.records import Record
from recordorg.gui.icons import icon


class RecordViewer(QWidget):
    """A tab showing one record; subclasses fill `toolbar` and the body."""

    def __init__(self, record: Record, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.record_id = record.id
        self.setAccessibleName(f"Viewer: {record.title}")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(0)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("viewerToolbar")
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setMovable(False)
        self.layout_.addWidget(self.toolbar)

    def tool(
        self,
        name: str,
        text: str,
        slot,
        shortcut: QKeySequence | str | None = None,
        tip: str | None = None,
    ) -> QAction:
        action = QAction(icon(name), text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        hint = tip or text
        if shortcut is not None:
            hint += f" ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(hint)
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    def tools_menu(self) -> QMenu:
        """The toolbar's commands as a menu, each with its key (not its fields and words)."""
        menu = QMenu(self)
        for action in self.toolbar.actions():
            if action.isSeparator():
                menu.addSeparator()
            elif action.isVisible() and action.text() and not isinstance(action, QWidgetAction):
                menu.addAction(action)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Right-click, the Menu key or Shift+F10 lists the viewer's commands."""
        menu = self.tools_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def spacer(self) -> None:
        gap = QWidget()
        gap.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(gap)

    def label(self, text: str = "") -> QLabel:
        label = QLabel(text)
        label.setContentsMargins(6, 0, 6, 0)
        label.setProperty("toolbarAction", self.toolbar.addWidget(label))
        return label

    @staticmethod
    def show_in_toolbar(widget: QWidget, visible: bool) -> None:
        """Widgets in a toolbar are shown and hidden through their toolbar action."""
        action = widget.property("toolbarAction")
        if action is not None:
            action.setVisible(visible)
