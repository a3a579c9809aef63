"""What an import did: imported, already there, skipped and failed files, with reasons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recordorg.gui.icons import icon
from recordorg.gui.theme import secondary_text
from recordorg.gui.window.import_patients import ImportPatients, patient_lines_text
from recordorg.jobs.import_report import ImportReport, Item

FILE_BY_PATIENT = "File each patient under their own person"
GROUPS = [
    ("failed", "Could not be imported", "error", "#c0392b"),
    ("imported", "Imported", "check", "#2e8b57"),
    ("duplicates", "Already in the library", "copy", None),
    ("skipped", "Skipped", "info", None),
]


def headline(report: ImportReport) -> tuple[str, str]:
    """The summary sentence and the line of counts under it."""
    c = report.counts()
    files = f"{c['imported']} file{'s' if c['imported'] != 1 else ''}"
    records = f"{c['records']} record{'s' if c['records'] != 1 else ''}"
    if report.stopped and not c["imported"] and not report.cancelled:
        head = f"Import stopped before any file was imported. {report.stopped}"
    elif report.cancelled or report.stopped:  # stopped: the full disk, in words, follows
        head = f"Import stopped. {files} were imported before stopping. {report.stopped}".strip()
    elif c["imported"]:
        head = f"Imported {files} into {records}."
    elif c["duplicates"] and not c["failed"]:
        head = "Everything was already in the library."
    else:
        head = "Nothing new was imported."
    parts = []
    if c["duplicates"]:
        parts.append(f"{c['duplicates']} already in the library")
    if c["skipped"]:
        parts.append(f"{c['skipped']} skipped")
    if c["failed"]:
        parts.append(f"{c['failed']} could not be imported")
    return head, " · ".join(parts) or ("" if report.stopped else "No problems.")


def _name(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1] or path


class ImportSummaryDialog(QDialog):
    """The summary at the end of an import; with `file_by_patient`, an import stopped for
    several patients offers to file each under their own person (or to cancel)."""

    def __init__(
        self,
        report: ImportReport,
        parent: QWidget | None = None,
        file_by_patient: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(
            "Import stopped" if report.cancelled or report.stopped else "Import finished"
        )
        self.setMinimumSize(620, 420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(12)
        head, counts = headline(report)
        top = QHBoxLayout()
        badge = QLabel()
        ok = not (report.failed or report.cancelled or report.stopped)
        badge.setPixmap(
            icon("check" if ok else "warning", "#2e8b57" if ok else "#c77d0a").pixmap(QSize(36, 36))
        )
        top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        self.heading = QLabel(head)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.counts = QLabel(counts)
        palette = self.counts.palette()
        palette.setColor(self.counts.foregroundRole(), secondary_text(palette))
        self.counts.setPalette(palette)
        words.addWidget(self.heading)
        words.addWidget(self.counts)
        top.addLayout(words, 1)
        layout.addLayout(top)
        self.patients = ImportPatients(report.patients) if report.patients else None
        if self.patients is not None:
            layout.addWidget(self.patients)
        self.tree = QTreeWidget()
        self.tree.setObjectName("importSummary")
        self.tree.setAccessibleName("Files and what became of them")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["File", "What happened"])
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 250)
        for key, title, icon_name, colour in GROUPS:
            items: list[Item] = getattr(report, key)
            if not items:
                continue
            group = QTreeWidgetItem([f"{title} ({len(items)})", ""])
            group.setIcon(0, icon(icon_name, colour))
            bold = QFont(self.tree.font())
            bold.setWeight(QFont.Weight.DemiBold)
            group.setFont(0, bold)
            group.setFirstColumnSpanned(False)
            self.tree.addTopLevelItem(group)
            for item in items:
                reason = item.reason or (f"Record {item.record_id}" if item.record_id else "")
                row = QTreeWidgetItem([_name(item.path), reason])
                row.setToolTip(0, item.path)
                row.setToolTip(1, reason)
                if key == "failed":
                    row.setForeground(1, QBrush(self.palette().color(self.foregroundRole())))
                group.addChild(row)
            group.setExpanded(key in ("failed", "skipped") or len(items) <= 12)
        layout.addWidget(self.tree, 1)
        if file_by_patient is not None and not self.tree.topLevelItemCount():
            self.tree.hide()  # no files to list: the question and its answers alone
            layout.setStretchFactor(self.tree, 0)
            layout.addStretch(1)
            self.setMinimumHeight(0)
            self.resize(self.minimumWidth(), self.sizeHint().height())
        if file_by_patient is not None:
            self.buttons = self._patient_choice(file_by_patient)
        else:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            copy = QPushButton(icon("copy"), "Copy List")
            copy.setAccessibleName("Copy the list of files to the clipboard")
            copy.clicked.connect(self.copy_list)
            self.buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)
        layout.addWidget(self.buttons)

    def _patient_choice(self, file_by_patient: Callable[[], None]) -> QDialogButtonBox:
        """The way forward from an import stopped for several patients: the same import
        again, each patient filed under their own person; or nothing."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        go_on = QPushButton(icon("person"), FILE_BY_PATIENT)
        go_on.setAccessibleName(FILE_BY_PATIENT)
        go_on.setToolTip(
            "Import the same files again; each patient's records go to a person of their own "
            "(a new person unless someone in the library is known to be them)."
        )
        buttons.addButton(go_on, QDialogButtonBox.ButtonRole.AcceptRole)
        go_on.setDefault(True)
        go_on.clicked.connect(file_by_patient)  # after the dialog closes (accepted first)
        return buttons

    def as_text(self) -> str:
        head, counts = headline(self.report)
        lines = [head, counts, *patient_lines_text(self.report.patients), ""]
        for key, title, _icon, _colour in GROUPS:
            for item in getattr(self.report, key):
                lines.append(f"{title}: {item.path}" + (f" — {item.reason}" if item.reason else ""))
        return "\n".join(lines)

    def copy_list(self) -> None:
        QGuiApplication.clipboard().setText(self.as_text())
