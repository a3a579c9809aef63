"""Screenshots of the main views, saved to screenshots/ for a person to look at."""

from __future__ import annotations

from recordorg.jobs.import_report import ImportReport, Item
from tests.gui.conftest import save_screenshot


def _all_thumbnails(view, qtbot) -> None:
    for record_id in view.model.ids():
        view.thumbnails.get(record_id)
    qtbot.waitUntil(lambda: all(view.thumbnails.has(i) for i in view.model.ids()), timeout=5000)
    qtbot.wait(50)


def _record_of_kind(view, kind: str) -> int:
    return next(
        view.model.record_id(r)
        for r in range(view.model.rowCount())
        if view.model.record_at(r).kind == kind
    )


def test_screenshots_of_the_library(demo_window, qtbot) -> None:
    view = demo_window.library_view
    demo_window.resize(1440, 900)
    _all_thumbnails(view, qtbot)
    save_screenshot(demo_window, "library-grid")
    demo_window.commands.set_view_mode("table")
    save_screenshot(demo_window, "library-table")
    demo_window.commands.set_view_mode("grid")
    view.select_ids([_record_of_kind(view, "dicom")])
    view.details.tags.tag_added.emit("second opinion")
    view.details.tags.tag_added.emit("bring to Dr Lee")
    save_screenshot(demo_window, "details-panel")
    view.select_ids(view.model.ids()[:4])
    save_screenshot(view.details, "details-several")
    demo_window.menus.search_field.setText("metasta")
    qtbot.waitUntil(lambda: view.search_model.rowCount() > 0, timeout=3000)
    save_screenshot(demo_window, "search-results")


def test_screenshots_of_the_viewers(demo_window, qtbot) -> None:
    view = demo_window.library_view
    demo_window.resize(1440, 900)
    pdf = next(
        view.model.record_id(r)
        for r in range(view.model.rowCount())
        if view.model.record_at(r).page_count >= 2
    )
    demo_window.open_record(pdf, find="")
    viewer = demo_window.tabs.currentWidget()
    viewer.find_field.setText("patient")
    qtbot.waitUntil(lambda: viewer.search.count() > 0, timeout=5000)
    qtbot.wait(400)  # pages render in the background
    save_screenshot(demo_window, "viewer-pdf")
    demo_window.open_record(_record_of_kind(view, "image"))
    qtbot.wait(50)
    save_screenshot(demo_window, "viewer-image")
    ct = next(
        view.model.record_id(r)
        for r in range(view.model.rowCount())
        if "CT" in view.model.record_at(r).meta.get("modalities", [])
    )
    demo_window.open_record(ct)
    viewer = demo_window.tabs.currentWidget()
    qtbot.waitUntil(lambda: not viewer.series_list.item(0).icon().isNull(), timeout=5000)
    viewer.canvas.cursor_value = "x 128, y 96 · Value 42"
    save_screenshot(demo_window, "viewer-dicom")


def test_screenshots_of_dialogs_and_empty_states(window, qtbot, tmp_path) -> None:
    from recordorg.core.progress import Progress
    from recordorg.gui.widgets.progress_dialog import ProgressDialog
    from recordorg.gui.window.about import AboutDialog
    from recordorg.gui.window.import_summary import ImportSummaryDialog

    window.libraries.open(tmp_path / "empty library")
    window.resize(1280, 800)
    save_screenshot(window, "library-empty")
    report = ImportReport(batch_id=1)
    report.imported = [Item(f"/media/cd/REPORTS/report-{n}.pdf", n) for n in range(1, 6)]
    report.duplicates = [
        Item("/home/maria/Downloads/Labs.pdf", 3, "Already in the library as record 3.")
    ]
    report.skipped = [
        Item(
            "/media/cd/VIEWER/viewer.exe",
            None,
            "Part of a viewer program or disc software, not a record.",
        )
    ]
    report.failed = [
        Item(
            "/home/maria/scan-broken.pdf",
            None,
            "This PDF is damaged: it ends before its last page.",
        )
    ]
    report.records = [1, 2, 3, 4, 5]
    summary = ImportSummaryDialog(report, window)
    summary.resize(720, 460)
    summary.show()
    save_screenshot(summary, "import-summary")
    progress = ProgressDialog(window, "Importing 1 item")
    progress.show_progress(Progress(37, 120, "IM000037"))
    progress.show()
    save_screenshot(progress, "import-progress")
    about = AboutDialog(window, str(tmp_path))
    about.show()
    save_screenshot(about, "about")
    for dialog in (summary, progress, about):
        dialog.close()


def test_screenshot_in_dark_mode(demo_window, qtbot) -> None:
    demo_window.menus.appearance_actions["dark"].trigger()
    try:
        view = demo_window.library_view
        demo_window.resize(1440, 900)
        view.select_ids([view.model.record_id(0)])
        _all_thumbnails(view, qtbot)
        from recordorg.gui.theme import is_dark

        assert is_dark()
        save_screenshot(demo_window, "library-dark")
        demo_window.open_record(_record_of_kind(view, "dicom"))
        save_screenshot(demo_window, "viewer-dicom-dark")
    finally:
        demo_window.menus.appearance_actions["system"].trigger()
