"""`recordorg open BUNDLE` with a screen: a window showing one verified bundle, read-only."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recordorg.bundle.reader import OpenedBundle


def run_bundle_window(opened: OpenedBundle) -> int:
    """Show the bundle (verified, and unpacked if it was a zip) until the window closes."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    from recordorg.gui.bundle.view import BundleView
    from recordorg.gui.icons import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("recordorg")
    app.setWindowIcon(app_icon())
    window = QMainWindow()
    window.setWindowTitle(f"Case review: {opened.about.get('subject', '')} (read-only)")
    view = BundleView(opened)
    window.setCentralWidget(view)
    window.resize(1280, 860)
    window.show()
    try:
        return app.exec()
    finally:
        opened.close()
