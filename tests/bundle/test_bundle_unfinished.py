"""Exports are built where a stopped one can be cleaned: in the library's staging area (or a
marked folder beside the target), removed by the next open and by `check --repair`; an
encrypted export never writes a readable byte to disk."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.bundle.verify import run_verify
from recordorg.core.catalogue import unfinished_exports
from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.unfinished_exports import ExportWork
from recordorg.jobs.export import export_bundle
from tests.bundle.conftest import PERSON

PASSPHRASE = "lamp river orbit cello"
READABLE = (b"Maria Example", b"%PDF", b"DICM", b"recordorg-bundle")


@pytest.fixture
def library_root(demo_library: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(demo_library, tmp_path / "library"))


def readable_files(*folders: Path) -> list[str]:
    """Files under these folders holding any readable piece of the records."""
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                found += [f"{path}: {word!r}" for word in READABLE if word in data]
    return found


def export_watching(root: Path, target: Path, watch, passphrase: str | None = None):
    """Export, calling watch() at every step of the export's progress."""
    library = Library.open(root)
    try:
        plan = plan_bundle(library, person=PERSON, options=BundleOptions(passphrase=passphrase))
        job = export_bundle(library, plan, target)
        while True:
            try:
                next(job)
            except StopIteration as stop:
                return stop.value
            watch()
    finally:
        library.close()


def test_an_encrypted_export_never_writes_a_readable_byte(
    library_root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    seen: list[str] = []

    def watch() -> None:
        seen.extend(readable_files(library_root / "staging", out))

    report = export_watching(library_root, out / "case.zip", watch, PASSPHRASE)
    assert not report.cancelled and report.encrypted
    assert seen == []  # not in staging, not beside the target, at any step
    assert readable_files(out) == []  # the finished zip: every member encrypted
    assert run_verify(out / "case.zip", PASSPHRASE).ok


@pytest.mark.parametrize("name", ["FOLDER", "case.zip"])
def test_exports_are_built_in_staging_not_beside_the_target(
    library_root: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    beside: set[str] = set()
    working: set[str] = set()

    def watch() -> None:
        beside.update(p.name for p in out.iterdir())
        working.update(p.name for p in (library_root / "staging").glob("export-*"))

    export_watching(library_root, out / name, watch)
    assert beside <= {name} and working  # nothing beside the target but the bundle
    assert not list((library_root / "staging").glob("export-*"))  # removed when done
    assert run_verify(out / name).ok


def test_on_another_file_system_the_work_is_marked_beside_the_target(
    library_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(unfinished_exports, "same_file_system", lambda a, b: False)
    out = tmp_path / "out"
    out.mkdir()
    marked: set[str] = set()

    def watch() -> None:
        for path in out.iterdir():
            if path.name.startswith(".recordorg-unfinished-export-"):
                assert (path / unfinished_exports.MARKER).is_file()
                marked.add(path.name)

    export_watching(library_root, out / "case.zip", watch, PASSPHRASE)
    assert marked and [p.name for p in out.iterdir()] == ["case.zip"]


def _stopped_export(staging: Path, target: Path) -> ExportWork:
    """The work folder of an export killed midway (its lock let go, nothing removed)."""
    work = ExportWork.start(staging, target)
    (work.build / "bundle").mkdir()
    (work.build / "bundle" / "README.TXT").write_text("Maria Example")
    os.close(work.lock_fd)
    return work


def test_the_next_open_removes_what_a_stopped_export_left(
    library_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = _stopped_export(library_root / "staging", tmp_path / "A")
    monkeypatch.setattr(unfinished_exports, "same_file_system", lambda a, b: False)
    beside = _stopped_export(library_root / "staging", tmp_path / "B.zip")
    assert beside.build.parent == tmp_path and beside.build.is_dir()
    library = Library.open(library_root)
    try:
        assert not here.home.exists() and not beside.home.exists()
        assert not beside.build.exists()
        report = check_library(library)
        assert report.ok and any(str(beside.build) in line for line in report.repaired)
    finally:
        library.close()


def test_check_reports_and_repairs_a_stopped_export(library_root: Path, tmp_path: Path) -> None:
    Library.open(library_root).close()
    work = _stopped_export(library_root / "staging", tmp_path / "A")
    library = Library(library_root)  # as a check that runs beside an open window sees it
    try:
        report = check_library(library)
        assert [p.what for p in report.problems] == ["unfinished-export"]
        assert work.home.exists()
        repaired = check_library(library, repair=True)
        assert repaired.ok and not work.home.exists()
        assert any("stopped" in line for line in repaired.repaired)
    finally:
        library.close()


def test_a_running_export_is_left_alone(library_root: Path, tmp_path: Path) -> None:
    running = ExportWork.start(library_root / "staging", tmp_path / "A")
    try:
        Library.open(library_root).close()
        assert running.home.exists()
        assert unfinished_exports.unfinished_exports(library_root / "staging") == []
    finally:
        running.finish()
    assert not running.home.exists()
