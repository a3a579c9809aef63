"""The window on a screen of twice the density (run in a process of its own, since the scale
is set before Qt starts): prints as JSON what is drawn blurred (a picture with fewer pixels
than the screen shows it with) or cut (a label smaller than its words)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QListWidget,
    QTreeWidget,
    QWidget,
)

import recordorg.gui  # noqa: F401  (its PySide6 guard must load first)


def wait(app: QApplication, until, seconds: float = 10) -> bool:
    from time import monotonic, sleep

    end = monotonic() + seconds
    while monotonic() < end:
        app.processEvents()
        if until():
            return True
        sleep(0.02)
    return False


def blurred_icon(icon: QIcon, shown: QSize, ratio: float) -> bool:
    """An icon whose best picture for `shown` has fewer pixels than the screen draws."""
    if icon.isNull() or shown.isEmpty():
        return False
    pixmap = icon.pixmap(shown, ratio)
    needed = pixmap.size().scaled(shown * ratio, Qt.AspectRatioMode.KeepAspectRatio)
    return pixmap.width() < needed.width() - 2 * ratio


def _item_icons(widget: QWidget) -> list[tuple[str, QIcon]]:
    if isinstance(widget, QListWidget):
        return [(widget.item(n).text(), widget.item(n).icon()) for n in range(widget.count())]
    if isinstance(widget, QTreeWidget):
        items = [widget.topLevelItem(n) for n in range(widget.topLevelItemCount())]
        return [(item.text(0), item.icon(0)) for item in items]
    return []


def _blurred(widget: QWidget, ratio: float) -> list[str]:
    """What in a widget is drawn from fewer pixels than the screen has for it."""
    found = []
    if isinstance(widget, QAbstractButton) and blurred_icon(
        widget.icon(), widget.iconSize(), ratio
    ):
        found.append("its icon")
    if isinstance(widget, QListWidget | QTreeWidget):
        found += [
            f"item {text!r}"
            for text, icon in _item_icons(widget)
            if blurred_icon(icon, widget.iconSize(), ratio)
        ]
    if isinstance(widget, QLabel):
        pixmap = widget.pixmap()
        if not pixmap.isNull() and pixmap.devicePixelRatio() < ratio - 0.01:
            found.append("its picture")
    return found


def _cut(label: QLabel) -> bool:
    """Words in a label smaller than they need (one line too narrow, or wrapped too low)."""
    if not label.text():
        return False
    if label.wordWrap():
        return label.height() < label.heightForWidth(label.width()) - 1
    return label.width() < label.minimumSizeHint().width() - 1


def look(root: QWidget, where: str, ratio: float) -> dict[str, list[str]]:
    blurred, cut = [], []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        name = (
            f"{where}: {type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}"
        )
        blurred += [f"{name} {part}" for part in _blurred(widget, ratio)]
        if isinstance(widget, QLabel) and _cut(widget):
            cut.append(f"{name} {widget.text()[:40]!r}")
    return {"blurred": blurred, "cut": cut}


def main(demo: Path, work: Path) -> dict:
    from recordorg.gui.bundle.export_dialog import ExportDialog
    from recordorg.gui.theme import apply_theme
    from recordorg.gui.window.main_window import MainWindow

    app = QApplication([])
    app.setApplicationName("recordorg")
    apply_theme(app)
    library = work / "library"
    shutil.copytree(demo, library)
    window = MainWindow()
    window.resize(1360, 860)
    window.show()
    assert window.libraries.open(library)
    view = window.library_view
    wait(app, lambda: view.model.rowCount() > 0)
    ratio = window.devicePixelRatioF()
    found: dict[str, list[str]] = {"blurred": [], "cut": [], "seen": []}

    def add(root: QWidget, where: str) -> None:
        wait(app, lambda: False, 0.3)
        for key, values in look(root, where, ratio).items():
            found[key] += values
        found["seen"].append(where)

    view.select_ids([view.model.record_id(0)])
    add(window, "library")
    for name in ("Case Review", "Timeline"):
        window.tabs.setCurrentWidget(window.views[name])
        add(window, name)
    dialog = ExportDialog(window.library, [], window)
    dialog.show()
    add(dialog, "export dialog")
    dialog.close()
    for kind in ("pdf", "dicom"):
        record = next(
            view.model.record_id(r)
            for r in range(view.model.rowCount())
            if view.model.record_at(r).kind == kind
        )
        window.open_record(record)
        viewer = window.tabs.currentWidget()
        pictures = viewer.findChild(QListWidget)
        wait(app, lambda p=pictures: p is not None and not p.item(0).icon().isNull())
        add(viewer, f"{kind} viewer")
    found["ratio"] = ratio
    window.close()
    return found


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
