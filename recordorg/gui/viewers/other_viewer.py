"""Files the window cannot show itself: what they are, and ways to open them elsewhere."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from recordorg.core.catalogue.records import Record
from recordorg.core.wording import human_size
from recordorg.gui.icons import icon, render_svg
from recordorg.gui.theme import secondary_text
from recordorg.gui.viewers.base import RecordViewer


class OtherViewer(RecordViewer):
    open_elsewhere = Signal(int)
    save_copy = Signal(int)

    def __init__(
        self,
        record: Record,
        reason: str = "",
        parent: QWidget | None = None,
        *,
        with_actions: bool = True,
    ):
        super().__init__(record, parent)
        self.toolbar.hide()
        body = QWidget()
        box = QVBoxLayout(body)
        box.addStretch(1)
        picture = QLabel()
        picture.setPixmap(
            render_svg("file", 72, secondary_text(self.palette()), self.devicePixelRatioF())
        )
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(picture)
        name = QLabel(record.original_name or record.title)
        name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        name.setObjectName("emptyTitle")
        box.addWidget(name)
        text = reason or "recordorg keeps this file safely but cannot show it here."
        hint = QLabel(f"{text}\n{record.mime or 'Unknown type'} · {human_size(record.size)}")
        self.message = hint
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        box.addWidget(hint)
        row = QHBoxLayout()
        row.addStretch(1)
        open_button = QPushButton(icon("open-external"), "Open in Another Application")
        open_button.clicked.connect(lambda: self.open_elsewhere.emit(record.id))
        save_button = QPushButton(icon("save"), "Save a Copy…")
        save_button.clicked.connect(lambda: self.save_copy.emit(record.id))
        row.addWidget(open_button)
        row.addWidget(save_button)
        open_button.setVisible(with_actions)  # no file to open (e.g. missing from a bundle)
        save_button.setVisible(with_actions)
        row.addStretch(1)
        box.addSpacing(10)
        box.addLayout(row)
        box.addStretch(2)
        self.layout_.addWidget(body, 1)
