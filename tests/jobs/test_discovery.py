"""Discovery: what is read, what is set aside, and why, before any file is opened fully."""

from __future__ import annotations

import os
from pathlib import Path

from recordorg.jobs import discovery


def test_unreadable_file_fails_alone(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4 locked away")
    (tmp_path / "fine.txt").write_text("a note")
    real_sniff = discovery.sniff

    def sniff(path: Path):
        if path.name == "secret.pdf":  # as for a file of another user (tests run as root)
            raise PermissionError(13, "Permission denied")
        return real_sniff(path)

    monkeypatch.setattr(discovery, "sniff", sniff)
    found = discovery.discover([tmp_path])
    assert [(p.name, r) for p, r in found.failed] == [
        ("secret.pdf", "This file cannot be read (permission denied).")
    ]
    assert [c.path.name for c in found.candidates] == ["fine.txt"]


def test_links_are_followed_once_and_loops_stop(tmp_path: Path) -> None:
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (inner / "scan.txt").write_text("x")
    os.symlink(tmp_path / "a", inner / "back-to-a")
    os.symlink(inner / "scan.txt", tmp_path / "link-to-scan.txt")
    os.symlink(tmp_path / "nowhere", tmp_path / "broken")
    found = discovery.discover([tmp_path])
    names = sorted(c.path.name for c in found.candidates)
    assert names == ["link-to-scan.txt", "scan.txt"]
    reasons = {p.name: r for p, r in found.skipped}
    assert "already read" in reasons["back-to-a"]
    assert "broken" in reasons["broken"].lower()


def test_missing_path_is_reported(tmp_path: Path) -> None:
    found = discovery.discover([tmp_path / "not-here"])
    assert found.failed == [(tmp_path / "not-here", "This file or folder does not exist.")]


def test_library_inside_the_imported_folder_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "library" / "originals").mkdir(parents=True)
    (tmp_path / "library" / "originals" / "abc").write_text("stored")
    (tmp_path / "letter.txt").write_text("hello")
    found = discovery.discover([tmp_path], library_root=tmp_path / "library")
    assert [c.path.name for c in found.candidates] == ["letter.txt"]


def test_an_empty_file_on_a_disc_is_set_aside_as_empty(tmp_path: Path) -> None:
    (tmp_path / "DICOMDIR").write_bytes(b"\0" * 128 + b"DICM")
    (tmp_path / "REPORT.PDF").write_bytes(b"")
    (tmp_path / "AUTORUN.INF").write_text("[autorun]\nopen=viewer.exe\n")
    found = discovery.discover([tmp_path])
    reasons = {path.name: why for path, why in found.skipped}
    assert reasons["REPORT.PDF"].startswith("This file on the disc is empty (0 bytes)")
    assert "empty" not in reasons["AUTORUN.INF"]
