"""A clinical document (C-CDA) opened in the window reads as a document, found by search."""

from __future__ import annotations

from recordorg.core.catalogue.library import Library
from recordorg.jobs.importer import import_paths
from tests.gui.conftest import save_screenshot
from tests.samplemakers.ccda import clinical_document


def _run(job):
    try:
        while True:
            next(job)
    except StopIteration as stop:
        return stop.value


def test_a_clinical_document_opens_as_a_readable_document(window, qtbot, tmp_path) -> None:
    from recordorg.gui.viewers.pdf_viewer import PdfViewer

    source = tmp_path / "portal" / "visit.xml"
    source.parent.mkdir()
    source.write_bytes(clinical_document())
    library = Library.open(tmp_path / "library", create=True)
    report = _run(import_paths(library, [source.parent], workers=1))
    (record_id,) = report.records
    library.close()
    assert window.libraries.open(tmp_path / "library")
    window.resize(1360, 860)
    window.open_record(record_id, find="")
    viewer = window.tabs.currentWidget()
    assert isinstance(viewer, PdfViewer)
    viewer.find_field.setText("Paclitaxel")
    qtbot.waitUntil(lambda: viewer.search.count() > 0, timeout=5000)
    qtbot.wait(400)  # pages render in the background
    save_screenshot(window, "viewer-clinical-document")
