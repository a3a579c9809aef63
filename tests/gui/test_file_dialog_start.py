"""File dialogs open in the folder last used, or home: never a missing folder's name typed in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from recordorg.gui import settings


def _asked_folder(window, monkeypatch) -> str:
    asked: list[str] = []

    def fake_open(parent, caption, folder, filters=""):
        asked.append(folder)
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_open))
    window.imports.choose_files()
    assert len(asked) == 1
    return asked[0]


def test_import_starts_in_the_last_folder_or_home(window, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    window.libraries.open(tmp_path / "library")
    settings.set_value("import/folder", "")
    assert _asked_folder(window, monkeypatch) == str(tmp_path / "home")  # not "…/Documents"
    settings.set_value("import/folder", str(tmp_path / "gone"))  # a folder since removed
    assert _asked_folder(window, monkeypatch) == str(tmp_path / "home")
    last = tmp_path / "scans from the clinic"
    last.mkdir()
    settings.set_value("import/folder", str(last))
    assert Path(_asked_folder(window, monkeypatch)) == last
