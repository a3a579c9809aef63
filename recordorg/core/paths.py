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


def resources_dir() -> Path:
    """The resources folder (icons, vocabularies, styles): beside the package in a source
    tree or an editable install, else where an install put it (<prefix>/share/recordorg)."""
    beside = Path(__file__).resolve().parents[2] / "resources"
    if beside.is_dir():
        return beside
    installed = Path(sys.prefix) / "share" / "recordorg" / "resources"
    return installed if installed.is_dir() else beside
