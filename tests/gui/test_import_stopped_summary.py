"""The import summary of an import the full disk stopped: it says it stopped, why, and
what to do, above the files it imported and those it did not reach."""

from __future__ import annotations

from recordorg.gui.window.import_summary import ImportSummaryDialog
from recordorg.jobs.import_report import NOT_REACHED, ImportReport, Item

FULL = (
    "The disk holding the library is full: 120 KB free, 4.2 MB needed. Records imported "
    "before it filled are kept. Free some space (or move the library to a larger disk), then "
    "import the same files again to bring in the rest."
)


def test_the_summary_of_an_import_a_full_disk_stopped(qtbot) -> None:
    report = ImportReport(
        imported=[Item("/in/letter-0.pdf", 1), Item("/in/letter-1.pdf", 2)],
        records=[1, 2],
        stopped=FULL,
    )
    report.left_out("/in/scan.pdf")
    dialog = ImportSummaryDialog(report)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Import stopped"
    assert dialog.heading.text() == (
        f"Import stopped. 2 files were imported before stopping. {FULL}"
    )
    assert f"Could not be imported: /in/scan.pdf — {NOT_REACHED}" in dialog.as_text()
