"""A disk that fills during an import or a backup: a clear message, nothing committed lost,
the library consistent, nothing half-made left behind."""

from __future__ import annotations

import re

import pytest

from recordorg.cli.main import main
from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.disk_space import DiskFull
from recordorg.core.catalogue.library import Library
from recordorg.core.progress import run_to_end
from recordorg.jobs.backup import back_up
from tests.jobs.conftest import run_import
from tests.jobs.small_disk import grow, noise_pictures, small_disk

FULL = re.compile(r"The disk holding the library is full: [\d.]+ (KB|MB) free, [\d.]+ MB needed")


def test_an_import_that_fills_the_disk_says_so_and_keeps_what_it_committed(tmp_path):
    pictures = noise_pictures(tmp_path / "photos", 8)  # about 3.8 MB
    with small_disk(tmp_path / "disk", 3) as disk:
        library = Library.open(disk / "library")
        try:
            with pytest.raises(DiskFull) as stopped:
                run_import(library, pictures, workers=1)
            assert FULL.search(str(stopped.value)), stopped.value
            assert "import the same files again" in str(stopped.value)
            kept = library.connection().execute("SELECT count(*) FROM records").fetchone()[0]
            assert 0 < kept < len(pictures)
            assert check_library(library).ok
            assert not any(library.staging.iterdir())
            grow(disk, 16)
            report = run_import(library, pictures, workers=1)
            assert len(report.imported) == len(pictures) - kept
            assert len(report.duplicates) == kept
            assert check_library(library).ok
        finally:
            library.close()


def test_the_command_line_says_the_disk_is_full_without_a_traceback(tmp_path, capsys):
    noise_pictures(tmp_path / "photos", 6)
    with small_disk(tmp_path / "disk", 2) as disk:
        code = main(["--library", str(disk / "library"), "import", str(tmp_path / "photos")])
        err = capsys.readouterr().err
        assert code == 2 and FULL.search(err), err
        assert "Traceback" not in err
        assert main(["--library", str(disk / "library"), "check"]) == 0


def test_a_backup_to_a_drive_too_small_is_refused_before_copying(tmp_path):
    pictures = noise_pictures(tmp_path / "photos", 6)  # about 2.9 MB
    library = Library.open(tmp_path / "library")
    try:
        run_import(library, pictures[:2])
        with small_disk(tmp_path / "usb", 2) as usb:
            first = run_to_end(back_up(library, usb))
            catalogue = (usb / "catalogue.sqlite").read_bytes()
            run_import(library, pictures[2:])
            with pytest.raises(DiskFull, match="The disk holding the backup is full"):
                run_to_end(back_up(library, usb))
            assert (usb / "catalogue.sqlite").read_bytes() == catalogue
            left = sorted(p.name for p in usb.iterdir())
            assert left == ["BACKUP.JSON", "catalogue.sqlite", "originals"]
            assert first.records == 2 and not first.same_disk and not first.notes
    finally:
        library.close()


def test_a_drive_that_fills_during_a_backup_keeps_the_last_backup_whole(tmp_path, monkeypatch):
    from recordorg.jobs import backup

    pictures = noise_pictures(tmp_path / "photos", 6)
    library = Library.open(tmp_path / "library")
    try:
        run_import(library, pictures[:1])
        with small_disk(tmp_path / "usb", 2) as usb:
            run_to_end(back_up(library, usb))
            catalogue = (usb / "catalogue.sqlite").read_bytes()
            run_import(library, pictures[1:])
            monkeypatch.setattr(backup, "check_room", lambda *a, **k: None)  # fills mid-copy
            with pytest.raises(DiskFull, match="The disk holding the backup is full"):
                run_to_end(back_up(library, usb))
            assert (usb / "catalogue.sqlite").read_bytes() == catalogue
            assert not list(usb.rglob("*.part"))  # no half-made copy or catalogue
    finally:
        library.close()
