"""Hostile and broken files fail alone, each with one clear line; the rest imports."""

from __future__ import annotations

from pathlib import Path

import pytest

from recordorg.core.catalogue import records
from recordorg.core.catalogue.check import check_library
from recordorg.samples.documents import make_text_pdf
from tests.jobs.conftest import run_import
from tests.samplemakers.hostile import make_hostile_files

MUST_FAIL = {
    "zero_byte": "empty",
    "truncated_pdf": "",
    "garbage_pdf": "",
    "truncated_jpeg": "",
    "bomb_png": "too large",
    "bomb_pdf": "would need about 2.0 gb",
    "picture_bomb_pdf": "too large",
    "bomb_dicom": "would need about",
    "dicom_cut_header": "",
    "dicom_cut_pixels": "",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    files = make_hostile_files(folder)
    make_text_pdf(folder / "good.pdf", "Clinic letter", ["A perfectly good letter."])
    return files


def test_hostile_batch(library, hostile: dict[str, Path]) -> None:
    folder = hostile["zero_byte"].parent
    report = run_import(library, [folder], time_limit=8)
    failed = {Path(i.path).name: i.reason for i in report.failed}
    imported = {Path(i.path).name for i in report.imported}
    for key, words in MUST_FAIL.items():
        name = hostile[key].name
        assert name in failed, f"{key} was not refused: {report.to_json()}"
        assert words in failed[name].lower()
        assert "\n" not in failed[name] and "Traceback" not in failed[name]
    # a looping or very deep PDF either reads or fails alone, never hangs the batch
    for key in ("looping_pdf", "deep_pdf"):
        assert hostile[key].name in failed or hostile[key].name in imported
    for key in ("long_name", "non_ascii", "encrypted_pdf"):
        assert hostile[key].name in imported, key
    # report.dcm holds the same bytes as symlink_loop/inside.pdf: whichever is read first
    # is imported, the other is its duplicate, and either way the record is a PDF
    kept = {Path(i.path).name: i.record_id for i in report.imported + report.duplicates}
    assert records.get_record(library.connection(), kept["report.dcm"]).kind == "pdf"
    assert "good.pdf" in imported
    skipped = {Path(i.path).name for i in report.skipped}
    if "named_pipe" in hostile:
        assert hostile["named_pipe"].name in skipped
    if "symlink_loop" in hostile:
        loop_entries = [i for i in report.skipped if "symlink_loop" in i.path]
        assert loop_entries

    conn = library.connection()
    by_name = {r.original_name: r for r in records.list_records(conn)}
    locked = by_name[hostile["encrypted_pdf"].name]
    assert locked.locked and "password" in locked.warnings
    assert check_library(library).ok


def test_locked_pdf_is_read_once_the_password_is_given(library, hostile) -> None:
    from recordorg.core.errors import UserError
    from recordorg.jobs.unlock import unlock_pdf

    report = run_import(library, [hostile["encrypted_pdf"]])
    record_id = report.imported[0].record_id
    with pytest.raises(UserError, match="password"):
        unlock_pdf(library, record_id, "wrong")
    record = unlock_pdf(library, record_id, "secret")
    assert not record.locked
    assert any(p["text"].strip() for p in records.record_pages(library.connection(), record_id))


def test_a_hanging_reader_is_stopped_and_the_batch_goes_on(library, tmp_path, monkeypatch):
    from recordorg.jobs import importer

    make_text_pdf(tmp_path / "a.pdf", "Letter A", ["first"])
    make_text_pdf(tmp_path / "b.pdf", "Letter B", ["second"])
    monkeypatch.setattr(importer, "DEFAULT_TIME_LIMIT", 4.0)
    monkeypatch.setattr(importer, "SECONDS_PER_MB", 0.0)
    monkeypatch.setattr(importer.worker, "ingest", _hang_on_a)  # found by name in the reader
    report = run_import(library, [tmp_path], workers=1)
    assert [Path(i.path).name for i in report.failed] == ["a.pdf"]
    assert "too long" in report.failed[0].reason
    assert [Path(i.path).name for i in report.imported] == ["b.pdf"]
    assert check_library(library).ok


def _hang_on_a(source: str, kind: str, staging: str, originals: str):
    import time

    from recordorg.jobs.worker import ingest

    if source.endswith("a.pdf"):
        time.sleep(60)
    return ingest(source, kind, staging, originals)


def test_a_file_is_what_its_content_says_whatever_its_name(library, tmp_path) -> None:
    """Text named .pdf is a text record; random bytes named .dcm are kept with a reason."""
    (tmp_path / "letter.pdf").write_text(
        "Discharge letter\nThe patient was discharged home on the ward round.\n"
    )
    (tmp_path / "scan.dcm").write_bytes(bytes(range(7, 107)))
    report = run_import(library, [tmp_path])
    notes = {Path(i.path).name: (i.record_id, i.reason) for i in report.imported}
    assert set(notes) == {"letter.pdf", "scan.dcm"}, report.to_json()
    conn = library.connection()
    letter = records.get_record(conn, notes["letter.pdf"][0])
    assert (letter.kind, letter.mime) == ("other", "text/plain")
    assert "it is a text file" in notes["letter.pdf"][1] and "not a PDF" in letter.warnings
    assert letter.date_shown in (None, "")
    pages = conn.execute("SELECT text FROM pages WHERE record_id = ?", (letter.id,)).fetchall()
    assert "discharged home" in pages[0][0]
    scan = records.get_record(conn, notes["scan.dcm"][0])
    assert scan.kind == "other"
    assert notes["scan.dcm"][1].startswith("Named .dcm but it is not a DICOM file")
    assert scan.warnings.startswith("Named .dcm but it is not a DICOM file")
