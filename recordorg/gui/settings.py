"""Window and user preferences kept between runs (QSettings), and the recent libraries."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

RECENT_MAX = 8


def settings() -> QSettings:
    """The preferences file, found afresh each time (so tests can point it elsewhere)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return QSettings(str(Path(folder) / "recordorg" / "window.ini"), QSettings.Format.IniFormat)


def recent_libraries() -> list[Path]:
    value = settings().value("recent/libraries", [])
    if isinstance(value, str):
        value = [value]
    return [Path(v) for v in (value or []) if v]


def remember_library(path: Path) -> None:
    """Put a library at the top of the recent list."""
    path = Path(path).expanduser().resolve()
    recent = [p for p in recent_libraries() if p != path]
    store = settings()
    store.setValue("recent/libraries", [str(p) for p in [path, *recent][:RECENT_MAX]])
    store.setValue("recent/last", str(path))
    store.sync()


def forget_library(path: Path) -> None:
    recent = [p for p in recent_libraries() if p != Path(path)]
    store = settings()
    store.setValue("recent/libraries", [str(p) for p in recent])
    store.sync()


def value(key: str, default: object = None) -> object:
    return settings().value(key, default)


def start_folder(key: str) -> str:
    """Where a file dialog opens: the folder last used for `key` while it still exists, else
    the home folder (a folder that is missing would end up typed in the dialog's name field)."""
    last = str(value(key, "") or "")
    return last if last and Path(last).is_dir() else str(Path.home())


def set_value(key: str, data: object) -> None:
    store = settings()
    store.setValue(key, data)
    store.sync()
