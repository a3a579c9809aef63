"""A bundle's files and folders are flushed to the disk before the rename that makes it
the target, and the rename after it: a power cut leaves no bundle or a complete one."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from recordorg.jobs.durable import sync_written
from tests.bundle.conftest import demo_library, export  # noqa: F401 (fixture)


class DiskLog:
    """What reached the disk, in order: each fsync (by the file's identity) and each rename."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[tuple] = []
        real_fsync, real_rename, real_replace = os.fsync, os.rename, os.replace

        def fsync(fd: int) -> None:
            self.events.append(("fsync", _identity(os.fstat(fd))))
            real_fsync(fd)

        def rename(source, target) -> None:
            real_rename(source, target)
            self.events.append(("rename", Path(target)))

        def replace(source, target) -> None:
            real_replace(source, target)
            self.events.append(("rename", Path(target)))

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "rename", rename)
        monkeypatch.setattr(os, "replace", replace)

    def synced(self, before: int | None = None) -> set[tuple[int, int]]:
        """What was fsynced (before the event numbered `before`, if given)."""
        return {e[1] for e in self.events[:before] if e[0] == "fsync"}

    def renamed_to(self, target: Path) -> int:
        (at,) = [n for n, e in enumerate(self.events) if e == ("rename", target)]
        return at


def _identity(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_dev, stat.st_ino


def _everything_in(target: Path) -> dict[Path, tuple[int, int]]:
    paths = [target, *target.rglob("*")] if target.is_dir() else [target]
    return {p: _identity(p.stat()) for p in paths}


@pytest.mark.parametrize("name", ["BUNDLE", "bundle.zip"])
def test_a_bundle_is_on_the_disk_before_it_is_renamed_into_place(
    demo_library: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    disk = DiskLog(monkeypatch)
    target = export(demo_library, tmp_path / name)
    made = _everything_in(target)
    assert len(made) >= (1 if name.endswith(".zip") else 20)
    renamed = disk.renamed_to(target)
    before = disk.synced(before=renamed)
    files = {p: i for p, i in made.items() if p.is_file()}
    assert not {p for p, i in files.items() if i not in before}  # every file's bytes
    if sys.platform != "win32":  # and every folder naming them
        assert not {p for p, i in made.items() if i not in before}
        after = {e[1] for e in disk.events[renamed:] if e[0] == "fsync"}
        assert _identity(tmp_path.stat()) in after  # and the rename itself, after it


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_folders_are_synced_only_where_the_system_can(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    bundle = tmp_path / "work" / "bundle"
    (bundle / "DICOM" / "ST000001").mkdir(parents=True)
    for relative in ("INDEX.HTM", "DICOM/ST000001/IM000001", "DICOM/ST000001/IM000002"):
        (bundle / relative).write_bytes(b"synthetic")
    disk = DiskLog(monkeypatch)
    monkeypatch.setattr(sys, "platform", platform)
    sync_written(bundle)
    monkeypatch.undo()
    made = _everything_in(bundle)
    files = {i for p, i in made.items() if p.is_file()}
    folders = {i for p, i in made.items() if p.is_dir()} | {_identity(bundle.parent.stat())}
    if platform == "win32":
        assert disk.synced() == files  # a folder cannot be opened to sync on Windows
    else:
        assert disk.synced() == files | folders
