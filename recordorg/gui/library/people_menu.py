"""The sidebar's menu on a person: Person Details… (who they are, as records name them)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu, QWidget

from recordorg.gui.icons import icon
from recordorg.gui.library.person_details import PersonDetailsDialog
from recordorg.gui.library.sidebar import KeyRole, SectionRole


class PeopleMenu(QObject):
    """Right-click (or the menu key) on a person in the sidebar offers their details; saving
    them reloads the records, whose flags may have changed."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self.view = view
        self.dialog: PersonDetailsDialog | None = None
        tree = view.sidebar.tree
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._menu)

    def _menu(self, at: QPoint) -> None:
        tree = self.view.sidebar.tree
        menu = self.menu_at(at)
        if menu is not None:
            menu.exec(tree.viewport().mapToGlobal(at))

    def menu_at(self, at: QPoint) -> QMenu | None:
        """The menu of the person at this point of the sidebar (None off a person)."""
        tree = self.view.sidebar.tree
        item = tree.itemAt(at)
        if item is None or item.data(0, SectionRole) != "person":
            return None
        person = item.data(0, KeyRole)
        menu = QMenu(tree)
        action = menu.addAction(icon("person"), "Person Details…")
        action.triggered.connect(lambda: self.open_details(person))
        return menu

    def open_details(self, person: str) -> PersonDetailsDialog:
        """Open the person's details (window-modal); returns the dialog."""
        self.dialog = PersonDetailsDialog(self.view.conn, person, self.view.window())
        self.dialog.accepted.connect(self.view.reload_all)
        self.dialog.open()
        return self.dialog
