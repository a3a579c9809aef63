"""A long import in the window: its progress under the records (which file of how many, the
time left), the window in use meanwhile, and Cancel keeping what was imported."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, Qt

from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.library import Library
from recordorg.core.progress import RemainingTime
from recordorg.gui.window.import_progress import ImportProgress
from recordorg.samples.documents import make_text_pdf
from tests.gui.conftest import save_screenshot

FILES = 24
READING = re.compile(rf"Reading (\d+) of {FILES} · IMG000\d\d\.pdf")


def _records(root) -> int:
    library = Library.open(root)
    try:
        assert check_library(library).ok
        return library.connection().execute("SELECT count(*) FROM records").fetchone()[0]
    finally:
        library.close()


def test_a_slow_import_shows_its_progress_while_the_window_stays_in_use(
    demo_window, demo_copy, qtbot, tmp_path, monkeypatch
) -> None:
    from recordorg.jobs import importer
    from tests.jobs.slow_reader import slower_ingest

    monkeypatch.setattr(importer.worker, "ingest", slower_ingest)  # a disc in a slow drive
    monkeypatch.setattr(RemainingTime, "SETTLE_SECONDS", 1.0)  # a short import still settles
    window, view = demo_window, demo_window.library_view
    disc = tmp_path / "disc"
    for n in range(FILES):
        make_text_pdf(disc / f"IMG{n:05}.pdf", f"Scan report {n}", [f"Report page {n}."])
    before = view.model.rowCount()
    job = window.imports.start([disc])
    try:
        qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible(), timeout=30_000)
        progress = job.dialog
        assert isinstance(progress, ImportProgress)
        assert progress.window() is window  # in the window, under the records: not a dialog
        under_tabs = window.tabs.mapTo(window, QPoint(0, window.tabs.height())).y()
        assert window.tabs.isVisible() and progress.mapTo(window, QPoint(0, 0)).y() >= under_tabs

        counts: set[int] = set()

        def shows_time_left() -> bool:
            if m := READING.fullmatch(progress.count.text()):
                counts.add(int(m[1]))
            return progress.time_left.text().endswith(" left")

        qtbot.waitUntil(shows_time_left, timeout=60_000)
        assert len(counts) >= 2 and max(counts) < FILES  # "Reading N of 24" advanced, not done
        assert job.running

        # The window is in use meanwhile: search, select a record, open it.
        field = window.menus.search_field
        field.setFocus()
        qtbot.keyClicks(field, "letroz")
        qtbot.waitUntil(lambda: view.search_model.rowCount() > 0, timeout=10_000)
        assert view.search_model.rowCount() < before
        qtbot.keyClick(field, Qt.Key.Key_Escape)
        grid = view.current_view()
        cell = grid.visualRect(grid.model().index(0, grid.modelColumn())).center()
        qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        assert len(view.selected_ids()) == 1
        opened = view.selected_ids()[0]
        qtbot.keyClick(grid, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.tabs.count() > 3, timeout=10_000)
        assert getattr(window.tabs.currentWidget(), "record_id", None) == opened
        window.tabs.setCurrentIndex(0)
        assert job.running, "the import ended before the window was tried; slow the reader more"
        save_screenshot(window, "import-progress-in-window")

        with qtbot.waitSignal(window.import_finished, timeout=60_000) as finished:
            progress.cancel_button.click()
            assert not progress.cancel_button.isEnabled()
            assert "imported is kept" in progress.time_left.text()
    finally:  # a failed check must not leave the import running (closing would ask)
        if window.imports.job is not None:
            window.imports.job.cancel()
            qtbot.waitUntil(lambda: window.imports.job is None, timeout=60_000)
    report = finished.args[0]
    assert report.cancelled and 0 < len(report.imported) < FILES
    qtbot.waitUntil(lambda: not window.job_area.findChildren(ImportProgress))  # gone at the end
    window.imports.last_summary.close()
    assert view.model.rowCount() == before + len(report.imported)
    assert _records(demo_copy) == before + len(report.imported)
