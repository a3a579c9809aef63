"""Starting the window: the application object, its look, and the library to open."""

from __future__ import annotations

import argparse
import sys


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
        window.open_demo_library()
    else:
        window.open_library(getattr(args, "library", None) or default_library_path())
    return app.exec()
