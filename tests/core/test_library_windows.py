"""The library's stored files on Windows, whose rules differ: a read-only file cannot be
removed, and a folder cannot be opened to sync it."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from recordorg.core.catalogue import library as library_module
from recordorg.core.catalogue.library import Library, keep_in_originals, stage_copy, sync_folders


def _as_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Removing a read-only file fails, as Windows makes it."""
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self.exists() and not os.stat(self).st_mode & stat.S_IWRITE:
            raise PermissionError(13, "Access is denied", str(self))
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    monkeypatch.setattr(sys, "platform", "win32")


def _kept(library: Library, tmp_path: Path, text: bytes) -> Path:
    source = tmp_path / "letter.pdf"
    source.write_bytes(text)
    return keep_in_originals(stage_copy(source, library.staging), library.originals)


def test_an_original_no_record_uses_is_removed_on_windows(tmp_path, monkeypatch) -> None:
    library = Library.open(tmp_path / "lib")
    kept = _kept(library, tmp_path, b"%PDF-1.4 one")
    orphan = _kept(library, tmp_path, b"%PDF-1.4 two")
    assert not os.stat(kept).st_mode & stat.S_IWRITE  # stored read-only
    _as_on_windows(monkeypatch)
    library.forget_original(kept.name)
    removed = library.empty_staging()
    monkeypatch.undo()
    assert not kept.exists() and not orphan.exists()
    assert removed == 1
    library.close()


def test_other_systems_still_report_a_file_they_may_not_remove(tmp_path, monkeypatch) -> None:
    stored = tmp_path / "kept"
    stored.write_bytes(b"x")

    def refused(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "unlink", refused)
    with pytest.raises(PermissionError):
        library_module.remove_stored(stored)


def test_folders_are_not_opened_to_sync_them_on_windows(tmp_path, monkeypatch) -> None:
    def no_folders(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(13, "Access is denied")

    monkeypatch.setattr(library_module.os, "open", no_folders)
    monkeypatch.setattr(sys, "platform", "win32")
    sync_folders({tmp_path})  # nothing to do there, and no error
    monkeypatch.undo()
    with pytest.raises(PermissionError):
        monkeypatch.setattr(library_module.os, "open", no_folders)
        sync_folders({tmp_path})  # elsewhere it does open the folder
