"""The Library Settings dialog: reading numeric dates, applying categories, OCR languages."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from recordorg.core.catalogue.settings import AUTO_CATEGORY, DATE_ORDER, OCR_LANGUAGES, get_setting
from recordorg.core.catalogue.settings import set_setting as store_setting
from recordorg.core.errors import UserError
from recordorg.core.understanding.stored import library_order_votes
from recordorg.formats.ocr import PREFERRED_LANGUAGES
from recordorg.gui.errors import show_error
from recordorg.gui.library.details_parts import field_label, heading_font, muted
from recordorg.gui.widgets.flow_layout import FlowLayout

LANGUAGE_NAMES = {
    "eng": "English",
    "deu": "German",
    "fra": "French",
    "spa": "Spanish",
    "ita": "Italian",
    "nld": "Dutch",
    "por": "Portuguese",
    "pol": "Polish",
    "swe": "Swedish",
    "dan": "Danish",
    "nor": "Norwegian",
    "fin": "Finnish",
    "ces": "Czech",
    "ell": "Greek",
    "tur": "Turkish",
    "ron": "Romanian",
    "hun": "Hungarian",
    "rus": "Russian",
    "ukr": "Ukrainian",
    "ara": "Arabic",
    "heb": "Hebrew",
    "hin": "Hindi",
    "chi_sim": "Chinese (simplified)",
    "chi_tra": "Chinese (traditional)",
    "jpn": "Japanese",
    "kor": "Korean",
}
DATE_CHOICES = (
    ("auto", "Decide from the records (recommended)"),
    ("day-first", "Day first: 03/04/2025 is 3 April 2025"),
    ("month-first", "Month first: 03/04/2025 is March 4, 2025"),
)
SLIDER_STEP = 5


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def ocr_languages() -> tuple[list[str], str]:
    """The languages Tesseract can read, or ([], why not and how to install it)."""
    from recordorg.formats.ocr import OcrUnavailable, installed_languages

    try:
        return [code for code in installed_languages() if code != "osd"], ""
    except (OcrUnavailable, OSError) as error:
        return [], str(error)


def auto_words(installed: list[str]) -> str:
    text = "Every installed one of English, German, French, Spanish and Italian"
    here = [language_name(code) for code in PREFERRED_LANGUAGES if code in installed]
    return text + (f"; here: {', '.join(here)}." if here else ".")


def dates(count: int) -> str:
    return "none" if count == 0 else f"{count} date" + ("s" if count != 1 else "")


def threshold_words(percent: int) -> str:
    if percent >= 100:
        return "Never: only suggest"
    if percent <= 0:
        return "Always use the best guess"
    return f"When at least {percent}% sure"


class LibrarySettingsDialog(QDialog):
    """Settings kept in the library itself, so every window and command agree on them."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        parent: QWidget | None = None,
        languages: Callable[[], tuple[list[str], str]] = ocr_languages,
    ) -> None:
        super().__init__(parent)
        self.conn = conn
        self.changed: set[str] = set()  # the settings saved with a new value
        self.setWindowTitle("Library Settings")
        self.setObjectName("librarySettings")
        self.setMinimumWidth(560)
        box = QVBoxLayout(self)
        box.setContentsMargins(22, 18, 22, 16)
        box.setSpacing(6)
        title = QLabel("Library Settings")
        title.setFont(heading_font(title))
        box.addWidget(title)
        box.addWidget(
            self._wrapped(
                "Kept in this library, so every window and the command line read records the same "
                "way. Dates and categories a person has set are never changed."
            )
        )
        box.addSpacing(8)
        self._date_section(box)
        box.addSpacing(10)
        self._category_section(box)
        box.addSpacing(10)
        self._language_section(box, *languages())
        box.addStretch(1)
        box.addSpacing(8)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("primaryButton")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        self._languages_changed()

    def showEvent(self, event: QShowEvent) -> None:
        """Tall enough for every wrapped explanation (a dialog does not work it out itself)."""
        super().showEvent(event)
        needed = self.layout().totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    @staticmethod
    def _wrapped(text: str) -> QLabel:
        label = muted(QLabel(text))
        label.setWordWrap(True)
        return label

    # -- sections ---------------------------------------------------------------------------
    def _date_section(self, box: QVBoxLayout) -> None:
        box.addWidget(field_label("Dates written only in numbers"))
        box.addWidget(
            self._wrapped(
                "Is 03/04/2025 the 3rd of April or March 4th? A record's other dates usually tell; "
                "this decides when they do not."
            )
        )
        self.date_group = QButtonGroup(self)
        current = get_setting(self.conn, DATE_ORDER.key)
        self.date_buttons: dict[str, QRadioButton] = {}
        for key, text in DATE_CHOICES:
            button = QRadioButton(text)
            button.setChecked(key == current)
            self.date_group.addButton(button)
            self.date_buttons[key] = button
            box.addWidget(button)
            if key == "auto":
                box.addWidget(self._order_seen())

    def _order_seen(self) -> QLabel:
        day, month = library_order_votes(self.conn)
        if day or month:
            text = (
                f"So far {dates(day)} in this library could only be read day-first, and "
                f"{dates(month)} only month-first."
            )
        else:
            text = "No record has told yet; until one does, dates are read day-first."
        label = self._wrapped(text)
        label.setContentsMargins(24, 0, 0, 2)
        return label

    def _category_section(self, box: QVBoxLayout) -> None:
        box.addWidget(field_label("Setting categories by themselves"))
        box.addWidget(
            self._wrapped(
                "When recordorg is at least this sure what kind of record a file is, it sets the "
                "category itself; below that it only suggests one in the details. A category you "
                "chose yourself is never changed."
            )
        )
        row = QHBoxLayout()
        self.threshold = QSlider(Qt.Orientation.Horizontal)
        self.threshold.setAccessibleName("How sure before a category is set automatically")
        self.threshold.setRange(0, 100)
        self.threshold.setSingleStep(SLIDER_STEP)
        self.threshold.setPageStep(10)
        self.threshold.setTickInterval(10)
        self.threshold.setTickPosition(QSlider.TickPosition.TicksBelow)
        share = float(get_setting(self.conn, AUTO_CATEGORY.key))
        self.threshold.setValue(round(share * 100))
        self.threshold_label = QLabel()
        self.threshold_label.setMinimumWidth(190)
        self.threshold.valueChanged.connect(self._threshold_moved)
        row.addWidget(self.threshold, 1)
        row.addWidget(self.threshold_label)
        box.addLayout(row)
        self._threshold_moved(self.threshold.value())

    def _language_section(self, box: QVBoxLayout, installed: list[str], problem: str) -> None:
        box.addWidget(field_label("Languages of scans and photos (OCR)"))
        current = get_setting(self.conn, OCR_LANGUAGES.key)
        wanted = [] if current == "auto" else current.split("+")
        self.missing = QLabel(problem)
        self.missing.setObjectName("settingsWarning")
        self.missing.setWordWrap(True)
        self.missing.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.missing.setVisible(bool(problem))
        box.addWidget(self.missing)
        self.auto_languages = QCheckBox("Choose for me")
        self.auto_languages.setChecked(current == "auto")
        self.auto_languages.toggled.connect(self._languages_changed)
        box.addWidget(self.auto_languages)
        self.auto_explained = self._wrapped(auto_words(installed))
        self.auto_explained.setContentsMargins(24, 0, 0, 0)
        box.addWidget(self.auto_explained)
        self.language_boxes: dict[str, QCheckBox] = {}
        self.language_list = QWidget()
        row = FlowLayout(self.language_list, spacing=14)
        row.setContentsMargins(24, 2, 0, 2)
        for code in sorted(set(installed) | set(wanted), key=language_name):
            check = QCheckBox(
                language_name(code) + ("" if code in installed else " (not installed)")
            )
            check.setChecked(code in wanted)
            check.setEnabled(code in installed)
            check.toggled.connect(self._languages_changed)
            self.language_boxes[code] = check
            row.addWidget(check)
        box.addWidget(self.language_list)
        self.language_hint = self._wrapped("Pages already read are not read again.")
        box.addWidget(self.language_hint)
        self.auto_languages.setEnabled(bool(installed) or current != "auto")

    # -- reacting -----------------------------------------------------------------------------
    def _threshold_moved(self, value: int) -> None:
        self.threshold_label.setText(threshold_words(value))

    def _languages_changed(self, *_args: object) -> None:
        auto = self.auto_languages.isChecked()
        self.language_list.setVisible(not auto and bool(self.language_boxes))
        self.auto_explained.setVisible(auto)
        ticked = self.languages_value() != ""
        self.language_hint.setText(
            "Pages already read are not read again."
            if ticked
            else "Tick at least one language, or let recordorg choose."
        )
        self.save_button.setEnabled(ticked)

    # -- values ---------------------------------------------------------------------------------
    def date_order_value(self) -> str:
        return next(k for k, b in self.date_buttons.items() if b.isChecked())

    def threshold_value(self) -> str:
        return f"{self.threshold.value() / 100:g}"

    def languages_value(self) -> str:
        if self.auto_languages.isChecked():
            return "auto"
        return "+".join(code for code, check in self.language_boxes.items() if check.isChecked())

    def save(self) -> None:
        """Store what changed and close; a refused value is explained and the dialog stays."""
        wanted = {
            DATE_ORDER.key: self.date_order_value(),
            AUTO_CATEGORY.key: self.threshold_value(),
            OCR_LANGUAGES.key: self.languages_value(),
        }
        try:
            for key, value in wanted.items():
                if get_setting(self.conn, key) != value:
                    store_setting(self.conn, key, value)
                    self.changed.add(key)
        except UserError as error:
            show_error(self, error)
            return
        self.accept()
