"""Starting a window: the main window on a library, or one verified bundle read-only."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recordorg.bundle.reader import OpenedBundle


def run_app(args: argparse.Namespace) -> int:
    """Open the main window on --library, the demo (--demo), or the default library."""
    from PySide6.QtWidgets import QApplication

    from recordorg import __version__
    from recordorg.core.paths import default_library_path
    from recordorg.gui.errors import install_excepthook, start_log_file
    from recordorg.gui.icons import app_icon
    from recordorg.gui.theme import apply_theme
    from recordorg.gui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("recordorg")
    app.setApplicationDisplayName("recordorg")
    app.setOrganizationName("recordorg")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("recordorg")
    app.setWindowIcon(app_icon())
    from recordorg.gui.settings import value

    apply_theme(app, str(value("window/appearance", "system")))
    start_log_file()
    install_excepthook()
    window = MainWindow()
    window.show()
    if getattr(args, "demo", False):
        window.libraries.open_demo()
    else:
        window.libraries.open(getattr(args, "library", None) or default_library_path())
    return app.exec()


def run_bundle_app(opened: OpenedBundle) -> int:
    """`recordorg open BUNDLE` with a screen: the bundle (verified, and unpacked if it was a
    zip) shown read-only until the window closes."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    from recordorg.gui.bundle.view import BundleView
    from recordorg.gui.icons import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("recordorg")
    app.setWindowIcon(app_icon())
    window = QMainWindow()
    window.setWindowTitle(f"Case review: {opened.about.get('subject', '')} (read-only)")
    window.setCentralWidget(BundleView(opened))
    window.resize(1280, 860)
    window.show()
    try:
        return app.exec()
    finally:
        opened.close()
