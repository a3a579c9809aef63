"""Importing into an empty library: from the moment the import starts, the empty page says that
records are being imported and offers no second import (the toolbar's Import waits too); once
the import ends with nothing brought in (damaged files), the page offers its imports again."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QToolButton

from tests.gui.conftest import save_screenshot
from tests.gui.import_running import import_stopped_after, its_end

FILES = 6


def _offered_imports(page) -> list[str]:
    """The buttons and links of a page a person can press to start an import."""
    pressable = page.findChildren(QPushButton) + page.findChildren(QToolButton)
    return [b.text() for b in pressable if b.isVisible() and b.isEnabled()]


def test_the_empty_page_says_an_import_runs_and_offers_no_second_one(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    from recordorg.jobs import importer
    from tests.jobs.slow_reader import slower_ingest

    monkeypatch.setattr(importer.worker, "ingest", slower_ingest)  # a disc in a slow drive
    disc = tmp_path / "disc"
    disc.mkdir()
    for n in range(FILES):  # damaged letters: read, and none of them brought in
        (disc / f"LETTER{n}.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    window.libraries.open(tmp_path / "library")
    view = window.library_view
    page = view.empty_page
    assert view.pages.currentWidget() is page
    assert "Import Files…" in _offered_imports(page)

    job = window.imports.start([tmp_path / "disc"])
    with import_stopped_after(window, qtbot):
        assert not window.menus.import_button.isEnabled()
        shown = view.pages.currentWidget()
        assert view.model.rowCount() == 0 and job.running  # no record has come in yet
        if shown is page:
            assert page.title.text() == "Importing your records…"
            assert "appear here" in page.text.text()
        assert not any("Import" in words for words in _offered_imports(shown))
        assert not any("demo" in words for words in _offered_imports(shown))
        qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible())
        save_screenshot(window, "import-into-empty-library")
        report = its_end(window, qtbot)
    window.imports.last_summary.close()
    assert len(report.failed) == FILES
    assert view.model.rowCount() == 0
    assert view.pages.currentWidget() is page
    assert page.title.text() == "Your library is empty"
    assert "Import Files…" in _offered_imports(page)
    assert window.menus.import_button.isEnabled()
