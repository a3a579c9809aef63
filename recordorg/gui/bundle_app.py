"""`recordorg open BUNDLE` with a screen: a window showing one verified bundle, read-only."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recordorg.bundle.reader import OpenedBundle


def run_bundle_window(opened: OpenedBundle) -> int:
    """Show the bundle (already verified) until the window is closed."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    from recordorg.bundle.reader import read_bundle
    from recordorg.gui.bundle_view import BundleView
    from recordorg.gui.icons import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("recordorg")
    app.setWindowIcon(app_icon())
    if opened.folder is None:  # a zip: unpack it (safely) so the viewers can read files
        opened = read_bundle(opened.path, None, unpack=True) if not opened.report.about.get(
            "encrypted") else opened
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
