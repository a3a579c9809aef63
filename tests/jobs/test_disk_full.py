"""A disk that fills during an import or a backup: a clear message, nothing committed lost,
the library consistent, nothing half-made left behind."""

from __future__ import annotations

import re

import pytest

from recordorg.cli.importing import SOME_FAILED
from recordorg.cli.main import main
from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.disk_space import DiskFull
from recordorg.core.catalogue.library import Library
from recordorg.core.progress import run_to_end
from recordorg.jobs.backup import back_up
from recordorg.jobs.import_report import NOT_REACHED
from tests.jobs.conftest import run_import
from tests.jobs.small_disk import grow, noise_pictures, small_disk

FULL = re.compile(r"The disk holding the library is full: [\d.]+ (KB|MB) free, [\d.]+ MB needed")


def test_an_import_that_fills_the_disk_says_so_and_keeps_what_it_committed(tmp_path):
    pictures = noise_pictures(tmp_path / "photos", 8)  # about 3.8 MB
    with small_disk(tmp_path / "disk", 3) as disk:
        library = Library.open(disk / "library")
        try:
            report = run_import(library, pictures, workers=1)
            assert FULL.search(report.stopped), report.stopped
            assert "import the same files again" in report.stopped
            kept = library.connection().execute("SELECT count(*) FROM records").fetchone()[0]
            assert 0 < kept < len(pictures)
            assert len(report.imported) == kept and len(report.records) == kept
            assert {i.reason for i in report.failed} == {NOT_REACHED}
            assert len(report.failed) == len(pictures) - kept  # every photo is accounted for
            assert check_library(library).ok
            assert not any(library.staging.iterdir())
            grow(disk, 16)
            report = run_import(library, pictures, workers=1)
            assert len(report.imported) == len(pictures) - kept
            assert len(report.duplicates) == kept
            assert check_library(library).ok and not report.stopped
        finally:
            library.close()


def test_the_command_line_ends_a_full_disk_import_with_its_summary(tmp_path, capsys):
    noise_pictures(tmp_path / "photos", 6)
    with small_disk(tmp_path / "disk", 2) as disk:
        code = main(["--library", str(disk / "library"), "import", str(tmp_path / "photos")])
        out, err = capsys.readouterr()
        assert code == SOME_FAILED and FULL.search(err), err
        assert "Traceback" not in err
        assert re.search(r"Import stopped before the end\. Imported [0-5] file\(s\)", out), out
        assert "FAILED" in out and NOT_REACHED in out
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
