"""Errors as readable dialogs: the user's own problems as-is, bugs with the log behind."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from recordorg.core.errors import UserError

log = logging.getLogger("recordorg.gui")


def log_file() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericStateLocation)
    return Path(folder or Path.home() / ".local" / "state") / "recordorg" / "recordorg.log"


def start_log_file() -> Path:
    """Log warnings and errors (never record text or names) to a file the user can send."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    return path


USER_ERROR_TITLE = "This could not be done"
BUG_TITLE = "Something went wrong"


def show_error(
    parent: QWidget | None,
    error: BaseException,
    *,
    title: str = "",
    details: str | None = None,
) -> None:
    """A message box: a UserError's words as they are, anything else as a bug; its title
    says which, unless the caller names what failed."""
    box = QMessageBox(parent)
    user_can_fix = isinstance(error, UserError)
    box.setWindowTitle(title or (USER_ERROR_TITLE if user_can_fix else BUG_TITLE))
    if user_can_fix:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(str(error))
        if details:
            box.setDetailedText(details)
    else:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setText("Something went wrong. Your records are safe; this was not your doing.")
        box.setInformativeText(f"The details below are also written to the log:\n{log_file()}")
        trace = details or "".join(traceback.format_exception(error))
        box.setDetailedText(trace)
        log.error("unexpected error: %s", trace)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def show_message(
    parent: QWidget | None, text: str, informative: str = "", *, title: str = "For your information"
) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    if informative:
        box.setInformativeText(informative)
    box.exec()


def install_excepthook() -> None:
    """Show uncaught errors in a dialog instead of ending the program silently."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        app = QApplication.instance()
        if app is None:
            previous(kind, error, tb)
            return
        show_error(QApplication.activeWindow(), error, details=details)

    sys.excepthook = hook
