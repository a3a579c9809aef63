"""Backing a library up and restoring it: incremental, checked, equal to the original."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from recordorg.core.catalogue.backups import backup_due, last_backup
from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.library import Library, hash_file
from recordorg.core.errors import LibraryTooNew, UserError
from recordorg.core.progress import CancelToken, run_to_end
from recordorg.jobs.backup import MANIFEST_NAME, back_up, backup_folder
from recordorg.jobs.restore import restore
from recordorg.samples.documents import make_text_pdf
from tests.bundle.conftest import demo_library  # noqa: F401 (fixture)
from tests.jobs.conftest import run_import


@pytest.fixture
def family(demo_library: Path, tmp_path: Path) -> Library:  # noqa: F811
    """A copy of the demo library (records, a study, a case review) for this test alone."""
    root = tmp_path / "family"
    shutil.copytree(demo_library, root)
    library = Library.open(root)
    yield library
    library.close()


def contents(root: Path) -> dict[str, list[tuple]]:
    """Every row of every table but the settings, in a stable order."""
    conn = sqlite3.connect(root / "catalogue.sqlite")
    try:
        tables = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if name != "settings"
        ]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }
    finally:
        conn.close()


def originals(root: Path) -> dict[str, str]:
    found = sorted((root / "originals").glob("*/*"))
    return {p.name: hash_file(p) for p in found}


def test_a_restored_library_equals_the_original_and_passes_check(family, tmp_path):
    family.connection().execute("UPDATE records SET imported_at = '2025-01-01T00:00:00+00:00'")
    report = run_to_end(back_up(family, tmp_path / "drive"))
    assert report.records > 0 and report.copied == report.originals > 1
    restored = run_to_end(restore(tmp_path / "drive", tmp_path / "restored"))
    assert restored.records == report.records
    again = Library.open(tmp_path / "restored")
    try:
        assert check_library(again).ok
        assert last_backup(again.connection()) == report.made_at
        assert not backup_due(again.connection())
    finally:
        again.close()
    before, after = contents(family.root), contents(tmp_path / "restored")
    assert before["records"] and before["pages"] and before["case_entries"]
    assert after == before
    assert originals(tmp_path / "restored") == originals(family.root)
    assert all(name == digest for name, digest in originals(tmp_path / "restored").items())
    assert not (tmp_path / "restored" / "cache" / "thumbnails").exists()  # cache not copied


def test_a_second_backup_copies_only_new_records_and_says_when_it_was_made(family, tmp_path):
    conn = family.connection()
    conn.execute("UPDATE records SET imported_at = '2025-01-01T00:00:00+00:00'")  # long ago
    assert last_backup(conn) is None and backup_due(conn)
    first = run_to_end(back_up(family, tmp_path / "drive"))
    manifest = json.loads((tmp_path / "drive" / MANIFEST_NAME).read_text())
    assert manifest["made_at"] == first.made_at == last_backup(conn)
    assert manifest["records"] == first.records and manifest["originals"] == first.originals
    assert not backup_due(conn)
    assert run_to_end(back_up(family, tmp_path / "drive")).copied == 0
    new = tmp_path / "new" / "letter.pdf"
    new.parent.mkdir()
    make_text_pdf(new, "Clinic letter", ["Seen after the backup on 03/03/2025."])
    run_import(family, [new])
    assert backup_due(conn)
    third = run_to_end(back_up(family, tmp_path / "drive"))
    assert (third.copied, third.records) == (1, first.records + 1)
    assert not (tmp_path / "drive" / ".catalogue.sqlite.part").exists()


def test_a_copy_that_reads_back_wrong_fails_the_backup_and_keeps_the_last_one(family, tmp_path):
    run_to_end(back_up(family, tmp_path / "drive"))
    catalogue = (tmp_path / "drive" / "catalogue.sqlite").read_bytes()
    damaged = next((tmp_path / "drive" / "originals").glob("*/*"))
    damaged.chmod(0o644)
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size: only the hash can tell
    damaged.write_bytes(bytes(data))
    with pytest.raises(UserError, match="read back wrong"):
        run_to_end(back_up(family, tmp_path / "drive"))
    assert (tmp_path / "drive" / "catalogue.sqlite").read_bytes() == catalogue


def test_restore_never_writes_over_a_folder_with_something_in_it(family, tmp_path):
    run_to_end(back_up(family, tmp_path / "drive"))
    target = tmp_path / "busy"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    with pytest.raises(UserError, match="not empty"):
        run_to_end(restore(tmp_path / "drive", target))
    assert [p.name for p in target.iterdir()] == ["keep.txt"]
    with pytest.raises(UserError, match="not a recordorg backup"):
        run_to_end(restore(target, tmp_path / "elsewhere"))


def test_a_drive_holding_other_files_gets_a_backup_folder_restore_finds(family, tmp_path):
    drive = tmp_path / "usb"
    drive.mkdir()
    (drive / "holiday.jpg").write_bytes(b"not ours")
    assert backup_folder(drive) == drive / "recordorg backup"
    run_to_end(back_up(family, drive))
    assert (drive / "recordorg backup" / MANIFEST_NAME).exists()
    assert run_to_end(restore(drive, tmp_path / "restored")).records > 0


def test_a_cancelled_backup_leaves_no_catalogue_and_no_partial_file(family, tmp_path):
    cancel = CancelToken()
    job = back_up(family, tmp_path / "drive", cancel=cancel)
    next(job)
    cancel.cancel()
    report = run_to_end(job)
    assert report.cancelled
    assert not (tmp_path / "drive" / "catalogue.sqlite").exists()
    assert not (tmp_path / "drive" / ".catalogue.sqlite.part").exists()
    assert last_backup(family.connection()) is None


def test_a_damaged_backup_restores_nothing(family, tmp_path):
    run_to_end(back_up(family, tmp_path / "drive"))
    damaged = next((tmp_path / "drive" / "originals").glob("*/*"))
    damaged.chmod(0o644)
    damaged.write_bytes(damaged.read_bytes()[:-1] + b"?")
    with pytest.raises(UserError, match="damaged"):
        run_to_end(restore(tmp_path / "drive", tmp_path / "restored"))
    assert not any((tmp_path / "restored").iterdir())


def test_an_unfinished_restore_is_cleared_where_read_only_files_cannot_be_removed(
    family, tmp_path, monkeypatch
):
    """As on Windows: a read-only file is refused removal until it is made writable."""
    run_to_end(back_up(family, tmp_path / "drive"))
    damaged = sorted((tmp_path / "drive" / "originals").glob("*/*"))[-1]
    damaged.chmod(0o644)
    damaged.write_bytes(damaged.read_bytes()[:-1] + b"?")
    unlink = os.unlink

    def windows_unlink(path, *, dir_fd=None) -> None:
        if not os.stat(path, dir_fd=dir_fd, follow_symlinks=False).st_mode & 0o200:
            raise PermissionError(13, "Access is denied", str(path))
        unlink(path, dir_fd=dir_fd)

    monkeypatch.setattr(os, "unlink", windows_unlink)
    monkeypatch.setattr("recordorg.core.catalogue.library.sys.platform", "win32")
    with pytest.raises(UserError, match="damaged"):
        run_to_end(restore(tmp_path / "drive", tmp_path / "restored"))
    assert not any((tmp_path / "restored").iterdir())


def test_a_drive_that_is_not_there_is_not_made_on_the_computers_own_disk(family, tmp_path):
    unplugged = tmp_path / "media" / "USB STICK"
    with pytest.raises(UserError, match="is the drive plugged in"):
        run_to_end(back_up(family, unplugged / "backups"))
    assert not unplugged.exists()


def test_a_backup_inside_the_library_is_refused_and_one_on_its_disk_is_noted(family, tmp_path):
    with pytest.raises(UserError, match="inside the library"):
        run_to_end(back_up(family, family.root / "backup"))
    assert not (family.root / "backup").exists()
    report = run_to_end(back_up(family, tmp_path / "drive"))
    assert report.same_disk and "same disk as the library" in report.notes[0]


def test_a_backup_from_a_newer_recordorg_is_refused_before_copying(family, tmp_path):
    run_to_end(back_up(family, tmp_path / "drive"))
    conn = sqlite3.connect(tmp_path / "drive" / "catalogue.sqlite")
    conn.execute("PRAGMA user_version = 9999")
    conn.close()
    with pytest.raises(LibraryTooNew):
        run_to_end(restore(tmp_path / "drive", tmp_path / "restored"))
    assert not (tmp_path / "restored").exists()


def test_a_restored_library_signs_bundles_with_the_same_key(family, tmp_path):
    from recordorg.bundle.signature import KEY_FILE, library_key

    before = library_key(family.root).fingerprint
    run_to_end(back_up(family, tmp_path / "drive"))
    run_to_end(restore(tmp_path / "drive", tmp_path / "restored"))
    key = tmp_path / "restored" / KEY_FILE
    assert key.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert library_key(tmp_path / "restored").fingerprint == before
