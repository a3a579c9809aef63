"""Importing from the window: drag and drop, the progress dialog, Cancel, the summary."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.library import Library
from recordorg.core.progress import Progress
from recordorg.gui.jobs import Job
from recordorg.samples.documents import make_text_pdf
from recordorg.samples.photos import make_letter_photo


def _drop(window, paths: list[Path]) -> bool:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPointF(200, 200), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    assert window.drop_overlay.isVisible()
    drop = QDropEvent(
        QPointF(200, 200), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def test_dropping_a_folder_imports_it(window, qtbot, tmp_path) -> None:
    folder = tmp_path / "from the hospital"
    folder.mkdir()
    make_text_pdf(folder / "biopsy.pdf", "Biopsy report", ["Invasive carcinoma, grade 2."])
    make_letter_photo(folder / "letter.jpg", ["Dear Maria,", "Your next visit is in May."])
    (folder / "notes.txt").write_text("bring the CD")
    (folder / "empty.pdf").write_bytes(b"")
    window.libraries.open(tmp_path / "library")
    assert window.library_view.pages.currentWidget() is window.library_view.empty_page
    with qtbot.waitSignal(window.import_finished, timeout=60_000) as finished:
        assert _drop(window, [folder])
    report = finished.args[0]
    assert len(report.imported) == 3 and len(report.failed) == 1
    view = window.library_view
    assert view.model.rowCount() == 3
    assert set(view.selected_ids()) == set(report.records)
    summary = window.imports.last_summary
    assert summary.isVisible()
    text = summary.as_text()
    assert "Imported 3 files into 3 records." in text
    assert "empty.pdf" in text and "The file is empty" in text
    summary.close()


def test_dropping_nothing_local_is_refused(window, tmp_path) -> None:
    window.libraries.open(tmp_path / "library")
    data = QMimeData()
    data.setUrls([QUrl("https://example.org/report.pdf")])
    enter = QDragEnterEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_cancelling_an_import_leaves_a_consistent_library(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    from recordorg.jobs import importer
    from tests.jobs.slow_reader import slow_ingest

    monkeypatch.setattr(importer.worker, "ingest", slow_ingest)  # so Cancel comes in time
    folder = tmp_path / "letters"
    folder.mkdir()
    for n in range(40):
        make_text_pdf(folder / f"letter-{n:02}.pdf", f"Letter {n}", [f"Visit number {n}."])
    window.libraries.open(tmp_path / "library")
    job = window.imports.start([folder])
    assert not window.menus.import_files_action.isEnabled()  # one import at a time
    qtbot.waitUntil(lambda: job.last is not None and job.last.done >= 3, timeout=60_000)
    with qtbot.waitSignal(window.import_finished, timeout=60_000) as finished:
        job.cancel()
    report = finished.args[0]
    assert report.cancelled and 3 <= len(report.imported) < 40
    assert "Import stopped" in window.imports.last_summary.as_text()
    library = Library.open(tmp_path / "library")
    try:
        assert check_library(library).ok
        count = library.connection().execute("SELECT count(*) FROM records").fetchone()[0]
        assert count == len(report.imported) == window.library_view.model.rowCount()
    finally:
        library.close()
    assert window.menus.import_files_action.isEnabled()


def test_a_quick_job_shows_no_dialog(window, qtbot) -> None:
    def quick(_cancel):
        yield Progress(1, 1, "one.pdf")
        return "done"

    job = Job(window, "Quick", quick)
    with qtbot.waitSignal(job.finished, timeout=5000) as finished:
        job.start()
    assert finished.args == ["done"]
    assert job.dialog is None


def test_a_long_job_shows_progress_and_cancel_reaches_it(window, qtbot) -> None:
    release = threading.Event()
    seen = []

    def long_job(cancel):
        for n in range(1000):
            if cancel.cancelled:
                return "stopped"
            yield Progress(n, 1000, f"file-{n}.pdf")
            release.wait(0.01)
        return "finished"

    job = Job(window, "Importing", long_job, dialog_delay_ms=50)
    job.progress.connect(seen.append)
    job.start()
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: "of 1,000 files" in job.dialog.count.text(), timeout=10_000)
    assert job.dialog.current.text().startswith("file-")
    with qtbot.waitSignal(job.finished, timeout=10_000) as finished:
        job.dialog.cancel_button.click()
    assert finished.args == ["stopped"]
    assert job.dialog is None
    assert len(seen) < 500  # progress is throttled, not one signal per step


def test_a_failing_job_reports_its_error(window, qtbot) -> None:
    def broken(_cancel):
        yield Progress(0, 1)
        raise RuntimeError("the disc was removed")

    job = Job(window, "Broken", broken)
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        job.start()
    assert "the disc was removed" in str(failed.args[0])
    assert "RuntimeError" in failed.args[1]
