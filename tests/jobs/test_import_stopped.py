"""An import that meets a full disk while bringing a file into the library ends with its
summary: what was imported before, each file it did not reach, and the library consistent.
(The full disk is simulated here; test_disk_full.py fills a real one where it can.)"""

from __future__ import annotations

import errno
from datetime import datetime
from pathlib import Path

import pytest

from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.library import Library
from recordorg.core.progress import run_to_end
from recordorg.jobs import commit
from recordorg.jobs.bundle_import import import_paths_and_bundles
from recordorg.jobs.import_report import NOT_REACHED
from recordorg.samples.documents import make_text_pdf
from tests.bundle.conftest import bundle, demo_library  # noqa: F401 (fixtures)
from tests.jobs.conftest import run_import


def letters(folder: Path, count: int) -> list[Path]:
    return [
        make_text_pdf(
            folder / f"letter-{n}.pdf",
            f"Clinic letter {n}",
            [f"Seen in clinic, visit {n}."],
            creation_date=datetime(2025, 1, 1 + n),
        )
        for n in range(count)
    ]


def fill_the_disk_at_the_third_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bringing the third file into the library fails as a full disk does (ENOSPC)."""
    keep = commit.Committer.commit
    calls = []

    def commit_until_full(self, candidate, ingested, report):
        calls.append(candidate.path)
        if len(calls) >= 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return keep(self, candidate, ingested, report)

    monkeypatch.setattr(commit.Committer, "commit", commit_until_full)


def test_an_import_stopped_by_a_full_disk_ends_with_its_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_the_disk_at_the_third_file(monkeypatch)
    files = letters(tmp_path / "in", 5)
    library = Library.open(tmp_path / "library")
    try:
        report = run_import(library, files, workers=1)
        assert report.stopped.startswith("The disk holding the library is full")
        assert "import the same files again" in report.stopped
        imported = {Path(i.path).name for i in report.imported}
        assert imported == {"letter-0.pdf", "letter-1.pdf"}
        assert len(report.records) == 2
        assert {Path(i.path).name for i in report.failed} == {
            "letter-2.pdf",
            "letter-3.pdf",
            "letter-4.pdf",
        }
        assert {i.reason for i in report.failed} == {NOT_REACHED}
        assert report.to_json()["stopped"] == report.stopped
        conn = library.connection()
        assert conn.execute("SELECT count(*) FROM records").fetchone()[0] == 2
        assert check_library(library).ok
        assert not any(library.staging.iterdir())

        monkeypatch.undo()  # room again: the same files bring in the rest
        again = run_import(library, files, workers=1)
        assert (len(again.imported), len(again.duplicates), again.stopped) == (3, 2, "")
        assert check_library(library).ok
    finally:
        library.close()


def test_paths_after_a_stop_are_listed_as_not_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    """An import of a bundle and other files: when the bundle's records fill the disk, the
    other files are listed as not reached, and the bundle's case review waits for the rest."""
    made = request.getfixturevalue("bundle")  # made before the disk fills
    fill_the_disk_at_the_third_file(monkeypatch)
    loose = letters(tmp_path / "loose", 2)
    library = Library.open(tmp_path / "library")
    try:
        report = run_to_end(import_paths_and_bundles(library, [made, *loose], workers=1))
        assert report.stopped.startswith("The disk holding the library is full")
        assert len(report.imported) == 2
        left_out = {Path(i.path).name for i in report.failed if i.reason == NOT_REACHED}
        assert {"letter-0.pdf", "letter-1.pdf", "CASE.JSN"} <= left_out
        assert library.connection().execute("SELECT count(*) FROM case_entries").fetchone()[0] == 0
        assert check_library(library).ok
    finally:
        library.close()
