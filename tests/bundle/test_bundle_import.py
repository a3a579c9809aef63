"""Importing a bundle: its records come back, its own index and metadata files do not."""

from __future__ import annotations

import json
from pathlib import Path

from recordorg.core.catalogue.library import Library
from recordorg.jobs.bundle_import import import_bundle
from tests.bundle.conftest import PERSON, run


def test_import_bundle_brings_records_not_bundle_files(bundle: Path, tmp_path: Path) -> None:
    library = Library.open(tmp_path / "clinic")
    report = run(import_bundle(library, bundle))
    conn = library.connection()
    about = json.loads((bundle / "MANIFEST.JSN").read_text())["about"]
    assert not report.failed
    assert len(report.records) == len(about["records"])
    skipped = {item.path for item in report.skipped}
    assert {
        "INDEX.HTM",
        "README.TXT",
        "REVIEW.PDF",
        "FHIR.JSN",
        "MANIFEST.JSN",
        "IHE_XDM/SUBSET01/METADATA.XML",
        "DICOMDIR",
    } <= skipped
    rows = conn.execute(
        "SELECT r.title, c.slug, r.clinical_date, r.notes, p.name FROM records r "
        "JOIN categories c ON c.id = r.category_id "
        "LEFT JOIN people p ON p.id = r.person_id"
    ).fetchall()
    described = sorted((row[0], row[1], row[2]) for row in rows)
    assert described == sorted((r["title"], r["category"], r["date"]) for r in about["records"])
    assert {row[4] for row in rows} == {PERSON}
    assert any("<script>" in row[3] for row in rows)  # the note, kept as text
    studies = conn.execute("SELECT count(*) FROM records WHERE kind = 'dicom'").fetchone()[0]
    assert studies == 3
    library.close()


def test_import_into_the_source_library_finds_only_duplicates(
    bundle: Path, demo_library: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "library"
    import shutil

    shutil.copytree(demo_library, copy)
    library = Library.open(copy)
    before = library.connection().execute("SELECT count(*) FROM records").fetchone()[0]
    report = run(import_bundle(library, bundle))
    after = library.connection().execute("SELECT count(*) FROM records").fetchone()[0]
    assert after == before and not report.imported
    assert len(report.duplicates) == len([p for p in bundle.rglob("*") if p.is_file()]) - 9
    library.close()


def test_a_zipped_bundle_imports_like_a_folder(bundle: Path, tmp_path: Path) -> None:
    from recordorg.bundle.archive import write_zip
    from recordorg.jobs.bundle_import import import_paths_and_bundles

    archive = write_zip(bundle, tmp_path / "bundle.zip")
    library = Library.open(tmp_path / "clinic")
    report = run(import_paths_and_bundles(library, [archive]))
    about = json.loads((bundle / "MANIFEST.JSN").read_text())["about"]
    assert len(report.records) == len(about["records"]) and not report.failed
    assert not list((tmp_path / "clinic" / "staging").iterdir())  # unpacked copy removed
    library.close()


def _zipped_on_a_small_disk(bundle: Path, tmp_path: Path, disk: Path) -> tuple[Path, Library]:
    from recordorg.bundle.archive import write_zip

    archive = write_zip(bundle, tmp_path / "bundle.zip")
    return archive, Library.open(disk / "clinic")


def _nothing_kept(library: Library, report, archive: Path) -> None:
    from recordorg.core.catalogue.check import check_library
    from recordorg.jobs.import_report import NOT_REACHED

    assert "The disk holding the library is full" in report.stopped
    assert "nothing of it was imported" in report.stopped
    assert [(i.path, i.reason) for i in report.failed] == [(str(archive), NOT_REACHED)]
    assert library.connection().execute("SELECT count(*) FROM records").fetchone()[0] == 0
    assert not any(library.staging.iterdir())  # the part unpacked is removed
    assert check_library(library).ok


def test_a_zipped_bundle_too_big_for_the_disk_is_refused_before_unpacking(
    bundle: Path, tmp_path: Path
) -> None:
    from recordorg.jobs.bundle_import import import_paths_and_bundles
    from tests.jobs.small_disk import small_disk

    with small_disk(tmp_path / "disk", 2) as disk:
        archive, library = _zipped_on_a_small_disk(bundle, tmp_path, disk)
        try:
            _nothing_kept(library, run(import_paths_and_bundles(library, [archive])), archive)
        finally:
            library.close()


def test_a_disk_that_fills_while_a_bundle_unpacks_stops_the_import_plainly(
    bundle: Path, tmp_path: Path, monkeypatch
) -> None:
    from recordorg.jobs import bundle_import
    from tests.jobs.small_disk import small_disk

    monkeypatch.setattr(bundle_import, "check_room", lambda *args: None)  # as if room was shown
    with small_disk(tmp_path / "disk", 2) as disk:
        archive, library = _zipped_on_a_small_disk(bundle, tmp_path, disk)
        try:
            report = run(bundle_import.import_paths_and_bundles(library, [archive]))
            _nothing_kept(library, report, archive)
        finally:
            library.close()
