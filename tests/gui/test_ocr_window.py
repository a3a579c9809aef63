"""Scans are read in the background after an import; a missing Tesseract is told once."""

from __future__ import annotations

import os

import pytest

from recordorg.core.catalogue import records
from recordorg.formats.ocr import tesseract_command
from recordorg.samples.documents import make_scanned_pdf


@pytest.mark.skipif(
    tesseract_command() is None and not os.environ.get("CI"),
    reason="Tesseract is not installed here",
)
def test_scans_are_read_after_an_import(window, qtbot, tmp_path) -> None:
    folder = tmp_path / "scans"
    make_scanned_pdf(
        folder / "scan.pdf",
        ["Discharge Summary", "Discharged: 14/08/2024", "Hospital course: uneventful."],
        dpi=150,
    )
    window.libraries.open(tmp_path / "library")
    reader = window.scans
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        window.imports.start([folder])
    window.imports.last_summary.close()
    qtbot.waitUntil(lambda: reader.job is not None, timeout=10_000)
    assert window.menus.import_actions[0].isEnabled()  # reading does not hold up the window
    qtbot.waitUntil(lambda: reader.job is None, timeout=60_000)
    assert reader.label.text() == "Read 1 page of scans."
    conn = window.library.connection()
    record = records.list_records(conn)[0]
    assert records.record_pages(conn, record.id)[0]["source"] == "ocr"
    assert (record.category, record.clinical_date) == ("discharge-summary", "2024-08-14")


def test_missing_tesseract_is_told_once(window, qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    monkeypatch.setenv("RECORDORG_TESSERACT", "none")
    folder = tmp_path / "scans"
    make_scanned_pdf(folder / "scan.pdf", ["Some scanned letter"], dpi=100)
    window.libraries.open(tmp_path / "library")
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        window.imports.start([folder])
    window.imports.last_summary.close()
    reader = window.scans
    assert reader.read(None) is None and reader.read(None) is None
    assert len(told) == 1 and "Tesseract" in told[0] and "install" in told[0].lower()
    assert "not installed" in reader.label.text()
