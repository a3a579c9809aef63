"""An image arriving with the ID of one in the library: the intact copy is the one kept."""

from __future__ import annotations

import json
from pathlib import Path

from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.database import now, transaction
from recordorg.core.catalogue.library import StagedFile, hash_file, keep_in_originals, stage_copy
from recordorg.formats.readers import read_file
from recordorg.jobs.candidates import Candidate
from recordorg.jobs.commit import Committer
from recordorg.jobs.import_report import ImportReport
from recordorg.jobs.worker import Ingested
from recordorg.samples.dicom import make_series
from tests.jobs.conftest import run_import


def _store_as_it_came(library, damaged: Path, header_from: Path) -> None:
    """Put a damaged copy in the library as an older, less careful import would have."""
    conn = library.connection()
    with transaction(conn):
        batch = conn.execute(
            "INSERT INTO batches(started_at, sources) VALUES (?, ?)", (now(), json.dumps([]))
        ).lastrowid
    staged = stage_copy(damaged, library.staging)
    kept = keep_in_originals(staged, library.originals)
    header = read_file(header_from, "dicom")
    ingested = Ingested(StagedFile(kept, staged.sha256, staged.size), header)
    candidate = Candidate(damaged, "dicom", staged.size, 0.0)
    assert Committer(library, conn, batch, None).commit(candidate, ingested, ImportReport())


def _stored_hash(library) -> str:
    return library.connection().execute("SELECT sha256 FROM dicom_instances").fetchone()[0]


def test_an_intact_image_replaces_a_damaged_copy_in_the_study(library, tmp_path) -> None:
    intact = make_series(tmp_path / "ct", slices=1)[0]
    damaged = tmp_path / "damaged.dcm"
    damaged.write_bytes(intact.read_bytes()[:-5000])  # its image data cut short
    _store_as_it_came(library, damaged, intact)
    damaged_copy = library.original_path(_stored_hash(library))
    report = run_import(library, [intact])
    assert report.duplicates == [] and report.failed == []
    assert "Replaced a damaged copy" in report.imported[0].reason
    assert _stored_hash(library) == hash_file(intact)
    assert not damaged_copy.exists()
    row = library.connection().execute("SELECT size FROM records").fetchone()
    assert row["size"] == intact.stat().st_size
    assert check_library(library).ok


def test_two_intact_files_with_one_image_id_are_reported_plainly(library, tmp_path) -> None:
    first = make_series(tmp_path / "ct", slices=1)[0]
    run_import(library, [first])
    other = tmp_path / "other.dcm"
    data = bytearray(first.read_bytes())
    data[-10] ^= 0xFF  # one pixel differs: both read as intact
    other.write_bytes(bytes(data))
    report = run_import(library, [other])
    assert len(report.duplicates) == 1
    assert "same image ID" in report.duplicates[0].reason
    assert _stored_hash(library) == hash_file(first)
    assert check_library(library).ok


def test_two_intact_copies_arriving_together_replace_a_damaged_one_once(library, tmp_path):
    intact = make_series(tmp_path / "ct", slices=1)[0]
    damaged = tmp_path / "damaged.dcm"
    damaged.write_bytes(intact.read_bytes()[:-5000])
    _store_as_it_came(library, damaged, intact)
    both = tmp_path / "both"
    both.mkdir()
    (both / "a.dcm").write_bytes(intact.read_bytes())
    data = bytearray(intact.read_bytes())
    data[-10] ^= 0xFF
    (both / "b.dcm").write_bytes(bytes(data))
    report = run_import(library, [both])
    assert [i.reason[:27] for i in report.imported] == ["Replaced a damaged copy of "]
    assert len(report.duplicates) == 1 and "same image ID" in report.duplicates[0].reason
    assert _stored_hash(library) in {hash_file(both / "a.dcm"), hash_file(both / "b.dcm")}
    assert check_library(library).ok
