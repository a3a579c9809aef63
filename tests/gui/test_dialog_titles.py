"""Every dialog says in its title what it is about (never only the application's name)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from recordorg.core.errors import UserError


def test_error_boxes_have_a_title_that_says_what_happened(app_theme, monkeypatch) -> None:
    from recordorg.gui.errors import show_error

    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    show_error(None, UserError("There is no record 7 in this library."))
    assert shown[-1].windowTitle() == "This could not be done"
    try:
        raise KeyError("internal")
    except KeyError as error:
        show_error(None, error)
    assert shown[-1].windowTitle() == "Something went wrong"
    show_error(None, UserError("No room on the disc."), title="Export failed")
    assert shown[-1].windowTitle() == "Export failed"


def test_the_window_dialogs_have_titles(demo_window) -> None:
    from recordorg.gui.bundle.export_dialog import ExportDialog
    from recordorg.gui.window.import_summary import ImportSummaryDialog
    from recordorg.jobs.import_report import ImportReport

    for dialog in (
        ExportDialog(demo_window.library, [], demo_window),
        ImportSummaryDialog(ImportReport(), demo_window),
    ):
        assert dialog.windowTitle() not in ("", "recordorg"), type(dialog).__name__
        dialog.deleteLater()
