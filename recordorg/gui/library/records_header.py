"""The line above the records: what is shown, how many, Clear filters, grid or table."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QWidget

from recordorg.gui.icons import icon
from recordorg.gui.theme import secondary_text

MODES = (
    ("grid", "grid", "Show as thumbnails (Ctrl+1)"),
    ("table", "table", "Show as a table (Ctrl+2)"),
)


class RecordsHeader(QWidget):
    mode_chosen = Signal(str)
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordsHeader")
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 10, 12, 8)
        self.heading = QLabel("All records")
        self.heading.setObjectName("recordsHeading")
        self.count_label = QLabel()
        palette = self.count_label.palette()
        palette.setColor(self.count_label.foregroundRole(), secondary_text(palette))
        self.count_label.setPalette(palette)
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear filters")
        self.clear_button.setObjectName("linkButton")
        self.clear_button.setAccessibleName("Clear the filters")
        self.clear_button.clicked.connect(self.clear_requested)
        row.addWidget(self.heading)
        row.addSpacing(8)
        row.addWidget(self.count_label)
        row.addSpacing(6)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        self.mode_buttons = QButtonGroup(self)
        for mode, icon_name, tip in MODES:
            button = QToolButton()
            button.setObjectName(f"mode-{mode}")
            button.setIcon(icon(icon_name))
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setToolTip(tip)
            button.setAccessibleName(tip.split(" (")[0])
            button.clicked.connect(lambda _c=False, m=mode: self.mode_chosen.emit(m))
            self.mode_buttons.addButton(button)
            row.addWidget(button)

    def show_mode(self, mode: str) -> None:
        for button in self.mode_buttons.buttons():
            button.setChecked(button.objectName() == f"mode-{mode}")
