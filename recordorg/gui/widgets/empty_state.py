"""Friendly pages for when there is nothing to show: an empty library, no matches, waiting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from recordorg.gui.icons import icon, render_svg
from recordorg.gui.theme import secondary_text


class EmptyState(QWidget):
    """A large picture, a sentence, a softer explanation and a few buttons."""

    def __init__(
        self, picture: str, title: str, text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        box = QVBoxLayout(self)
        box.addStretch(2)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._picture_name = picture
        box.addWidget(self.picture)
        box.addSpacing(8)
        self.title = QLabel(title)
        self.title.setObjectName("emptyTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.title)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setMaximumWidth(520)
        self.text.setMinimumWidth(420)
        palette = self.text.palette()
        palette.setColor(self.text.foregroundRole(), secondary_text(palette))
        self.text.setPalette(palette)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.text)
        row.addStretch(1)
        box.addLayout(row)
        box.addSpacing(14)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        box.addLayout(self.buttons)
        self.links = QVBoxLayout()
        self.links.setContentsMargins(0, 10, 0, 0)
        box.addLayout(self.links)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setFixedSize(240, 6)
        self.progress.hide()
        progress_row = QHBoxLayout()
        progress_row.addStretch(1)
        progress_row.addWidget(self.progress)
        progress_row.addStretch(1)
        box.addLayout(progress_row)
        box.addStretch(3)
        self._buttons_done = False

    def add_button(
        self, text: str, icon_name: str | None, slot, *, primary: bool = False, accessible: str = ""
    ) -> QPushButton:
        button = QPushButton(text)
        if icon_name:
            button.setIcon(icon(icon_name))
        button.setAccessibleName(accessible or text)
        button.setDefault(primary)
        button.setObjectName("primaryButton" if primary else "")
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def add_link(self, text: str, slot) -> QToolButton:
        link = QToolButton()
        link.setObjectName("linkButton")
        link.setText(text)
        link.setCursor(Qt.CursorShape.PointingHandCursor)
        link.clicked.connect(slot)
        self.links.addWidget(link, 0, Qt.AlignmentFlag.AlignHCenter)
        return link

    def finish_buttons(self) -> None:
        if not self._buttons_done:
            self.buttons.addStretch(1)
            self._buttons_done = True

    def showEvent(self, event) -> None:
        colour = secondary_text(self.palette())
        colour.setAlpha(170)
        self.picture.setPixmap(render_svg(self._picture_name, 88, colour, self.devicePixelRatioF()))
        super().showEvent(event)


EMPTY_TITLE = "Your library is empty"
EMPTY_TEXT = (
    "Drag PDFs, photos of letters, folders or the CD from the hospital onto this "
    "window, or choose what to import. Everything stays on this computer."
)
IMPORTING_TITLE = "Importing your records…"
IMPORTING_TEXT = (
    "They appear here as they are read; how far the import has come shows below. "
    "Everything stays on this computer."
)


class EmptyLibraryPage(EmptyState):
    """What a new library shows: drop here, or import, or look at the demo first; while an
    import runs, that records are on their way (and no second import is offered)."""

    def __init__(self, import_requested, demo_requested) -> None:
        super().__init__("drop", EMPTY_TITLE, EMPTY_TEXT)
        self.choices = [
            self.add_button(
                "Import Files…", "import", lambda: import_requested("files"), primary=True
            ),
            self.add_button("Import Folder…", "folder", lambda: import_requested("folder")),
            self.add_button("Import a CD…", "disc", lambda: import_requested("disc")),
        ]
        self.finish_buttons()
        self.choices.append(self.add_link("Or look around the demo library first", demo_requested))

    def set_importing(self, importing: bool) -> None:
        self.title.setText(IMPORTING_TITLE if importing else EMPTY_TITLE)
        self.text.setText(IMPORTING_TEXT if importing else EMPTY_TEXT)
        for choice in self.choices:
            choice.setEnabled(not importing)
            choice.setVisible(not importing)


def no_match_page(clear) -> EmptyState:
    page = EmptyState(
        "search", "No records match", "Try other words, or widen the filters on the left."
    )
    page.add_button("Clear Filters and Search", None, clear)
    page.finish_buttons()
    return page
