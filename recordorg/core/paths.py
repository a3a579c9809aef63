"""Where things live: the default library folder and the bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

LIBRARY_ENV = "RECORDORG_LIBRARY"


def default_library_path() -> Path:
    """The library chosen by the environment variable, else the user-data folder."""
    chosen = os.environ.get(LIBRARY_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return Path(user_data_dir("recordorg", appauthor=False)) / "Library"


def demo_library_path() -> Path:
    """The demo library, generated on first use and kept apart from the user's own."""
    return Path(user_data_dir("recordorg", appauthor=False)) / "Demo library"


def frozen_resources_dir() -> Path | None:
    """The resources folder of the installed (frozen) application, or None when running from
    Python: unpacked beside the program's libraries (PyInstaller's `sys._MEIPASS`, the
    `_internal` folder of a one-folder build), else in a `resources` folder beside the program."""
    if not getattr(sys, "frozen", False):
        return None
    unpacked = getattr(sys, "_MEIPASS", None)
    candidates = [Path(unpacked) / "resources"] if unpacked else []
    candidates.append(Path(sys.executable).resolve().parent / "resources")
    return next((folder for folder in candidates if folder.is_dir()), candidates[0])


def resources_dir() -> Path:
    """The resources folder (icons, vocabularies, styles): inside the installed application
    when frozen, beside the package in a source tree or an editable install, else where an
    install put it (<prefix>/share/recordorg)."""
    frozen = frozen_resources_dir()
    if frozen is not None:
        return frozen
    beside = Path(__file__).resolve().parents[2] / "resources"
    if beside.is_dir():
        return beside
    installed = Path(sys.prefix) / "share" / "recordorg" / "resources"
    return installed if installed.is_dir() else beside


def readable(path: str | os.PathLike[str]) -> str:
    """A path as a person reads it: bytes a name holds that are not UTF-8 (an old disc's
    `latin1_\\xe9.pdf`) shown as '�', so it can be stored, printed and listed."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "replace")


def undecodable(path: str | os.PathLike[str]) -> bool:
    """True if a path's name holds bytes that are not UTF-8 (kept apart to read it again)."""
    return readable(path) != os.fspath(path)
