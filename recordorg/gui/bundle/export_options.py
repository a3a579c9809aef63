"""The right side of the export dialog: words for the reviewer, privacy, where to save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from recordorg.bundle.archive import passphrase_strength
from recordorg.bundle.deidentify import WARNING
from recordorg.bundle.plan import BundleOptions, random_shift
from recordorg.gui import settings


class ExportOptions(QWidget):
    """The export's options; `changed` fires on every change, `problem()` says what is
    missing."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        review = QGroupBox("For the reviewer")
        form = QFormLayout(review)
        self.question = QPlainTextEdit()
        self.question.setPlaceholderText("What should the reviewer answer?")
        self.question.setTabChangesFocus(True)
        self.question.setMaximumHeight(110)
        self.question.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form.addRow("Question:", self.question)
        self.contact = QLineEdit()
        self.contact.setPlaceholderText("name, phone or email")
        form.addRow("Contact:", self.contact)
        self.made_by = QLineEdit()
        form.addRow("Made by:", self.made_by)
        layout.addWidget(review)

        privacy = QGroupBox("Privacy")
        rows = QVBoxLayout(privacy)
        self.deidentify = QCheckBox("De-identify: remove names and identifiers")
        rows.addWidget(self.deidentify)
        self.remove_dates = QRadioButton("Remove dates (the timeline and treatment dates go too)")
        self.shift_dates = QRadioButton("Shift every date by")
        self.shift_dates.setToolTip(
            "Every date moves by the same number of days: the intervals between them stay, "
            "so the timeline and treatment lines still read right"
        )
        self.shift_dates.setChecked(True)
        self.shift_days = QSpinBox()
        self.shift_days.setAccessibleName("Days to shift every date by")
        self.shift_days.setRange(-36_500, 36_500)
        self.shift_days.setValue(
            random_shift()  # back one to ten years, kept secret
        )
        self.shift_days.setSuffix(" days")
        shift = QHBoxLayout()
        shift.addWidget(self.shift_dates)
        shift.addWidget(self.shift_days)
        shift.addStretch(1)
        group = QButtonGroup(self)
        group.addButton(self.remove_dates)
        group.addButton(self.shift_dates)
        rows.addWidget(self.remove_dates)
        rows.addLayout(shift)
        self.privacy_warning = QLabel(WARNING)
        self.privacy_warning.setWordWrap(True)
        self.privacy_warning.setObjectName("privacyWarning")
        rows.addWidget(self.privacy_warning)
        layout.addWidget(privacy)

        save = QGroupBox("Save as")
        form = QFormLayout(save)
        self.as_zip = QCheckBox("One zip file (else a folder)")
        form.addRow(self.as_zip)
        self.encrypt = QCheckBox("Encrypt with a passphrase (AES-256)")
        form.addRow(self.encrypt)
        self.passphrase, self.repeat = QLineEdit(), QLineEdit()
        for edit in (self.passphrase, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._validate)
        form.addRow("Passphrase:", self.passphrase)
        form.addRow("Again:", self.repeat)
        self.strength = QLabel()
        self.strength.setWordWrap(True)
        self.strength.setObjectName("passphraseStrength")
        form.addRow(self.strength)
        where = QHBoxLayout()
        self.target_edit = QLineEdit()
        self.target_edit.setAccessibleName("Where to save the bundle")
        self.target_edit.textChanged.connect(self._validate)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        where.addWidget(self.target_edit, 1)
        where.addWidget(browse)
        form.addRow("Save to:", where)
        layout.addWidget(save)
        layout.addStretch(1)
        for check in (self.deidentify, self.as_zip, self.encrypt, self.shift_dates):
            check.toggled.connect(self._validate)
        self._validate()

    def _browse(self) -> None:
        start = settings.start_folder("export/folder")
        name = "Case review.zip" if self.as_zip.isChecked() else "Case review"
        if self.as_zip.isChecked():
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Save the Bundle As", str(Path(start) / name), "Zip (*.zip)"
            )
        else:
            parent = QFileDialog.getExistingDirectory(
                self, "Choose Where to Make the Folder", start
            )
            chosen = str(Path(parent) / name) if parent else ""
        if chosen:
            self.target_edit.setText(chosen)
            settings.set_value("export/folder", str(Path(chosen).parent))

    def _validate(self) -> None:
        deid = self.deidentify.isChecked()
        for widget in (self.remove_dates, self.shift_dates, self.privacy_warning):
            widget.setEnabled(deid)
        self.shift_days.setEnabled(deid and self.shift_dates.isChecked())
        self.encrypt.setEnabled(self.as_zip.isChecked())
        encrypt = self.encrypt.isChecked() and self.as_zip.isChecked()
        for widget in (self.passphrase, self.repeat, self.strength):
            widget.setEnabled(encrypt)
        if encrypt:
            strength = passphrase_strength(self.passphrase.text())
            self.strength.setText(f"Strength: {strength.word}. {strength.hint}")
        else:
            self.strength.setText("")
        self.changed.emit()

    def problem(self) -> str:
        """What keeps these choices from making a bundle, in words; "" when nothing does."""
        target = self.target_edit.text().strip()
        if self.encrypt.isChecked() and self.as_zip.isChecked():
            if not passphrase_strength(self.passphrase.text()).acceptable:
                return "Choose a stronger passphrase."
            if self.passphrase.text() != self.repeat.text():
                return "The two passphrases differ."
        if not target:
            return "Choose where to save the bundle."
        if self.as_zip.isChecked() != target.lower().endswith(".zip"):
            return (
                "A zip file's name ends in .zip."
                if self.as_zip.isChecked()
                else "Untick “One zip file” to make a folder, or name it .zip."
            )
        return ""

    def options(self) -> BundleOptions:
        deid = self.deidentify.isChecked()
        encrypt = self.encrypt.isChecked() and self.as_zip.isChecked()
        return BundleOptions(
            deidentify=deid,
            date_shift_days=self.shift_days.value()
            if deid and self.shift_dates.isChecked()
            else None,
            remove_dates=deid and self.remove_dates.isChecked(),
            question=self.question.toPlainText(),
            contact=self.contact.text(),
            made_by=self.made_by.text(),
            passphrase=self.passphrase.text() if encrypt else None,
        )

    def target(self) -> Path:
        return Path(self.target_edit.text().strip()).expanduser()
